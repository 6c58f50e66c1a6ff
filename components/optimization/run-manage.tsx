"use client";
// Renaming and archiving a run, from the runs list and from the run's page: a name dialog whose
// server errors show at the field, and archive / restore (a live run cannot be archived; the
// button says why). Both go through PATCH …/optimization/jobs/{id}.
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError, Input } from "@/components/ui/form";
import { ApiClientError } from "@/lib/api/client";
import { isLive } from "@/lib/optimization/view";
import { useJob, useUpdateJob, type JobView, type Where } from "./hooks";

function RenameDialog({
  where,
  job,
  onClose,
}: {
  where: Where;
  job: JobView;
  onClose: () => void;
}) {
  const update = useUpdateJob(where, job.id);
  const err = update.error instanceof ApiClientError ? update.error : null;
  const atName = err?.status === 422;
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget).get("name") ?? "").trim();
    update.mutate({ name }, { onSuccess: onClose });
  }
  const id = `rename-${job.id}`;
  return (
    <Dialog open onClose={onClose} title="Rename run">
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        {update.error && !atName ? <FormError message={update.error.message} /> : null}
        <Field
          label="Name"
          htmlFor={id}
          hint="What the runs list shows and searches, beside the target."
          error={atName ? err.message : undefined}
        >
          <Input
            id={id}
            name="name"
            defaultValue={job.name}
            required
            maxLength={200}
            autoFocus
            aria-invalid={atName || undefined}
            aria-describedby={atName ? `${id}-error` : undefined}
          />
        </Field>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={update.isPending}>
            {update.isPending ? "Saving…" : "Save"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** Rename and Archive / Restore for one run; disabled with the reason for viewers. */
export function RunManageButtons({
  where,
  job,
  canWrite,
  reason,
  compact = false,
}: {
  where: Where;
  job: JobView;
  canWrite: boolean;
  reason: string;
  compact?: boolean;
}) {
  const [renaming, setRenaming] = useState(false);
  const update = useUpdateJob(where, job.id);
  const archived = job.archived_at !== null;
  const live = isLive(job.status);
  const size = compact ? "px-2 py-1 text-xs" : "";
  const archiveWhy = !canWrite
    ? reason
    : live && !archived
      ? `A ${job.status} run cannot be archived: stop it first, or wait until it finishes.`
      : undefined;
  return (
    <span className="flex flex-wrap items-center gap-2">
      <Button
        variant="secondary"
        className={size}
        disabled={!canWrite}
        title={canWrite ? undefined : reason}
        aria-label={compact ? `Rename ${job.name}` : undefined}
        onClick={() => setRenaming(true)}
      >
        Rename
      </Button>
      <Button
        variant="secondary"
        className={size}
        disabled={!!archiveWhy || update.isPending}
        title={archiveWhy}
        aria-label={compact ? `${archived ? "Restore" : "Archive"} ${job.name}` : undefined}
        onClick={() => update.mutate({ archived: !archived })}
      >
        {archived ? "Restore" : "Archive"}
      </Button>
      {update.error ? (
        <span role="alert" className="text-xs text-red-700">
          {update.error.message}
        </span>
      ) : null}
      {renaming ? (
        <RenameDialog where={where} job={job} onClose={() => setRenaming(false)} />
      ) : null}
    </span>
  );
}

/** The run page's top line: the way back, the run's name (live), archived or not, and its buttons. */
export function RunNameBar({
  where,
  initial,
  canWrite,
  reason,
}: {
  where: Where;
  initial: JobView;
  canWrite: boolean;
  reason: string;
}) {
  const job = useJob(where, initial.id, initial).data ?? initial;
  return (
    <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
      <nav
        aria-label="Breadcrumb"
        className="flex flex-wrap items-center gap-1 text-sm text-slate-500"
      >
        <Link href={`/${where.org}/${where.ws}/optimization`} className="hover:text-slate-800">
          Optimization
        </Link>
        <span aria-hidden>/</span>
        <span className="font-medium text-slate-800" data-testid="run-name" aria-current="page">
          {job.name}
        </span>
        {job.archived_at ? <Badge tone="slate">archived</Badge> : null}
      </nav>
      <RunManageButtons where={where} job={job} canWrite={canWrite} reason={reason} compact />
    </div>
  );
}
