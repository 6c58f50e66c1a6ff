"use client";
// What a release of the history offers: Restore (copy it into the draft, then on to the agent's
// page to deploy it) and "Roll back to this release" (restore and deploy as one audited action,
// with the summary the deploy dialog shows). Each says what it did in a toast.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/form";
import { useToast } from "@/components/ui/toast";
import { ApiClientError } from "@/lib/api/client";
import { ChangesSummary } from "./deploy-dialog";
import {
  agentsPath,
  useReleaseDiff,
  useRestore,
  useRollback,
  type AgentView,
  type DraftView,
  type ReleaseSummaryView,
  type Where,
} from "./hooks";

interface ReleaseAction {
  where: Where;
  agent: AgentView;
  draft: DraftView;
  release: ReleaseSummaryView;
  onClose: () => void;
}

export function RestoreDialog({ where, agent, draft, release, onClose }: ReleaseAction) {
  const router = useRouter();
  const restore = useRestore(where, agent.id);
  const { toast } = useToast();
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Restore ${release.version} into the draft?`}
      footer={
        <>
          {restore.error ? (
            <p role="alert" className="mr-auto text-sm text-red-700">
              {restore.error.message}
            </p>
          ) : null}
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            disabled={restore.isPending}
            onClick={() =>
              restore.mutate(release.id, {
                onSuccess: () => {
                  toast({
                    message: `Restored ${release.version} into the draft: deploy it to make it live.`,
                  });
                  router.push(`${agentsPath(where)}/${agent.id}`);
                },
              })
            }
          >
            {restore.isPending ? "Restoring…" : `Restore ${release.version}`}
          </Button>
        </>
      }
    >
      <div className="space-y-2 text-sm text-slate-700">
        <p>
          This copies release <strong>{release.version}</strong> into the draft; deploy it to make
          it live. Nothing is deployed now
          {agent.deployed_release
            ? `: the agent keeps running ${agent.deployed_release.version}`
            : ""}
          .
        </p>
        <p>
          The draft&apos;s current contents (revision {draft.revision}
          {draft.changed && agent.deployed_release
            ? `, with changes not deployed since ${agent.deployed_release.version}`
            : ""}
          ) are replaced. Releases are never changed.
        </p>
      </div>
    </Dialog>
  );
}

function RollbackText({ agent, draft, release }: Omit<ReleaseAction, "where" | "onClose">) {
  const deployed = agent.deployed_release?.version;
  return (
    <>
      <p className="text-sm text-slate-700">
        This deploys the configuration of <strong>{release.version}</strong> again, as a new release
        that the agent runs from then on
        {deployed ? `; ${deployed}, deployed now, is archived` : ""}. Restore and deploy happen as
        one action, recorded in the audit log; roll forward the same way.
      </p>
      {draft.changed ? (
        <p
          className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200"
          data-testid="rollback-draft-warning"
        >
          The draft has changes not deployed (revision {draft.revision}): they are replaced by{" "}
          {release.version}.
        </p>
      ) : null}
    </>
  );
}

function VersionField({
  version,
  onChange,
  suggested,
  error,
}: {
  version: string;
  onChange: (v: string) => void;
  suggested: string | null;
  error: string | undefined;
}) {
  return (
    <Field
      label="New release version"
      htmlFor="rollback-version"
      error={error}
      hint={
        suggested
          ? `Suggested: ${suggested}, the next patch.`
          : "The patch number is used up: give a version."
      }
    >
      <Input
        id="rollback-version"
        value={version}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        className="max-w-[12rem] font-mono"
      />
    </Field>
  );
}

export function RollbackDialog({ where, agent, draft, release, onClose }: ReleaseAction) {
  const rollback = useRollback(where, agent.id);
  const diff = useReleaseDiff(where, agent.id, "deployed", release.id);
  const [version, setVersion] = useState(draft.next_version ?? "");
  const { toast } = useToast();
  const err = rollback.error instanceof ApiClientError ? rollback.error : null;
  const versionError = err?.fieldMessage("version");
  const nothing = diff.data?.changes.length === 0;
  const onConfirm = () =>
    rollback.mutate(
      {
        releaseId: release.id,
        body: {
          draft_revision: draft.revision,
          ...(version.trim() ? { version: version.trim() } : {}),
        },
      },
      {
        onSuccess: (made) => {
          toast({
            message: `Rolled back to ${release.version}: the agent runs it now, as release ${made.version}.`,
          });
          onClose();
        },
      },
    );
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Roll back to ${release.version}?`}
      footer={
        <>
          {rollback.error && !versionError ? (
            <p role="alert" className="mr-auto text-sm text-red-700">
              {rollback.error.message}
            </p>
          ) : null}
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button disabled={rollback.isPending || !diff.data || nothing} onClick={onConfirm}>
            {rollback.isPending ? "Rolling back…" : `Roll back to ${release.version}`}
          </Button>
        </>
      }
    >
      <div className="space-y-4" data-testid="rollback-summary">
        <RollbackText agent={agent} draft={draft} release={release} />
        <VersionField
          version={version}
          onChange={setVersion}
          suggested={draft.next_version}
          error={versionError}
        />
        <ChangesSummary diff={diff.data} subject={release.version} />
      </div>
    </Dialog>
  );
}
