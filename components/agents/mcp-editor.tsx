"use client";
// The draft's MCP clients: name, URL, kind, disabled tools and authentication. The API never
// returns a secret in full: a stored access or refresh token shows as its redaction ("••••abcd").
// Leaving the field empty keeps the stored secret (the redaction is sent back, which the API
// resolves to the stored value); typing a value replaces it; Remove drops it.
import { Switch } from "@/components/ui/switch";
import {
  mcpClientRow,
  type DraftForm,
  type EditForm,
  type Errors,
  type McpAuth,
} from "./draft-form";
import { patchAt, RowList, Section, TextField } from "./editor-ui";

type Row = DraftForm["mcp_clients"][number];

function Secret({
  row,
  i,
  field,
  label,
  setAuth,
  errors,
}: {
  row: Row;
  i: number;
  field: "access_token" | "refresh_token";
  label: string;
  setAuth: (patch: Partial<McpAuth>) => void;
  errors: Errors;
}) {
  const stored = row.auth[`${field}_stored`];
  const typed = row.auth[field];
  return (
    <div>
      <TextField
        id={`mcp-${row.key}-${field}`}
        label={label}
        type="password"
        autoComplete="off"
        value={typed}
        onChange={(v) => setAuth({ [field]: v })}
        errors={errors}
        errorKey={`mcp_clients.${i}.authentication.${field}`}
        placeholder={stored ? `${stored} (stored)` : "none"}
        hint={
          stored ? (
            <span data-testid={`mcp-${field}-stored`}>
              Stored: <code>{stored}</code>.{" "}
              {typed
                ? "The value typed replaces it on save."
                : "Leave empty to keep it; type a new value to replace it."}{" "}
              <button
                type="button"
                className="font-medium text-red-700 hover:underline disabled:text-slate-400"
                onClick={() => setAuth({ [`${field}_stored`]: null, [field]: "" })}
              >
                Remove it
              </button>
            </span>
          ) : (
            "Stored encrypted; shown afterwards only as its last 4 characters."
          )
        }
      />
    </div>
  );
}

export function McpClientsEditor({
  form,
  edit,
  errors,
}: {
  form: DraftForm;
  edit: EditForm;
  errors: Errors;
}) {
  const set = (i: number, patch: Partial<Row>) =>
    edit((f) => ({ ...f, mcp_clients: patchAt(f.mcp_clients, i, patch) }));
  const setAuth = (i: number) => (patch: Partial<McpAuth>) =>
    edit((f) => ({
      ...f,
      mcp_clients: f.mcp_clients.map((r, j) =>
        j === i ? { ...r, auth: { ...r.auth, ...patch } } : r,
      ),
    }));
  return (
    <Section
      id="mcp-clients"
      title="MCP clients"
      description="MCP servers the agent connects to. Their secrets are stored encrypted and never shown again in full."
    >
      <RowList
        label="MCP clients"
        rows={form.mcp_clients}
        empty="No MCP clients."
        addLabel="Add MCP client"
        onAdd={() => edit((f) => ({ ...f, mcp_clients: [...f.mcp_clients, mcpClientRow()] }), true)}
        onRemove={(i) =>
          edit((f) => ({ ...f, mcp_clients: f.mcp_clients.filter((_, j) => j !== i) }), true)
        }
        rowTitle={(r, i) => r.name || `MCP client ${i + 1}`}
        summary={(r) =>
          [
            r.kind,
            r.url,
            r.auth.on
              ? `authenticated${r.auth.access_token_stored ? ` (${r.auth.access_token_stored})` : ""}`
              : "no authentication",
            r.disabled_tool_slugs ? `disabled: ${r.disabled_tool_slugs}` : "",
          ]
            .filter(Boolean)
            .join(" · ")
        }
        errors={errors}
        errorPrefix="mcp_clients"
      >
        {(r, i) => {
          const id = (f: string) => `mcp-${r.key}-${f}`;
          const k = (f: string) => `mcp_clients.${i}.${f}`;
          const a = r.auth;
          return (
            <div className="space-y-4">
              <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
                <TextField
                  id={id("name")}
                  label="Name"
                  value={r.name}
                  onChange={(v) => set(i, { name: v })}
                  errors={errors}
                  errorKey={k("name")}
                  placeholder="e.g. crm"
                  required
                />
                <TextField
                  id={id("url")}
                  label="URL"
                  value={r.url}
                  onChange={(v) => set(i, { url: v })}
                  errors={errors}
                  errorKey={k("url")}
                  placeholder="https://mcp.example.com/crm"
                  required={r.kind.trim() !== "connector"}
                  type="url"
                />
                <TextField
                  id={id("kind")}
                  label="Kind"
                  value={r.kind}
                  onChange={(v) => set(i, { kind: v })}
                  errors={errors}
                  errorKey={k("kind")}
                  placeholder="e.g. http"
                />
                <TextField
                  id={id("disabled")}
                  label="Disabled tools"
                  value={r.disabled_tool_slugs}
                  onChange={(v) => set(i, { disabled_tool_slugs: v })}
                  errors={errors}
                  errorKey={k("disabled_tool_slugs")}
                  hint="Tool slugs, comma-separated."
                />
              </div>
              <div className="rounded-md border border-slate-200 bg-white p-3">
                <div className="flex items-center justify-between gap-3">
                  <p className="text-sm font-medium text-slate-800">Authentication</p>
                  <Switch
                    label={`Authentication of ${r.name || `MCP client ${i + 1}`}`}
                    checked={a.on}
                    onChange={(on) => setAuth(i)({ on })}
                  />
                </div>
                {a.on ? (
                  <div className="mt-3 grid grid-cols-1 gap-3 md:grid-cols-2">
                    <Secret
                      row={r}
                      i={i}
                      field="access_token"
                      label="Access token"
                      setAuth={setAuth(i)}
                      errors={errors}
                    />
                    <Secret
                      row={r}
                      i={i}
                      field="refresh_token"
                      label="Refresh token"
                      setAuth={setAuth(i)}
                      errors={errors}
                    />
                    <TextField
                      id={id("token-type")}
                      label="Token type"
                      value={a.token_type}
                      onChange={(v) => setAuth(i)({ token_type: v })}
                      errors={errors}
                      errorKey={k("authentication.token_type")}
                      placeholder="Bearer"
                    />
                    <TextField
                      id={id("scope")}
                      label="Scope"
                      value={a.scope}
                      onChange={(v) => setAuth(i)({ scope: v })}
                      errors={errors}
                      errorKey={k("authentication.scope")}
                    />
                    <TextField
                      id={id("client-id")}
                      label="Client id"
                      value={a.client_id}
                      onChange={(v) => setAuth(i)({ client_id: v })}
                      errors={errors}
                      errorKey={k("authentication.client_id")}
                    />
                    <div className="grid grid-cols-2 gap-3">
                      <TextField
                        id={id("issued-at")}
                        label="Issued at"
                        value={a.issued_at}
                        onChange={(v) => setAuth(i)({ issued_at: v })}
                        errors={errors}
                        errorKey={k("authentication.issued_at")}
                        placeholder="2026-01-01T00:00:00Z"
                      />
                      <TextField
                        id={id("expires-in")}
                        label="Expires in (s)"
                        value={a.expires_in}
                        onChange={(v) => setAuth(i)({ expires_in: v })}
                        errors={errors}
                        errorKey={k("authentication.expires_in")}
                        inputMode="numeric"
                      />
                    </div>
                  </div>
                ) : (
                  <p className="mt-1 text-xs text-slate-500">
                    None: the client connects without credentials.
                    {a.orig ? " Turning it off drops the stored secrets on save." : ""}
                  </p>
                )}
              </div>
            </div>
          );
        }}
      </RowList>
    </Section>
  );
}
