"use client";
// Settings → Model provider: which provider a workspace's built-in optimization runs use (its
// own, the environment's, or none, with both ways to set one up), the form for its own, and
// removing it. The workspace is in the URL (`?ws=`); admins and owners change it, others read.
import { usePathname, useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card, ErrorState } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/form";
import { Time } from "@/components/ui/time";
import { ModelProviderForm } from "./model-provider-form";
import {
  useModelProvider,
  useRemoveModelProvider,
  type ModelProviderView,
  type Where,
} from "./model-provider-hooks";

interface WorkspaceOption {
  slug: string;
  name: string;
}

function WorkspacePicker({
  current,
  workspaces,
}: {
  current: string;
  workspaces: WorkspaceOption[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  return (
    <div className="max-w-xs">
      <Field
        label="Workspace"
        htmlFor="mp-workspace"
        hint="Each workspace has its own provider settings."
      >
        <Select
          id="mp-workspace"
          value={current}
          onChange={(e) => router.push(`${pathname}?ws=${encodeURIComponent(e.target.value)}`)}
        >
          {workspaces.map((w) => (
            <option key={w.slug} value={w.slug}>
              {w.name} ({w.slug})
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-2 py-1 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </div>
  );
}

const mono = (v: string) => <span className="font-mono text-[13px]">{v}</span>;

function Applied({ view }: { view: ModelProviderView }) {
  const model = view.model ?? "";
  const role = (m: string | null) =>
    m ? mono(m) : <span className="text-slate-500">same as default ({mono(model)})</span>;
  return (
    <dl className="mt-3 divide-y divide-slate-100">
      <Row label="Base URL">{mono(view.base_url ?? "")}</Row>
      <Row label="API key">
        {view.api_key_set ? (
          <>set{view.api_key_last4 ? <>, ends in {mono(`…${view.api_key_last4}`)}</> : null}</>
        ) : (
          <span className="text-slate-500">none</span>
        )}
      </Row>
      <Row label="Default model">{mono(model)}</Row>
      <Row label="Agent model">{role(view.agent_model)}</Row>
      <Row label="Simulated user model">{role(view.user_model)}</Row>
      <Row label="Judge model">{role(view.judge_model)}</Row>
      <Row label="Limits">
        {view.max_concurrency} calls at once, {(view.timeout_ms ?? 0) / 1000} s per call
      </Row>
    </dl>
  );
}

const ollamaEnv =
  "QUIVER_LLM_BASE_URL=http://localhost:11434/v1\nQUIVER_LLM_MODEL=llama3.1\n# QUIVER_LLM_API_KEY=sk-…   (hosted providers)";

function NoProvider({ canWrite }: { canWrite: boolean }) {
  return (
    <div
      className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-8"
      data-testid="provider-none"
    >
      <div className="flex items-center gap-2">
        <Badge tone="amber">None</Badge>
        <h2 className="text-base font-semibold text-slate-900">
          No model provider for this workspace
        </h2>
      </div>
      <p className="mt-2 max-w-3xl text-sm text-slate-600">
        Built-in optimization runs need an OpenAI-compatible chat-completions endpoint to write
        variants, play the personas and judge the conversations. Runs with an external executor do
        not. There are two ways to give them one:
      </p>
      <ol className="mt-3 max-w-3xl list-decimal space-y-2 pl-5 text-sm text-slate-700">
        <li>
          <span className="font-medium">For this workspace</span>:{" "}
          {canWrite ? "fill in the form below and save it" : "an admin or owner fills in this page"}
          . The API key is stored encrypted and never shown again.
        </li>
        <li>
          <span className="font-medium">For every workspace</span> without its own: set{" "}
          <code className="font-mono text-xs">QUIVER_LLM_BASE_URL</code> and{" "}
          <code className="font-mono text-xs">QUIVER_LLM_MODEL</code> (and{" "}
          <code className="font-mono text-xs">QUIVER_LLM_API_KEY</code> when the endpoint needs one)
          in Quiver&apos;s environment and restart it.
        </li>
      </ol>
      <div className="mt-4 max-w-3xl rounded-md bg-slate-50 p-3 text-sm text-slate-700 ring-1 ring-inset ring-slate-200">
        <p>
          <span className="font-medium">Example, a local Ollama</span> (
          <code className="font-mono text-xs">ollama pull llama3.1</code>): base URL{" "}
          <code className="font-mono text-xs">http://localhost:11434/v1</code>, model{" "}
          <code className="font-mono text-xs">llama3.1</code>, no API key. In the environment:
        </p>
        <pre className="mt-2 overflow-x-auto rounded bg-white p-2 font-mono text-xs text-slate-800 ring-1 ring-slate-200">
          {ollamaEnv}
        </pre>
        <p className="mt-2">
          Saved as this workspace&apos;s settings instead, a local or private address is refused
          unless Quiver&apos;s operator allows it, e.g.{" "}
          <code className="break-all font-mono text-xs">
            QUIVER_LLM_ALLOWED_HOSTS=localhost:11434,127.0.0.1:11434
          </code>
          .
        </p>
      </div>
    </div>
  );
}

function Status({ view, workspace }: { view: ModelProviderView; workspace: string }) {
  if (view.source === "none") return null;
  const own = view.source === "workspace";
  return (
    <Card className="p-5">
      <div className="flex flex-wrap items-center gap-2" data-testid={`provider-${view.source}`}>
        <Badge tone={own ? "green" : "indigo"}>{own ? "Workspace" : "Environment"}</Badge>
        <h2 className="text-base font-semibold text-slate-900">
          {own
            ? `Runs in ${workspace} use this workspace's own provider`
            : `Runs in ${workspace} use the provider from Quiver's environment`}
        </h2>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        {own ? (
          <>
            Saved {view.updated_at ? <Time iso={view.updated_at} /> : null}
            {view.updated_by?.email ? <> by {view.updated_by.email}</> : null}.{" "}
            {view.environment ? (
              <>
                Without it, the environment&apos;s {mono(view.environment.base_url)} (
                {mono(view.environment.model)}) would apply.
              </>
            ) : (
              <>Without it there would be none: the environment sets no provider.</>
            )}
          </>
        ) : (
          <>
            Set by QUIVER_LLM_* for every workspace without its own settings. Saving settings below
            gives this workspace its own.
          </>
        )}
      </p>
      {/* The workspace's own settings are in the form below; the environment's are shown only here. */}
      {own ? null : <Applied view={view} />}
    </Card>
  );
}

function RemoveProvider({
  where,
  view,
  onRemoved,
}: {
  where: Where;
  view: ModelProviderView;
  onRemoved: () => void;
}) {
  const remove = useRemoveModelProvider(where);
  const [open, setOpen] = useState(false);
  const after = view.environment
    ? `The environment's provider (${view.environment.base_url}, ${view.environment.model}) will apply again.`
    : "The environment sets no provider, so built-in optimization runs in this workspace will not start until one is set.";
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Remove workspace provider
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Remove this workspace's provider?"
        footer={
          <>
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button
              variant="danger"
              disabled={remove.isPending}
              onClick={() =>
                remove.mutate(undefined, {
                  onSuccess: () => {
                    setOpen(false);
                    onRemoved();
                  },
                })
              }
            >
              {remove.isPending ? "Removing…" : "Remove"}
            </Button>
          </>
        }
      >
        <p className="text-sm text-slate-700">
          Its settings and stored API key are deleted. {after}
        </p>
        {remove.error ? <p className="mt-2 text-sm text-red-700">{remove.error.message}</p> : null}
      </Dialog>
    </>
  );
}

export function ModelProviderPanel({
  org,
  workspace,
  workspaces,
  canWrite,
  initial,
}: {
  org: string;
  workspace: WorkspaceOption;
  workspaces: WorkspaceOption[];
  canWrite: boolean;
  initial: ModelProviderView;
}) {
  const where = { org, ws: workspace.slug };
  const query = useModelProvider(where, initial);
  const [notice, setNotice] = useState<string | null>(null);
  const view = query.data;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <p className="max-w-2xl text-sm text-slate-600">
          The model provider of workspace{" "}
          <span className="font-medium text-slate-900">{workspace.name}</span>: the endpoint and
          models that built-in optimization runs use for the agent under test, the simulated users
          and the judge.
        </p>
        {workspaces.length > 1 ? (
          <WorkspacePicker current={workspace.slug} workspaces={workspaces} />
        ) : null}
      </div>
      {query.isError ? (
        <ErrorState
          message={`Could not refresh the model provider: ${query.error.message}`}
          onRetry={() => query.refetch()}
        />
      ) : null}
      {notice ? (
        <div
          role="status"
          className="flex items-center justify-between rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-200"
        >
          <span>{notice}</span>
          <button
            type="button"
            className="text-emerald-800 underline underline-offset-2"
            onClick={() => setNotice(null)}
          >
            Dismiss
          </button>
        </div>
      ) : null}
      {view.source === "none" ? (
        <NoProvider canWrite={canWrite} />
      ) : (
        <Status view={view} workspace={workspace.slug} />
      )}
      {canWrite || view.source === "workspace" ? (
        <Card>
          <ModelProviderForm
            key={`${view.source}:${view.updated_at ?? ""}`}
            where={where}
            view={view}
            canWrite={canWrite}
            onSaved={() =>
              setNotice(
                `Saved. Built-in runs in ${workspace.slug} use these settings from their next start.`,
              )
            }
          />
          {canWrite && view.source === "workspace" ? (
            <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-5 py-4">
              <p className="text-sm text-slate-600">
                Removing this workspace&apos;s settings goes back to the environment&apos;s
                provider, if it has one.
              </p>
              <RemoveProvider
                where={where}
                view={view}
                onRemoved={() => setNotice("Removed this workspace's provider.")}
              />
            </div>
          ) : null}
        </Card>
      ) : (
        <p className="text-sm text-slate-600">
          Only admins and owners give a workspace its own model provider.
        </p>
      )}
    </div>
  );
}
