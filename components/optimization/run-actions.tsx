"use client";
// Apply, Promote, Stop and Retry: each says what it will change before it does, and is disabled
// with the reason when the run's state does not allow it (the server enforces the same rules).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, Input, Select } from "@/components/ui/form";
import { useToast } from "@/components/ui/toast";
import { actionBlocked, formatLift } from "@/lib/optimization/view";
import { nextPatch } from "@/lib/versions";
import {
  useApplyVariant,
  usePromote,
  useRetryJob,
  useStopJob,
  type JobView,
  type VariantView,
  type Where,
} from "./hooks";

type Action = "apply" | "promote" | "stop" | "retry";

export interface RunContext {
  prompt: {
    id: string;
    name: string;
    activeVersionNumber: number | null;
    latestVersionNumber: number;
  } | null;
  agent: { id: string; name: string; draftRevision: number | null; appliedHere: boolean } | null;
  applied: { number: number }[];
  promoted: { name: string; version: string } | null;
}

export function RunActions({
  where,
  job,
  variants,
  canWrite,
  context,
  scored,
}: {
  where: Where;
  job: JobView;
  variants: VariantView[];
  canWrite: boolean;
  context: RunContext;
  /** Cells with a score, when known: a completed run with none has nothing to apply or promote. */
  scored?: number | null;
}) {
  const router = useRouter();
  const [open, setOpen] = useState<Action | null>(null);
  const [variantId, setVariantId] = useState<string>("");
  const [reason, setReason] = useState("");
  const [version, setVersion] = useState("");
  const apply = useApplyVariant(where, job.id);
  const promote = usePromote(where, job.id);
  const stop = useStopJob(where, job.id);
  const retry = useRetryJob(where, job.id);
  const { toast } = useToast();
  const winner = variants.find((v) => v.is_winner);
  const candidates = variants.filter((v) => !v.is_original);
  const chosen = variants.find((v) => v.id === (variantId || winner?.id));
  const close = () => {
    setOpen(null);
    [apply, promote, stop, retry].forEach((m) => m.reset());
  };
  const button = (
    action: Action,
    label: string,
    variant: "primary" | "secondary" | "danger" = "secondary",
  ) => {
    const blocked = actionBlocked(action, job, canWrite, scored);
    return (
      <span title={blocked ?? undefined} className="inline-flex">
        <Button
          variant={variant}
          disabled={!!blocked}
          aria-describedby={blocked ? `${action}-blocked` : undefined}
          onClick={() => setOpen(action)}
        >
          {label}
        </Button>
        {blocked ? (
          <span id={`${action}-blocked`} className="sr-only">
            {blocked}
          </span>
        ) : null}
      </span>
    );
  };
  // The action this run's target leads to, and why it cannot be taken now (shown, not only hovered).
  const applies = job.target_kind !== "capability_agent";
  const mainBlocked = actionBlocked(applies ? "apply" : "promote", job, canWrite, scored);
  const promoteTo = {
    name: job.capability_ref?.name.split("/").pop() ?? "",
    version: version.trim() || (job.capability_ref ? nextPatch(job.capability_ref.version) : ""),
  };

  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="run-actions">
      {button(
        "apply",
        "Apply…",
        applies && job.status === "completed" && winner ? "primary" : "secondary",
      )}
      {button(
        "promote",
        "Promote…",
        job.target_kind === "capability_agent" &&
          job.status === "completed" &&
          winner &&
          !job.promoted_version_id
          ? "primary"
          : "secondary",
      )}
      {button("stop", "Stop…", "danger")}
      {button("retry", "Retry…")}

      {open === "apply" ? (
        <ConfirmDialog
          title={
            job.target_kind === "agent_draft"
              ? "Apply a variant to the agent's draft"
              : "Apply a variant to the prompt"
          }
          onClose={close}
          pending={apply.isPending}
          error={apply.error}
          confirmLabel={chosen ? `Apply ${chosen.name}` : "Apply"}
          disabled={!chosen}
          onConfirm={() =>
            chosen &&
            apply.mutate(chosen.id, {
              onSuccess: (r) => {
                toast({
                  message: r.prompt_version
                    ? `Applied ${chosen.name}: v${r.prompt_version.number} of ${context.prompt?.name ?? "the prompt"} is active now.`
                    : `Applied ${chosen.name} to ${context.agent?.name ?? "the agent"}'s draft: deploy it to release it.`,
                });
                close();
              },
            })
          }
        >
          {!winner ? (
            <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 ring-1 ring-inset ring-amber-200">
              This run found no winner ({job.results?.verdict}). Applying a variant anyway is your
              call, not the statistics&apos;.
            </p>
          ) : null}
          <Field label="Variant" htmlFor="apply-variant">
            <Select
              id="apply-variant"
              value={chosen?.id ?? ""}
              onChange={(e) => setVariantId(e.target.value)}
            >
              {!chosen ? <option value="">Pick a variant</option> : null}
              {candidates.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                  {v.is_winner ? " (winner)" : ""}
                  {v.lift !== null ? `: ${formatLift(v.lift)}` : ""}
                </option>
              ))}
            </Select>
          </Field>
          {job.target_kind === "agent_draft" ? (
            <p>
              Writes {chosen ? <>{chosen.name}&apos;s</> : "the variant's"} text as the system
              prompt of <strong>{context.agent?.name ?? "the agent"}</strong>&apos;s draft, a new
              revision
              {context.agent?.draftRevision !== null &&
              context.agent?.draftRevision !== undefined ? (
                <> after revision {context.agent.draftRevision}</>
              ) : null}
              . The deployed release does not change: deploy the draft to release it, and the
              release records this run.
            </p>
          ) : (
            <p>
              Adds <strong>v{(context.prompt?.latestVersionNumber ?? 0) + 1}</strong> of{" "}
              <strong>{context.prompt?.name ?? "the prompt"}</strong> with{" "}
              {chosen ? <>{chosen.name}&apos;s</> : "the variant's"} text and makes it the active
              version
              {context.prompt?.activeVersionNumber ? (
                <> in place of v{context.prompt.activeVersionNumber}</>
              ) : null}
              . Earlier versions stay; you can make one active again from the prompt&apos;s page.
            </p>
          )}
          {job.applied_variant_id && job.applied_variant_id === chosen?.id ? (
            <p className="text-slate-600">
              This variant was already applied: applying it again changes nothing.
            </p>
          ) : null}
        </ConfirmDialog>
      ) : null}

      {open === "promote" ? (
        <ConfirmDialog
          title="Promote the winner into a new capability version"
          onClose={close}
          pending={promote.isPending}
          error={promote.error}
          confirmLabel={`Create ${promoteTo.name} ${promoteTo.version}`}
          onConfirm={() =>
            promote.mutate(version.trim() ? { version: version.trim() } : {}, {
              onSuccess: (v) => {
                toast({
                  message: `Promoted the winner: ${v.name} ${v.version} is in the catalog.`,
                });
                close();
              },
            })
          }
        >
          <p>
            Creates{" "}
            <strong>
              {promoteTo.name} {promoteTo.version}
            </strong>{" "}
            in {where.org}&apos;s catalog from {job.capability_ref?.name}{" "}
            {job.capability_ref?.version}: the agent{" "}
            <code className="text-xs">{job.agent_name}</code>
            &apos;s instructions are replaced by <strong>{winner?.name}</strong>&apos;s text, its
            frontmatter (model, tools) is kept, and every other file stays byte for byte the same.
            The new version records this run as its origin. Runtimes keep their pinned versions
            until you upgrade them.
          </p>
          <Field
            label="Version"
            htmlFor="promote-version"
            hint={`Default: the next patch, ${job.capability_ref ? nextPatch(job.capability_ref.version) : ""}.`}
          >
            <Input
              id="promote-version"
              value={version}
              onChange={(e) => setVersion(e.target.value)}
              placeholder={job.capability_ref ? nextPatch(job.capability_ref.version) : "X.Y.Z"}
            />
          </Field>
        </ConfirmDialog>
      ) : null}

      {open === "stop" ? (
        <ConfirmDialog
          title="Stop this run?"
          danger
          onClose={close}
          pending={stop.isPending}
          error={stop.error}
          confirmLabel="Stop run"
          onConfirm={() => stop.mutate(reason.trim(), { onSuccess: close })}
        >
          <p>
            The run becomes <strong>stopped</strong>: its executor&apos;s further reports are
            refused, and it gets no verdict. What was reported stays readable. You can retry it as a
            new run.
          </p>
          <Field label="Reason" htmlFor="stop-reason" hint="Optional: shown on the run.">
            <Input
              id="stop-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={500}
            />
          </Field>
        </ConfirmDialog>
      ) : null}

      {open === "retry" ? (
        <ConfirmDialog
          title="Retry as a new run?"
          onClose={close}
          pending={retry.isPending}
          error={retry.error}
          confirmLabel="Start new run"
          onConfirm={() =>
            retry.mutate(undefined, {
              onSuccess: (j) => router.push(`/${where.org}/${where.ws}/optimization/${j.id}`),
            })
          }
        >
          <p>
            Starts a new, queued run with the same target, original text, mode, variant count,
            intent and personas. This run stays as it is ({job.status}).{" "}
            {job.executor === "builtin"
              ? "Quiver's built-in engine runs it from the start, with the workspace's current model provider."
              : "The new run waits for your executor like this one did."}
          </p>
        </ConfirmDialog>
      ) : null}

      {mainBlocked && !context.promoted && !context.applied.length ? (
        <p className="basis-full text-xs text-slate-500" data-testid="action-hint">
          {mainBlocked}
        </p>
      ) : null}
      {context.promoted ? (
        <Link
          href={`/${where.org}/catalog/${encodeURIComponent(context.promoted.name)}?version=${context.promoted.version}`}
          className="text-sm font-medium text-indigo-700 hover:underline"
          data-testid="promoted-link"
        >
          Promoted as {context.promoted.name} {context.promoted.version} →
        </Link>
      ) : promote.data ? (
        <Link
          href={`/${where.org}/catalog/${encodeURIComponent(promote.data.name)}?version=${promote.data.version}`}
          className="text-sm font-medium text-indigo-700 hover:underline"
          data-testid="promoted-link"
        >
          Promoted as {promote.data.name} {promote.data.version} →
        </Link>
      ) : null}
      {job.target_kind === "agent_draft" &&
      context.agent &&
      (context.agent.appliedHere || apply.data?.draft) ? (
        <Link
          href={`/${where.org}/${where.ws}/agents/${context.agent.id}`}
          className="text-sm font-medium text-indigo-700 hover:underline"
          data-testid="applied-link"
        >
          Applied to {context.agent.name}&apos;s draft
          {apply.data?.draft ? ` (revision ${apply.data.draft.revision})` : ""} →
        </Link>
      ) : null}
      {context.applied[0] && context.prompt ? (
        <Link
          href={`/${where.org}/${where.ws}/prompts/${context.prompt.id}`}
          className="text-sm font-medium text-indigo-700 hover:underline"
          data-testid="applied-link"
        >
          Applied as v{context.applied[0].number} of {context.prompt.name}
          {context.prompt.activeVersionNumber === context.applied[0].number ? " (active)" : ""} →
        </Link>
      ) : null}
    </div>
  );
}
