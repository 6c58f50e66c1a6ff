"use client";
// Settings → API tokens: create one (its secret shown once, with copy), list, revoke.
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card, EmptyState, ErrorState, LoadingRows } from "@/components/ui/card";
import { Field, FormError, Input, Select } from "@/components/ui/form";
import { DataTable } from "@/components/ui/table";
import { formatDate } from "@/components/ui/format";
import { ApiClientError } from "@/lib/api/client";
import {
  useCreateToken,
  useRevokeToken,
  useTokens,
  type ApiTokenView,
  type CreatedTokenView,
} from "./hooks";

const allScopes = ["read", "write", "admin"] as const;
const expiryChoices = [
  { value: "", label: "Never" },
  { value: "7", label: "In 7 days" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In a year" },
];

type Scope = ApiTokenView["scopes"][number];

function grantable(role: string): readonly Scope[] {
  if (role === "owner" || role === "admin") return allScopes;
  if (role === "member") return ["read", "write"];
  return ["read"];
}

function NewSecret({ token, onDone }: { token: CreatedTokenView; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="rounded-lg border border-emerald-300 bg-emerald-50 p-4" data-testid="new-token">
      <p className="text-sm font-medium text-emerald-900">
        Token “{token.name}” created. Copy it now: it will not be shown again.
      </p>
      <div className="mt-3 flex items-center gap-2">
        <code
          className="block flex-1 overflow-x-auto rounded bg-white px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-emerald-200"
          data-testid="token-secret"
        >
          {token.token}
        </code>
        <Button
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard?.writeText(token.token).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}

function CreateTokenForm({
  org,
  role,
  workspaces,
  onCreated,
}: {
  org: string;
  role: string;
  workspaces: { slug: string; name: string }[];
  onCreated: (t: CreatedTokenView) => void;
}) {
  const create = useCreateToken(org);
  const [scopes, setScopes] = useState<Scope[]>(["read"]);
  const allowed = grantable(role);
  const err = create.error instanceof ApiClientError ? create.error : null;

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const days = String(form.get("expiry") ?? "");
    const workspace = String(form.get("workspace") ?? "");
    create.mutate(
      {
        name: String(form.get("name") ?? ""),
        scopes,
        ...(workspace ? { workspace } : {}),
        ...(days
          ? { expires_at: new Date(Date.now() + Number(days) * 86_400_000).toISOString() }
          : {}),
      },
      {
        onSuccess: (t) => {
          onCreated(t);
          (e.target as HTMLFormElement).reset();
          setScopes(["read"]);
        },
      },
    );
  }

  return (
    <form onSubmit={onSubmit} className="grid grid-cols-1 gap-4 p-5 md:grid-cols-2" noValidate>
      <div className="md:col-span-2">
        <h2 className="text-base font-semibold text-slate-900">Create a token</h2>
        <p className="text-sm text-slate-600">
          Tokens act as you in this organization, limited to their scopes.
        </p>
      </div>
      <div className="md:col-span-2">
        <FormError message={err && !err.payload.errors?.length ? err.message : null} />
      </div>
      <Field label="Name" htmlFor="token-name" error={err?.fieldMessage("name")}>
        <Input
          id="token-name"
          name="name"
          placeholder="e.g. CI pipeline"
          required
          maxLength={100}
        />
      </Field>
      <fieldset className="min-w-0">
        <legend className="block text-sm font-medium text-slate-800">Scopes</legend>
        <div className="mt-2 flex gap-4">
          {allScopes.map((s) => (
            <label
              key={s}
              className={`flex items-center gap-2 text-sm ${allowed.includes(s) ? "text-slate-800" : "text-slate-400"}`}
            >
              <input
                type="checkbox"
                name="scopes"
                value={s}
                disabled={!allowed.includes(s)}
                checked={scopes.includes(s)}
                onChange={(e) =>
                  setScopes((cur) => (e.target.checked ? [...cur, s] : cur.filter((x) => x !== s)))
                }
              />
              {s}
            </label>
          ))}
        </div>
        <p className="mt-1 text-xs text-slate-500">
          {err?.fieldMessage("scopes") ?? "admin includes write; write includes read."}
        </p>
      </fieldset>
      <Field
        label="Default workspace"
        htmlFor="token-workspace"
        error={err?.fieldMessage("workspace")}
      >
        <Select id="token-workspace" name="workspace" defaultValue="">
          <option value="">None</option>
          {workspaces.map((w) => (
            <option key={w.slug} value={w.slug}>
              {w.name} ({w.slug})
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Expires" htmlFor="token-expiry" error={err?.fieldMessage("expires_at")}>
        <Select id="token-expiry" name="expiry" defaultValue="90">
          {expiryChoices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </Select>
      </Field>
      <div className="md:col-span-2">
        <Button type="submit" disabled={create.isPending || scopes.length === 0}>
          {create.isPending ? "Creating…" : "Create token"}
        </Button>
      </div>
    </form>
  );
}

function RevokeButton({ org, token }: { org: string; token: ApiTokenView }) {
  const revoke = useRevokeToken(org);
  const [confirming, setConfirming] = useState(false);
  if (token.status === "revoked") return null;
  if (!confirming) {
    return (
      <Button
        variant="danger"
        onClick={() => setConfirming(true)}
        aria-label={`Revoke ${token.name}`}
      >
        Revoke
      </Button>
    );
  }
  return (
    <span className="inline-flex flex-wrap items-center justify-end gap-2">
      <Button
        variant="danger"
        className="whitespace-nowrap"
        onClick={() => revoke.mutate(token.id)}
        disabled={revoke.isPending}
        aria-label={`Confirm revoking ${token.name}`}
      >
        {revoke.isPending ? "Revoking…" : "Confirm revoke"}
      </Button>
      <Button variant="ghost" onClick={() => setConfirming(false)}>
        Cancel
      </Button>
      {revoke.error ? <span className="text-xs text-red-700">{revoke.error.message}</span> : null}
    </span>
  );
}

const statusTone = { active: "green", expired: "amber", revoked: "red" } as const;

/** A table date, small, on two unbroken lines (day, then time): nine columns fit in 1280px. */
function When({ iso, empty = "—" }: { iso: string | null; empty?: string }) {
  if (!iso) return <span className="text-xs">{empty}</span>;
  const d = new Date(iso);
  return (
    <time
      dateTime={iso}
      title={formatDate(iso)}
      className="whitespace-nowrap text-xs text-slate-700"
    >
      {d.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" })}
      <span className="block text-slate-500">
        {d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" })}
      </span>
    </time>
  );
}

export function TokensPanel({
  org,
  role,
  workspaces,
}: {
  org: string;
  role: string;
  workspaces: { slug: string; name: string }[];
}) {
  const tokens = useTokens(org);
  const [created, setCreated] = useState<CreatedTokenView | null>(null);

  return (
    <div className="space-y-6">
      {created ? <NewSecret token={created} onDone={() => setCreated(null)} /> : null}
      <Card>
        <CreateTokenForm org={org} role={role} workspaces={workspaces} onCreated={setCreated} />
      </Card>
      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="mb-3 text-base font-semibold text-slate-900">
          Tokens
        </h2>
        {tokens.isPending ? (
          <LoadingRows />
        ) : tokens.isError ? (
          <ErrorState
            message={`Could not load tokens: ${tokens.error.message}`}
            onRetry={() => tokens.refetch()}
          />
        ) : tokens.data.tokens.length === 0 ? (
          <EmptyState title="No API tokens">
            Create a token above to call the Quiver API from scripts, CI or the CLI.
          </EmptyState>
        ) : (
          <DataTable
            label="API tokens"
            columns={[
              "Name",
              "Token",
              "Scopes",
              "Workspace",
              "Created",
              "Last used",
              "Expires",
              "Status",
              "",
            ]}
            cellPadding="px-3"
          >
            {tokens.data.tokens.map((t) => (
              <tr key={t.id} data-testid={`token-row-${t.name}`}>
                <td className="px-3 py-2 font-medium text-slate-900">
                  {t.name}
                  <div className="text-xs font-normal text-slate-500">{t.created_by.email}</div>
                </td>
                <td className="whitespace-nowrap px-3 py-2 font-mono text-xs text-slate-700">
                  {t.prefix}…
                </td>
                <td className="px-3 py-2">{t.scopes.join(", ")}</td>
                <td className="px-3 py-2">{t.workspace ?? "—"}</td>
                <td className="px-3 py-2 text-slate-600">
                  <When iso={t.created_at} />
                </td>
                <td className="px-3 py-2 text-slate-600">
                  <When iso={t.last_used_at} empty="Never" />
                </td>
                <td className="px-3 py-2 text-slate-600">
                  <When iso={t.expires_at} empty="Never" />
                </td>
                <td className="px-3 py-2">
                  <Badge tone={statusTone[t.status]}>{t.status}</Badge>
                </td>
                <td className="px-3 py-2 text-right">
                  <RevokeButton org={org} token={t} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}
