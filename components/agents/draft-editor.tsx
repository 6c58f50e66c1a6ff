"use client";
// The agent's draft editor: every section of the configuration, saved as a whole (PUT …/draft
// with the revision it was read at: a stale one is a 409 that offers to reload), with the
// browser's checks before sending and the API's 422s beside their fields, a guard against
// leaving with unsaved changes, "changes since deployed" (the API's diff of the saved draft),
// and Deploy. Viewers see it all read-only (a disabled <fieldset>).
import Link from "next/link";
import { useMemo, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ErrorState, LoadingRows } from "@/components/ui/card";
import { FormError } from "@/components/ui/form";
import { ApiClientError } from "@/lib/api/client";
import type { CapabilityTrustSummary } from "@/lib/agents/view";
import { CapabilitiesEditor } from "./capabilities-editor";
import { DiffChanges, sideLabel } from "./changes-view";
import { DeployDialog } from "./deploy-dialog";
import {
  apiErrors,
  formSignature,
  keyLabel,
  fromDraft,
  toBody,
  validate,
  type DraftForm,
  type EditForm,
  type Errors,
} from "./draft-form";
import {
  EvaluatorSection,
  HeartbeatSection,
  ModelSection,
  OutputSection,
  PromptSection,
} from "./draft-sections";
import {
  agentsPath,
  useDraft,
  useReleaseDiff,
  useSaveDraft,
  type DraftView,
  type ReleaseDiffView,
  type ReleaseView,
  type Where,
} from "./hooks";
import { ActionsEditor, ResourcesEditor, SuggestedActionsEditor } from "./list-editors";
import { McpClientsEditor } from "./mcp-editor";
import { useUnsavedChangesGuard } from "./unsaved-guard";

const sameDraft = (a: DraftView, b: DraftView) =>
  a.id === b.id && a.revision === b.revision && a.updated_at === b.updated_at;

/** Client errors shown before a save is attempted: not "required" (a new row is empty at first). */
function visible(errors: Errors, attempted: boolean): Errors {
  return attempted
    ? errors
    : Object.fromEntries(Object.entries(errors).filter(([, msg]) => !msg.startsWith("required")));
}

export function DraftEditor({
  where,
  agentId,
  initialDraft,
  initialDiff,
  trust,
  canWrite,
  reason,
}: {
  where: Where;
  agentId: string;
  initialDraft: DraftView;
  initialDiff: ReleaseDiffView;
  trust: Record<string, CapabilityTrustSummary>;
  canWrite: boolean;
  reason: string;
}) {
  const draftQuery = useDraft(where, agentId, initialDraft);
  const current = draftQuery.data ?? initialDraft;
  const diff = useReleaseDiff(where, agentId, "deployed", "draft", { initialData: initialDiff });
  const save = useSaveDraft(where, agentId, (saved) => reset(saved));

  const [base, setBase] = useState(current);
  const [form, setForm] = useState<DraftForm>(() => fromDraft(current));
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [attempted, setAttempted] = useState(false);
  const [stale, setStale] = useState<string | null>(null);
  const [deploying, setDeploying] = useState(false);
  const [deployed, setDeployed] = useState<ReleaseView | null>(null);
  const [seen, setSeen] = useState(current);

  const baseSignature = useMemo(() => formSignature(fromDraft(base)), [base]);
  const dirty = useMemo(() => formSignature(form) !== baseSignature, [form, baseSignature]);
  const clientErrors = useMemo(() => validate(form), [form]);
  const errors = { ...serverErrors, ...visible(clientErrors, attempted) };
  const behind = !sameDraft(current, base);
  useUnsavedChangesGuard(dirty && canWrite);

  function reset(to: DraftView) {
    setBase(to);
    setForm(fromDraft(to));
    setServerErrors({});
    setAttempted(false);
    setStale(null);
  }

  // The draft changed on the server (a save here, a deploy, another tab or person): follow it
  // unless there are unsaved edits; then the banner below says so.
  if (current !== seen) {
    setSeen(current);
    if (!dirty && !sameDraft(current, base)) reset(current);
  }

  const edit: EditForm = (change, structural) => {
    setForm(change);
    if (structural) setServerErrors({});
    setDeployed(null);
  };

  async function reload() {
    const { data } = await draftQuery.refetch();
    if (data) reset(data);
  }

  function onSave(e?: FormEvent) {
    e?.preventDefault();
    setAttempted(true);
    if (Object.keys(clientErrors).length) return;
    save.mutate(toBody(form, base.revision), {
      onError: (err) => {
        if (!(err instanceof ApiClientError)) return;
        if (err.status === 409) setStale(err.message);
        else if (err.status === 422) setServerErrors(apiErrors(err.payload.errors));
      },
    });
  }

  const saveError =
    save.error instanceof ApiClientError && save.error.status !== 409 ? save.error : null;
  const problems = Object.keys(errors).length;
  const changedCount = diff.data?.changes.length ?? 0;
  const deployReason = !canWrite
    ? reason
    : dirty
      ? "Save your changes first: a deploy takes the saved draft."
      : !current.changed
        ? "Nothing to deploy: the draft is the same as the deployed release."
        : undefined;

  return (
    <div className="space-y-6">
      <div
        className="sticky top-0 z-20 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white/95 px-4 py-3 shadow-sm backdrop-blur"
        data-testid="draft-bar"
      >
        <div className="min-w-0 text-sm">
          <p className="font-medium text-slate-900">
            Draft <span className="font-normal text-slate-500">· revision {base.revision}</span>
          </p>
          <p className="text-xs" data-testid="draft-state">
            {dirty ? (
              <span className="font-medium text-amber-700">Unsaved changes</span>
            ) : current.changed ? (
              <a href="#changes" className="text-indigo-700 hover:underline">
                {changedCount
                  ? `${changedCount} ${changedCount === 1 ? "field differs" : "fields differ"} from ${sideLabel(diff.data?.from ?? null)}`
                  : "Differs from the deployed release"}
              </a>
            ) : (
              <span className="text-emerald-700">Saved · same as the deployed release</span>
            )}
          </p>
        </div>
        <div className="flex items-center gap-2">
          {dirty && canWrite ? (
            <Button variant="ghost" onClick={() => reset(base)}>
              Discard changes
            </Button>
          ) : null}
          <Button
            type="submit"
            form="draft-form"
            disabled={!canWrite || !dirty || save.isPending}
            title={canWrite ? undefined : reason}
          >
            {save.isPending ? "Saving…" : "Save draft"}
          </Button>
          <Button
            variant="secondary"
            disabled={!!deployReason}
            title={deployReason}
            onClick={() => setDeploying(true)}
          >
            Deploy…
          </Button>
        </div>
      </div>

      {stale ? (
        <div
          role="alert"
          className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-200"
          data-testid="stale-draft"
        >
          <p className="font-medium">Someone else changed this draft since you opened it.</p>
          <p className="mt-0.5">{stale}</p>
          <Button variant="secondary" className="mt-2" onClick={reload}>
            Reload the draft (drops your edits)
          </Button>
        </div>
      ) : behind && dirty ? (
        <div
          role="status"
          className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-200"
        >
          The draft is now at revision {current.revision} (changed elsewhere). Saving your edits
          will be refused;{" "}
          <button type="button" className="font-medium underline" onClick={reload}>
            reload it
          </button>{" "}
          to continue from there.
        </div>
      ) : null}
      {deployed ? (
        <p
          role="status"
          className="rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-200"
          data-testid="deployed-banner"
        >
          Deployed {deployed.version}: the agent runs it now.{" "}
          <Link
            href={`${agentsPath(where)}/${agentId}/releases`}
            className="font-medium underline underline-offset-2"
          >
            See the release history
          </Link>
        </p>
      ) : null}
      {saveError ? (
        <FormError
          message={
            problems && saveError.status === 422
              ? `${saveError.message} (see the fields marked below)`
              : saveError.message
          }
        />
      ) : null}
      {attempted && problems && !saveError ? (
        <FormError
          message={`Fix ${problems === 1 ? "one field" : `${problems} fields`} before saving: ${Object.entries(
            errors,
          )
            .slice(0, 4)
            .map(([k, m]) => `${keyLabel(k)}: ${m}`)
            .join("; ")}${problems > 4 ? "; …" : ""}`}
        />
      ) : null}

      <form id="draft-form" onSubmit={onSave} noValidate aria-label="Draft">
        <fieldset
          disabled={!canWrite}
          className="min-w-0 space-y-6 [&:disabled_input]:bg-slate-50 [&:disabled_input]:text-slate-600 [&:disabled_textarea]:bg-slate-50 [&:disabled_textarea]:text-slate-600"
        >
          <ModelSection form={form} edit={edit} errors={errors} />
          <PromptSection
            form={form}
            edit={edit}
            errors={errors}
            where={where}
            agentId={agentId}
            draft={current}
          />
          <ActionsEditor form={form} edit={edit} errors={errors} />
          <ResourcesEditor form={form} edit={edit} errors={errors} />
          <CapabilitiesEditor
            org={where.org}
            form={form}
            edit={edit}
            errors={errors}
            trust={trust}
          />
          <McpClientsEditor form={form} edit={edit} errors={errors} />
          <SuggestedActionsEditor form={form} edit={edit} errors={errors} />
          <OutputSection form={form} edit={edit} errors={errors} />
          <HeartbeatSection form={form} edit={edit} errors={errors} />
          <EvaluatorSection form={form} edit={edit} errors={errors} />
        </fieldset>
      </form>

      <section id="changes" aria-labelledby="changes-heading" className="scroll-mt-20">
        <h2 id="changes-heading" className="text-base font-semibold text-slate-900">
          Changes since deployed
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          {diff.data?.from
            ? `The saved draft against ${sideLabel(diff.data.from)}, field by field.`
            : "Nothing is deployed yet: against an empty configuration."}
          {dirty ? " Unsaved edits are not included: save to see them here." : ""}
        </p>
        {diff.isPending ? (
          <LoadingRows rows={2} />
        ) : diff.isError ? (
          <ErrorState
            message={`Could not compare the draft with the deployed release: ${diff.error.message}`}
            onRetry={() => diff.refetch()}
          />
        ) : (
          <DiffChanges
            diff={diff.data}
            emptyText={`No changes: the draft is the same as ${sideLabel(diff.data.from)}.`}
          />
        )}
      </section>

      {deploying ? (
        <DeployDialog
          where={where}
          agentId={agentId}
          draft={current}
          diff={diff.data}
          onClose={() => setDeploying(false)}
          onReload={() => {
            setDeploying(false);
            void reload();
          }}
          onDraftErrors={(errs) => setServerErrors(errs)}
          onDeployed={(release) => {
            setDeploying(false);
            setDeployed(release);
          }}
        />
      ) : null}
    </div>
  );
}
