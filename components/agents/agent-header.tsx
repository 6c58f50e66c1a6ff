"use client";
// An agent's header: name and description (edit), delete with confirmation, and where it stands:
// the deployed release (version, when, by whom), the draft (revision, changed or not, last edit),
// and the release history.
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card, ErrorState, PageHeader } from "@/components/ui/card";
import { DeletePageDialog } from "@/components/ui/confirm-dialog";
import { DetailsDialog } from "@/components/ui/details-dialog";
import { Time } from "@/components/ui/time";
import {
  agentsPath,
  useAgent,
  useDeleteAgent,
  useDraft,
  useUpdateAgent,
  type AgentView,
  type DraftView,
  type Where,
} from "./hooks";

function EditDialog({
  where,
  agent,
  onClose,
}: {
  where: Where;
  agent: AgentView;
  onClose: () => void;
}) {
  const update = useUpdateAgent(where, agent.id);
  return (
    <DetailsDialog
      title="Rename or describe the agent"
      idPrefix="edit-agent"
      initial={agent}
      nameHint="Unique in this workspace. Releases keep their versions."
      multiline
      descriptionMaxLength={2000}
      conflictAtName
      save={update}
      onClose={onClose}
    />
  );
}

function DeleteDialog({
  where,
  agent,
  onClose,
}: {
  where: Where;
  agent: AgentView;
  onClose: () => void;
}) {
  const remove = useDeleteAgent(where, agent.id);
  return (
    <DeletePageDialog
      title={`Delete ${agent.name}?`}
      confirmLabel="Delete agent"
      remove={remove}
      listPath={agentsPath(where)}
      onClose={onClose}
    >
      <p>
        Its draft and{" "}
        {agent.release_count === 1
          ? "its one release go"
          : `all ${agent.release_count} releases go`}{" "}
        with it
        {agent.deployed_release
          ? `, including ${agent.deployed_release.version}, the one it runs`
          : ""}
        . This cannot be undone; the audit log keeps the record.
      </p>
    </DeletePageDialog>
  );
}

const who = (u: { name: string; email: string } | null) => (u ? u.name || u.email : "someone");

export function AgentHeader({
  where,
  initial,
  initialDraft,
  canWrite,
  reason,
}: {
  where: Where;
  initial: AgentView;
  initialDraft: DraftView;
  canWrite: boolean;
  reason: string;
}) {
  const agentQuery = useAgent(where, initial.id, initial);
  const draftQuery = useDraft(where, initial.id, initialDraft);
  const [dialog, setDialog] = useState<"edit" | "delete" | null>(null);
  const agent = agentQuery.data ?? initial;
  const draft = draftQuery.data ?? initialDraft;
  const deployed = agent.deployed_release;
  const history = `${agentsPath(where)}/${agent.id}/releases`;
  return (
    <>
      <nav className="mb-2 text-sm text-slate-500">
        <Link href={agentsPath(where)} className="hover:text-slate-800">
          Agents
        </Link>{" "}
        / {agent.name}
      </nav>
      <PageHeader
        title={agent.name}
        description={agent.description || <span className="italic">No description.</span>}
        actions={
          <>
            <Button
              variant="secondary"
              disabled={!canWrite}
              title={canWrite ? undefined : reason}
              onClick={() => setDialog("edit")}
            >
              Edit
            </Button>
            <Button
              variant="danger"
              disabled={!canWrite}
              title={canWrite ? undefined : reason}
              onClick={() => setDialog("delete")}
            >
              Delete agent
            </Button>
          </>
        }
      />
      {!canWrite ? (
        <p className="mb-4 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
          Read only: {reason}
        </p>
      ) : null}
      {agentQuery.isError ? (
        <div className="mb-4">
          <ErrorState
            message={`Could not refresh this agent: ${agentQuery.error.message}`}
            onRetry={() => agentQuery.refetch()}
          />
        </div>
      ) : null}
      <Card className="mb-6 p-5">
        <dl
          className="grid grid-cols-1 gap-x-6 gap-y-4 text-sm sm:grid-cols-3"
          data-testid="agent-summary"
        >
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Deployed</dt>
            <dd className="mt-1 text-slate-800" data-testid="deployed-version">
              {deployed ? (
                <>
                  <span className="font-mono text-base font-semibold text-slate-900">
                    {deployed.version}
                  </span>
                  <span className="block text-xs text-slate-500">
                    <Time iso={deployed.deployed_at} /> by {who(deployed.deployed_by)}
                  </span>
                </>
              ) : (
                <span className="text-slate-500">
                  Nothing yet: deploy the draft to create release 1.0.0.
                </span>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Draft</dt>
            <dd className="mt-1 text-slate-800" data-testid="draft-summary">
              <span className="flex flex-wrap items-center gap-2">
                revision {draft.revision}
                {draft.changed ? (
                  <Badge tone="amber">{deployed ? "changed since deployed" : "not deployed"}</Badge>
                ) : (
                  <Badge tone="green">same as deployed</Badge>
                )}
              </span>
              <span className="block text-xs text-slate-500">
                last saved <Time iso={draft.updated_at} /> by {who(draft.user)}
              </span>
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Releases</dt>
            <dd className="mt-1 text-slate-800">
              <Link href={history} className="font-medium text-indigo-700 hover:underline">
                Release history
              </Link>{" "}
              <span className="text-slate-500">
                (
                {agent.release_count
                  ? `${agent.release_count} ${agent.release_count === 1 ? "release" : "releases"}`
                  : "none yet"}
                )
              </span>
              {draft.next_version ? (
                <span className="block text-xs text-slate-500">
                  the next deploy suggests {draft.next_version}
                </span>
              ) : null}
            </dd>
          </div>
        </dl>
      </Card>
      {dialog === "edit" ? (
        <EditDialog where={where} agent={agent} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === "delete" ? (
        <DeleteDialog where={where} agent={agent} onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}
