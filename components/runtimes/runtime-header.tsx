"use client";
// A runtime's header: name and description (edit), delete with confirmation, and whether it runs
// what it should: sync status, last heartbeat, the digest it reported against the resolved one.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, ErrorState, PageHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError, Input } from "@/components/ui/form";
import { Time } from "@/components/ui/time";
import { ApiClientError } from "@/lib/api/client";
import { useDeleteRuntime, useRuntime, useUpdateRuntime, type RuntimeView, type Where } from "./hooks";
import { SyncBadge, syncExplanation } from "./sync-status";

function EditDialog({ where, rt, onClose }: { where: Where; rt: RuntimeView; onClose: () => void }) {
  const update = useUpdateRuntime(where, rt.id);
  const err = update.error instanceof ApiClientError ? update.error : null;
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    update.mutate({ name: String(form.get("name") ?? "").trim(), description: String(form.get("description") ?? "").trim() }, { onSuccess: onClose });
  }
  return (
    <Dialog open onClose={onClose} title="Rename or describe the runtime">
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <FormError message={err && !err.fieldMessage("name") && !err.fieldMessage("description") ? err.message : null} />
        <Field label="Name" htmlFor="edit-runtime-name" error={err?.fieldMessage("name")} hint="Runtimes find their configuration by id, so renaming does not disconnect them.">
          <Input id="edit-runtime-name" name="name" defaultValue={rt.name} required maxLength={100} autoFocus />
        </Field>
        <Field label="Description" htmlFor="edit-runtime-description" error={err?.fieldMessage("description")}>
          <Input id="edit-runtime-description" name="description" defaultValue={rt.description} maxLength={1000} />
        </Field>
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>Cancel</Button>
          <Button type="submit" disabled={update.isPending}>{update.isPending ? "Saving…" : "Save"}</Button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteDialog({ where, rt, onClose }: { where: Where; rt: RuntimeView; onClose: () => void }) {
  const router = useRouter();
  const remove = useDeleteRuntime(where, rt.id);
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Delete ${rt.name}?`}
      footer={
        <>
          {remove.error ? <p role="alert" className="mr-auto text-sm text-red-700">{remove.error.message}</p> : null}
          <Button variant="ghost" onClick={onClose}>Cancel</Button>
          <Button
            variant="danger"
            disabled={remove.isPending}
            onClick={() =>
              remove.mutate(undefined, {
                onSuccess: () => {
                  router.push(`/${where.org}/${where.ws}/runtimes`);
                  router.refresh();
                },
              })
            }
          >
            {remove.isPending ? "Deleting…" : "Delete runtime"}
          </Button>
        </>
      }
    >
      <p className="text-sm text-slate-700">
        Its {rt.binding_count} {rt.binding_count === 1 ? "binding goes" : "bindings go"} with it. A runtime still polling its configuration will get <code className="text-xs">404</code> from then on. The
        capabilities stay in the catalog, and the audit log keeps its history.
      </p>
    </Dialog>
  );
}

function Digest({ value, label }: { value: string; label: string }) {
  return (
    <code className="font-mono text-xs text-slate-800" title={`${label}: ${value}`}>
      {value.slice(0, 12)}…
    </code>
  );
}

export function RuntimeHeader({ where, initial, canWrite, reason }: { where: Where; initial: RuntimeView; canWrite: boolean; reason: string }) {
  const runtime = useRuntime(where, initial.id, initial);
  const [dialog, setDialog] = useState<"edit" | "delete" | null>(null);
  const rt = runtime.data ?? initial;
  const { sync } = rt;
  return (
    <>
      <nav className="mb-2 text-sm text-slate-500">
        <Link href={`/${where.org}/${where.ws}/runtimes`} className="hover:text-slate-800">Runtimes</Link> / {rt.name}
      </nav>
      <PageHeader
        title={rt.name}
        description={rt.description || undefined}
        actions={
          <>
            <Button variant="secondary" disabled={!canWrite} title={canWrite ? undefined : reason} onClick={() => setDialog("edit")}>Rename</Button>
            <Button variant="danger" disabled={!canWrite} title={canWrite ? undefined : reason} onClick={() => setDialog("delete")}>Delete</Button>
          </>
        }
      />
      {!canWrite ? <p className="mb-4 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">Read only: {reason}</p> : null}
      {runtime.isError ? <div className="mb-4"><ErrorState message={`Could not refresh this runtime: ${runtime.error.message}`} onRetry={() => runtime.refetch()} /></div> : null}
      <Card className="mb-6 p-5">
        <dl className="grid gap-x-6 gap-y-4 text-sm sm:grid-cols-2 lg:grid-cols-4" data-testid="runtime-summary">
          <div className="sm:col-span-2">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Sync</dt>
            <dd className="mt-1 flex items-start gap-2">
              <SyncBadge status={sync.status} />
              <span className="text-xs text-slate-600">{syncExplanation(sync.status)}</span>
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Last heartbeat</dt>
            <dd className="mt-1 text-slate-800">
              {sync.last_heartbeat_at ? <Time iso={sync.last_heartbeat_at} /> : "never"}
              {sync.reported_status ? <span className="block truncate text-xs text-slate-500" title={sync.reported_status}>status “{sync.reported_status}”</span> : null}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Capabilities</dt>
            <dd className="mt-1 text-slate-800">
              {rt.binding_count} bound, {rt.enabled_count} enabled
              {rt.upgrades_available ? <span className="block text-xs text-indigo-700">{rt.upgrades_available} {rt.upgrades_available === 1 ? "upgrade" : "upgrades"} available</span> : null}
            </dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Should load</dt>
            <dd className="mt-1"><Digest value={rt.runtime_digest} label="Resolved digest" /></dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Reported loading</dt>
            <dd className="mt-1">
              {sync.reported_digest ? (
                <>
                  <Digest value={sync.reported_digest} label="Reported digest" />
                  <span className={`ml-2 text-xs ${sync.status === "in_sync" ? "text-emerald-700" : "text-amber-800"}`}>{sync.status === "in_sync" ? "matches" : "differs"}</span>
                </>
              ) : (
                <span className="text-slate-500">nothing yet</span>
              )}
            </dd>
          </div>
        </dl>
      </Card>
      {dialog === "edit" ? <EditDialog where={where} rt={rt} onClose={() => setDialog(null)} /> : null}
      {dialog === "delete" ? <DeleteDialog where={where} rt={rt} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
