"use client";
// A runtime's header: name and description (edit), delete with confirmation, and whether it runs
// what it should: sync status, last heartbeat, the digest it reported against the resolved one.
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, ErrorState, PageHeader } from "@/components/ui/card";
import { DeletePageDialog } from "@/components/ui/confirm-dialog";
import { DetailsDialog } from "@/components/ui/details-dialog";
import { Time } from "@/components/ui/time";
import {
  useDeleteRuntime,
  useRuntime,
  useUpdateRuntime,
  type RuntimeView,
  type Where,
} from "./hooks";
import { SyncBadge, syncExplanation } from "./sync-status";
import { ToolDriftBadge, toolDriftExplanation } from "./tool-drift";

function EditDialog({
  where,
  rt,
  onClose,
}: {
  where: Where;
  rt: RuntimeView;
  onClose: () => void;
}) {
  const update = useUpdateRuntime(where, rt.id);
  return (
    <DetailsDialog
      title="Rename or describe the runtime"
      idPrefix="edit-runtime"
      initial={rt}
      nameHint="Runtimes find their configuration by id, so renaming does not disconnect them."
      descriptionMaxLength={1000}
      conflictAtName
      save={update}
      onClose={onClose}
    />
  );
}

function DeleteDialog({
  where,
  rt,
  onClose,
}: {
  where: Where;
  rt: RuntimeView;
  onClose: () => void;
}) {
  const remove = useDeleteRuntime(where, rt.id);
  return (
    <DeletePageDialog
      title={`Delete ${rt.name}?`}
      confirmLabel="Delete runtime"
      remove={remove}
      listPath={`/${where.org}/${where.ws}/runtimes`}
      onClose={onClose}
    >
      <p>
        Its {rt.binding_count} {rt.binding_count === 1 ? "binding goes" : "bindings go"} with it. A
        runtime still polling its configuration will get <code className="text-xs">404</code> from
        then on. The capabilities stay in the catalog, and the audit log keeps its history.
      </p>
    </DeletePageDialog>
  );
}

function Digest({ value, label }: { value: string; label: string }) {
  return (
    <code className="font-mono text-xs text-slate-800" title={`${label}: ${value}`}>
      {value.slice(0, 12)}…
    </code>
  );
}

export function RuntimeHeader({
  where,
  initial,
  canWrite,
  reason,
}: {
  where: Where;
  initial: RuntimeView;
  canWrite: boolean;
  reason: string;
}) {
  const runtime = useRuntime(where, initial.id, initial);
  const [dialog, setDialog] = useState<"edit" | "delete" | null>(null);
  const rt = runtime.data ?? initial;
  const { sync } = rt;
  return (
    <>
      <nav className="mb-2 text-sm text-slate-500">
        <Link href={`/${where.org}/${where.ws}/runtimes`} className="hover:text-slate-800">
          Runtimes
        </Link>{" "}
        / {rt.name}
      </nav>
      <PageHeader
        title={rt.name}
        description={rt.description || undefined}
        actions={
          <>
            <Button
              variant="secondary"
              disabled={!canWrite}
              title={canWrite ? undefined : reason}
              onClick={() => setDialog("edit")}
            >
              Rename
            </Button>
            <Button
              variant="danger"
              disabled={!canWrite}
              title={canWrite ? undefined : reason}
              onClick={() => setDialog("delete")}
            >
              Delete
            </Button>
          </>
        }
      />
      {!canWrite ? (
        <p className="mb-4 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
          Read only: {reason}
        </p>
      ) : null}
      {runtime.isError ? (
        <div className="mb-4">
          <ErrorState
            message={`Could not refresh this runtime: ${runtime.error.message}`}
            onRetry={() => runtime.refetch()}
          />
        </div>
      ) : null}
      <Card className="mb-6 p-5">
        <dl
          className="grid grid-cols-1 gap-x-6 gap-y-4 text-sm sm:grid-cols-2 lg:grid-cols-4"
          data-testid="runtime-summary"
        >
          <div className="sm:col-span-2">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Sync</dt>
            <dd className="mt-1 flex items-start gap-2">
              <SyncBadge status={sync.status} />
              <span className="text-xs text-slate-600">{syncExplanation(sync.status)}</span>
            </dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Tools</dt>
            <dd className="mt-1 flex items-start gap-2">
              <a href="#tool-drift" className="shrink-0">
                <ToolDriftBadge drift={rt.tool_drift} />
              </a>
              <span className="text-xs text-slate-600">{toolDriftExplanation(rt.tool_drift)}</span>
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">
              Last heartbeat
            </dt>
            <dd className="mt-1 text-slate-800">
              {sync.last_heartbeat_at ? <Time iso={sync.last_heartbeat_at} /> : "never"}
              {sync.reported_status ? (
                <span
                  className="block truncate text-xs text-slate-500"
                  title={sync.reported_status}
                >
                  status “{sync.reported_status}”
                </span>
              ) : null}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">
              Capabilities
            </dt>
            <dd className="mt-1 text-slate-800">
              {rt.binding_count} bound, {rt.enabled_count} enabled
              {rt.upgrades_available ? (
                <span className="block text-xs text-indigo-700">
                  {rt.upgrades_available} {rt.upgrades_available === 1 ? "upgrade" : "upgrades"}{" "}
                  available
                </span>
              ) : null}
            </dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">
              Should load
            </dt>
            <dd className="mt-1">
              <Digest value={rt.runtime_digest} label="Resolved digest" />
            </dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">
              Reported loading
            </dt>
            <dd className="mt-1">
              {sync.reported_digest ? (
                <>
                  <Digest value={sync.reported_digest} label="Reported digest" />
                  <span
                    className={`ml-2 text-xs ${sync.status === "in_sync" ? "text-emerald-700" : "text-amber-800"}`}
                  >
                    {sync.status === "in_sync" ? "matches" : "differs"}
                  </span>
                </>
              ) : (
                <span className="text-slate-500">nothing yet</span>
              )}
            </dd>
          </div>
        </dl>
      </Card>
      {dialog === "edit" ? (
        <EditDialog where={where} rt={rt} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === "delete" ? (
        <DeleteDialog where={where} rt={rt} onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}
