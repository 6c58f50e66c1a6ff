"use client";
// Deploy the saved draft: the version prefilled with the suggested next one (the draft's
// `next_version`), an optional description, and what changes since the deployed release. The
// API's refusals are shown where they belong: an invalid version (`invalidReleaseVersion`) on the
// version field, an incomplete draft on its fields (here and in the editor), a 409 (nothing to
// deploy, another deploy or edit first) with its message and a way to reload.
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError, Input, Textarea } from "@/components/ui/form";
import { useToast } from "@/components/ui/toast";
import { ApiClientError } from "@/lib/api/client";
import { sideLabel } from "./changes-view";
import { apiErrors, fieldLabel, type Errors } from "./draft-form";
import {
  useDeploy,
  type DraftView,
  type ReleaseDiffView,
  type ReleaseView,
  type Where,
} from "./hooks";

/**
 * What a deploy changes: the fields that differ from the deployed release, as the deploy and the
 * rollback dialogs show them. `subject`: what is being deployed ("the draft", "1.0.0").
 */
export function ChangesSummary({
  diff,
  subject,
}: {
  diff: ReleaseDiffView | undefined;
  subject: string;
}) {
  const changes = diff?.changes ?? [];
  return (
    <div>
      <p className="text-sm font-medium text-slate-800">
        Changes since {diff ? sideLabel(diff.from) : "the deployed release"}
      </p>
      {changes.length ? (
        <ul className="mt-1 flex flex-wrap gap-1.5" data-testid="deploy-changes">
          {changes.map((c) => (
            <li
              key={c.field}
              className="rounded bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-800"
            >
              {fieldLabel(c.field)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-sm text-slate-500">
          {diff ? `None: ${subject} is the same as the deployed release.` : "Reading the changes…"}
        </p>
      )}
    </div>
  );
}

export function DeployDialog({
  where,
  agentId,
  draft,
  diff,
  onClose,
  onDeployed,
  onDraftErrors,
  onReload,
}: {
  where: Where;
  agentId: string;
  draft: DraftView;
  diff: ReleaseDiffView | undefined;
  onClose: () => void;
  onDeployed: (release: ReleaseView) => void;
  onDraftErrors: (errors: Errors) => void;
  onReload: () => void;
}) {
  const deploy = useDeploy(where, agentId);
  const { toast } = useToast();
  const [version, setVersion] = useState(draft.next_version ?? "");
  const [description, setDescription] = useState(draft.description);
  const err = deploy.error instanceof ApiClientError ? deploy.error : null;
  const versionError = err?.fieldMessage("version");
  const draftErrors = (err?.payload.errors ?? []).filter((e) => e.loc[0] === "draft");

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    deploy.mutate(
      {
        ...(version.trim() ? { version: version.trim() } : {}),
        description: description.trim(),
        revision: draft.revision,
      },
      {
        onSuccess: (release) => {
          toast({ message: `Deployed ${release.version}: the agent runs it from now on.` });
          onDeployed(release);
        },
        onError: (error) => {
          if (
            error instanceof ApiClientError &&
            error.payload.errors?.some((x) => x.loc[0] === "draft")
          )
            onDraftErrors(apiErrors(error.payload.errors.filter((x) => x.loc[0] === "draft")));
        },
      },
    );
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={
        draft.next_version && version === draft.next_version
          ? `Deploy ${version}`
          : "Deploy the draft"
      }
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="deploy-form" disabled={deploy.isPending}>
            {deploy.isPending
              ? "Deploying…"
              : `Deploy${version.trim() ? ` ${version.trim()}` : ""}`}
          </Button>
        </>
      }
    >
      <form
        id="deploy-form"
        onSubmit={onSubmit}
        className="space-y-4"
        noValidate
        aria-label="Deploy the draft"
      >
        {err && err.status === 409 ? (
          <div
            role="alert"
            className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200"
          >
            <p>{err.message}</p>
            <button
              type="button"
              className="mt-1 font-medium underline underline-offset-2"
              onClick={onReload}
            >
              Reload the draft
            </button>
          </div>
        ) : err && !versionError ? (
          <FormError
            message={
              draftErrors.length
                ? `${err.message}: ${draftErrors.map((x) => `${fieldLabel(String(x.loc[1]))} ${x.msg}`).join("; ")}`
                : err.message
            }
          />
        ) : null}
        <p className="text-sm text-slate-700">
          Deploying copies revision {draft.revision} of the draft into a new, immutable release that
          the agent runs from then on; the release it replaces is archived. The draft stays, ready
          for the next change.
        </p>
        <Field
          label="Version"
          htmlFor="deploy-version"
          error={versionError}
          hint={
            draft.next_version
              ? `Suggested: ${draft.next_version}, the next patch. Any greater small semver version works (e.g. 2.0.0).`
              : "The patch number is used up: give a version."
          }
        >
          <Input
            id="deploy-version"
            value={version}
            onChange={(e) => setVersion(e.target.value)}
            placeholder={draft.next_version ?? "e.g. 2.0.0"}
            aria-invalid={versionError ? true : undefined}
            className="max-w-[12rem] font-mono"
            autoFocus
          />
        </Field>
        <Field
          label="Description"
          htmlFor="deploy-description"
          hint="Optional: what changed and why. Shown in the release history."
        >
          <Textarea
            id="deploy-description"
            rows={2}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            maxLength={2000}
          />
        </Field>
        <ChangesSummary diff={diff} subject="the draft" />
      </form>
    </Dialog>
  );
}
