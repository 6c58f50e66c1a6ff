"use client";
// A prompt: its name, status, tags and active text, editing those, the way to optimize it, its
// versions (prompt-versions.tsx) and the optimization runs made against it.
import { useState, type FormEvent } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { Badge, Card, ErrorState } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError, Input, Select, Textarea } from "@/components/ui/form";
import { ApiClientError } from "@/lib/api/client";
import { useJobs, type JobListView } from "@/components/optimization/hooks";
import { RunsTable } from "@/components/optimization/runs-table";
import {
  usePrompt,
  useUpdatePrompt,
  type PromptStatus,
  type PromptVersionView,
  type PromptView,
  type Where,
} from "./hooks";
import { PromptVersions } from "./prompt-versions";
import { PROMPT_STATUSES, STATUS_TONE } from "./prompts-list";

function EditDetails({
  where,
  prompt,
  onClose,
}: {
  where: Where;
  prompt: PromptView;
  onClose: () => void;
}) {
  const update = useUpdatePrompt(where, prompt.id);
  const err = update.error instanceof ApiClientError ? update.error : null;
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    update.mutate(
      {
        name: String(f.get("name") ?? "").trim(),
        description: String(f.get("description") ?? "").trim(),
        tags: String(f.get("tags") ?? "")
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean),
      },
      { onSuccess: onClose },
    );
  }
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Edit ${prompt.name}`}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="prompt-details" disabled={update.isPending}>
            {update.isPending ? "Saving…" : "Save"}
          </Button>
        </>
      }
    >
      <form id="prompt-details" onSubmit={onSubmit} className="space-y-4" noValidate>
        {err && !err.payload.errors?.length && err.status !== 409 ? (
          <FormError message={err.message} />
        ) : null}
        <Field
          label="Name"
          htmlFor="edit-name"
          error={err?.fieldMessage("name") ?? (err?.status === 409 ? err.message : undefined)}
        >
          <Input id="edit-name" name="name" defaultValue={prompt.name} maxLength={200} required />
        </Field>
        <Field
          label="Description"
          htmlFor="edit-description"
          error={err?.fieldMessage("description")}
        >
          <Textarea
            id="edit-description"
            name="description"
            defaultValue={prompt.description}
            rows={3}
            maxLength={2000}
          />
        </Field>
        <Field
          label="Tags"
          htmlFor="edit-tags"
          error={err?.fieldMessage("tags")}
          hint="Comma-separated."
        >
          <Input id="edit-tags" name="tags" defaultValue={prompt.tags.join(", ")} />
        </Field>
      </form>
    </Dialog>
  );
}

export function PromptDetail({
  where,
  initial,
  versions,
  runs,
  runsQs,
  promptNames,
  winners,
  canWrite,
  reason,
}: {
  where: Where;
  initial: PromptView;
  versions: { versions: PromptVersionView[] };
  runs: JobListView;
  runsQs: string;
  promptNames: Record<string, string>;
  winners: Record<string, string>;
  canWrite: boolean;
  reason: string;
}) {
  const prompt = usePrompt(where, initial.id, initial);
  const p = prompt.data ?? initial;
  const update = useUpdatePrompt(where, p.id);
  const jobs = useJobs(where, runsQs, runs);
  const [editing, setEditing] = useState(false);
  const optimizeHref = `/${where.org}/${where.ws}/optimization/new?prompt_id=${p.id}`;

  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold tracking-tight text-slate-900">
            {p.name} <Badge tone={STATUS_TONE[p.status]}>{p.status}</Badge>
          </h1>
          {p.description ? (
            <p className="mt-1 max-w-2xl text-sm text-slate-600">{p.description}</p>
          ) : null}
          {p.tags.length ? (
            <div className="mt-2 flex flex-wrap gap-1">
              {p.tags.map((t) => (
                <Badge key={t}>{t}</Badge>
              ))}
            </div>
          ) : null}
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <label className="text-sm">
            <span className="block text-xs text-slate-500">Status</span>
            <Select
              aria-label="Prompt status"
              value={p.status}
              disabled={!canWrite || update.isPending}
              title={canWrite ? undefined : reason}
              onChange={(e) => update.mutate({ status: e.target.value as PromptStatus })}
              className="w-36"
            >
              {PROMPT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </Select>
          </label>
          <Button
            variant="secondary"
            onClick={() => setEditing(true)}
            disabled={!canWrite}
            title={canWrite ? undefined : reason}
          >
            Edit
          </Button>
          {canWrite && p.active_version ? (
            <ButtonLink href={optimizeHref}>Optimize</ButtonLink>
          ) : (
            <Button disabled title={canWrite ? "The prompt has no active version" : reason}>
              Optimize
            </Button>
          )}
        </div>
      </header>
      {update.error ? (
        <ErrorState message={`Could not change the status: ${update.error.message}`} />
      ) : null}
      {!canWrite ? (
        <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
          Read only: {reason}
        </p>
      ) : null}

      <section aria-labelledby="active-heading">
        <h2 id="active-heading" className="mb-3 text-base font-semibold text-slate-900">
          Active version{p.active_version ? `: v${p.active_version.number}` : ""}
        </h2>
        {p.active_version ? (
          <Card>
            <div className="flex items-center justify-between gap-2 border-b border-slate-100 bg-slate-50 px-4 py-2 text-xs text-slate-600">
              <span>{p.active_version.content.length.toLocaleString()} characters</span>
              <CopyButton text={p.active_version.content} label="Copy the active text" />
            </div>
            <pre
              className="max-h-96 overflow-auto whitespace-pre-wrap break-words px-4 py-3 font-mono text-xs leading-5 text-slate-800"
              data-testid="active-content"
            >
              {p.active_version.content}
            </pre>
          </Card>
        ) : (
          <p className="text-sm text-slate-600">No active version.</p>
        )}
      </section>

      <PromptVersions
        where={where}
        prompt={p}
        canWrite={canWrite}
        reason={reason}
        initial={versions}
      />

      <section aria-labelledby="runs-heading">
        <div className="mb-3 flex items-center justify-between gap-4">
          <h2 id="runs-heading" className="text-base font-semibold text-slate-900">
            Optimization runs{" "}
            <span className="text-sm font-normal text-slate-500">({jobs.data?.total ?? 0})</span>
          </h2>
          <ButtonLink variant="secondary" href={`/${where.org}/${where.ws}/optimization`}>
            All runs
          </ButtonLink>
        </div>
        {jobs.isError ? (
          <ErrorState
            message={`Could not load the runs: ${jobs.error.message}`}
            onRetry={() => jobs.refetch()}
          />
        ) : jobs.data?.jobs.length ? (
          <RunsTable
            where={where}
            jobs={jobs.data.jobs}
            promptNames={promptNames}
            winners={winners}
            hideTarget
          />
        ) : (
          <p className="rounded-md border border-dashed border-slate-200 bg-white px-4 py-3 text-sm text-slate-500">
            Not optimized yet. Optimize it to test variants of the active version against simulated
            users.
          </p>
        )}
      </section>
      {editing ? <EditDetails where={where} prompt={p} onClose={() => setEditing(false)} /> : null}
    </div>
  );
}
