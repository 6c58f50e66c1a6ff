"use client";
// The agents of a workspace: what each runs (the deployed version, when and by whom), whether its
// draft has changes not deployed yet, and how many releases it has. Members and above create
// agents here (a dialog); viewers see why they cannot.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Badge, EmptyState, ErrorState, LoadingRows } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError, Input, Textarea } from "@/components/ui/form";
import { DataTable } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { ApiClientError } from "@/lib/api/client";
import {
  agentsPath,
  useAgents,
  useCreateAgent,
  type AgentListView,
  type AgentView,
  type Where,
} from "./hooks";
import { AGENTS_VIEWER_REASON } from "./viewer";

function NewAgentDialog({ where, onClose }: { where: Where; onClose: () => void }) {
  const router = useRouter();
  const create = useCreateAgent(where);
  const err = create.error instanceof ApiClientError ? create.error : null;
  const nameError = err?.fieldMessage("name") ?? (err?.status === 409 ? err.message : undefined);
  const descriptionError = err?.fieldMessage("description");
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    create.mutate(
      {
        name: String(form.get("name") ?? "").trim(),
        description: String(form.get("description") ?? "").trim(),
      },
      { onSuccess: (agent) => router.push(`${agentsPath(where)}/${agent.id}`) },
    );
  }
  return (
    <Dialog
      open
      onClose={onClose}
      title="New agent"
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="new-agent-form" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create agent"}
          </Button>
        </>
      }
    >
      <form
        id="new-agent-form"
        onSubmit={onSubmit}
        className="space-y-4"
        noValidate
        aria-label="New agent"
      >
        <p className="text-sm text-slate-600">
          It starts with an empty draft: give it a model and a system prompt, then deploy it as
          release 1.0.0.
        </p>
        {err && !nameError && !descriptionError ? <FormError message={err.message} /> : null}
        <Field label="Name" htmlFor="agent-name" error={nameError} hint="Unique in this workspace.">
          <Input
            id="agent-name"
            name="name"
            placeholder="e.g. sales-assistant"
            required
            maxLength={100}
            autoFocus
            aria-invalid={nameError ? true : undefined}
          />
        </Field>
        <Field
          label="Description"
          htmlFor="agent-description"
          error={descriptionError}
          hint="Optional: what it is for and who uses it."
        >
          <Textarea
            id="agent-description"
            name="description"
            rows={3}
            maxLength={2000}
            placeholder="e.g. Qualifies inbound leads and books demos"
          />
        </Field>
      </form>
    </Dialog>
  );
}

const who = (u: { name: string; email: string } | null) => (u ? u.name || u.email : "someone");

function Row({ agent, where }: { agent: AgentView; where: Where }) {
  const deployed = agent.deployed_release;
  return (
    <tr data-testid="agent-row" data-agent={agent.name} className="align-top">
      <td className="px-4 py-3">
        <Link
          href={`${agentsPath(where)}/${agent.id}`}
          className="font-medium text-indigo-700 hover:underline"
        >
          {agent.name}
        </Link>
        {agent.description ? (
          <p className="mt-0.5 line-clamp-2 max-w-md text-xs text-slate-600">{agent.description}</p>
        ) : null}
      </td>
      <td className="whitespace-nowrap px-4 py-3">
        {deployed ? (
          <span className="font-mono font-medium text-slate-900">{deployed.version}</span>
        ) : (
          <span className="text-slate-500">not deployed</span>
        )}
      </td>
      <td className="px-4 py-3 text-slate-700">
        {deployed ? (
          <>
            <Time iso={deployed.deployed_at} className="whitespace-nowrap" />
            <span className="block text-xs text-slate-500">by {who(deployed.deployed_by)}</span>
          </>
        ) : (
          <span className="text-slate-500">—</span>
        )}
      </td>
      <td className="px-4 py-3">
        {agent.draft_changed ? (
          <Badge tone="amber">{deployed ? "draft changed" : "draft not deployed"}</Badge>
        ) : agent.draft_id ? (
          <span className="text-xs text-slate-500">same as deployed</span>
        ) : (
          <span className="text-xs text-slate-500">not edited yet</span>
        )}
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-slate-700">
        {agent.release_count ? (
          <Link href={`${agentsPath(where)}/${agent.id}/releases`} className="hover:underline">
            {agent.release_count} {agent.release_count === 1 ? "release" : "releases"}
          </Link>
        ) : (
          <span className="text-slate-500">none</span>
        )}
      </td>
    </tr>
  );
}

export function AgentsList({
  where,
  canWrite,
  initial,
}: {
  where: Where;
  canWrite: boolean;
  initial: AgentListView;
}) {
  const agents = useAgents(where, initial);
  const [creating, setCreating] = useState(false);
  const newButton = (
    <Button
      onClick={() => setCreating(true)}
      disabled={!canWrite}
      title={canWrite ? undefined : AGENTS_VIEWER_REASON}
    >
      New agent
    </Button>
  );

  if (agents.isPending) return <LoadingRows rows={4} />;
  if (agents.isError)
    return (
      <ErrorState
        message={`Could not load the agents: ${agents.error.message}`}
        onRetry={() => agents.refetch()}
      />
    );
  const list = agents.data.agents;

  return (
    <div className="space-y-6">
      {!canWrite ? (
        <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
          Read only: {AGENTS_VIEWER_REASON}
        </p>
      ) : null}
      {list.length === 0 ? (
        <EmptyState title="No agents yet" action={canWrite ? newButton : undefined}>
          <p>
            An <strong>agent</strong> is a configuration your product runs: a model, a system
            prompt, actions, resources, capabilities from the catalog and MCP clients. You edit its{" "}
            <strong>draft</strong> freely; <strong>deploying</strong> the draft creates an
            immutable, versioned <strong>release</strong> (1.0.0, 1.0.1, …) that the agent runs.
            Going back means restoring an old release into the draft and deploying it again.
          </p>
          {!canWrite ? <p className="mt-2">{AGENTS_VIEWER_REASON}</p> : null}
        </EmptyState>
      ) : (
        <section aria-labelledby="agents-heading">
          <div className="mb-3 flex items-center justify-between gap-4">
            <h2 id="agents-heading" className="text-base font-semibold text-slate-900">
              {list.length} {list.length === 1 ? "agent" : "agents"}
            </h2>
            {newButton}
          </div>
          <DataTable label="Agents" columns={["Agent", "Deployed", "When", "Draft", "Releases"]}>
            {list.map((a) => (
              <Row key={a.id} agent={a} where={where} />
            ))}
          </DataTable>
        </section>
      )}
      {creating ? <NewAgentDialog where={where} onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
