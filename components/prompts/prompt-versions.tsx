"use client";
// A prompt's versions: the history with where each came from, which one is active (and making
// another one active, confirmed), a diff between any two (kept in the URL), and adding a version.
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card, ErrorState, LoadingRows } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError, Input, Select, Textarea } from "@/components/ui/form";
import { Time } from "@/components/ui/time";
import { UrlNotice } from "@/components/ui/url-notice";
import { ApiClientError } from "@/lib/api/client";
import { formatConfidence, formatLift } from "@/lib/optimization/view";
import {
  useAddPromptVersion,
  usePromptVersions,
  useUpdatePrompt,
  type PromptVersionView,
  type PromptView,
  type Where,
} from "./hooks";
import { SourceBadge } from "./prompts-list";
import { diffTexts, TextDiff } from "./text-diff";

function Source({ v, where }: { v: PromptVersionView; where: Where }) {
  const s = v.source as {
    type?: string;
    job_id?: string;
    variant?: string;
    lift?: number | null;
    confidence?: number | null;
  };
  if (s.type !== "optimization" || !s.job_id)
    return <span className="text-xs text-slate-500">written by hand</span>;
  return (
    <span className="text-xs text-slate-600">
      {s.variant ?? "a variant"} from{" "}
      <Link
        href={`/${where.org}/${where.ws}/optimization/${s.job_id}`}
        className="font-medium text-indigo-700 hover:underline"
      >
        an optimization run
      </Link>
      {s.lift !== null && s.lift !== undefined
        ? `: ${formatLift(s.lift)}, ${formatConfidence(s.confidence)} confidence`
        : ""}
    </span>
  );
}

function MakeActive({
  where,
  prompt,
  version,
  onClose,
}: {
  where: Where;
  prompt: PromptView;
  version: PromptVersionView;
  onClose: () => void;
}) {
  const update = useUpdatePrompt(where, prompt.id);
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Make v${version.number} the active version?`}
      footer={
        <>
          {update.error ? (
            <p role="alert" className="mr-auto text-sm text-red-700">
              {update.error.message}
            </p>
          ) : null}
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            disabled={update.isPending}
            onClick={() => update.mutate({ active_version_id: version.id }, { onSuccess: onClose })}
          >
            {update.isPending ? "Saving…" : `Make v${version.number} active`}
          </Button>
        </>
      }
    >
      <p className="text-sm text-slate-700">
        Whatever reads the active version of <strong>{prompt.name}</strong> gets v{version.number}
        &apos;s text instead of v{prompt.active_version?.number}&apos;s. No version is changed or
        deleted; you can switch back at any time.
      </p>
    </Dialog>
  );
}

function AddVersion({
  where,
  prompt,
  onDone,
}: {
  where: Where;
  prompt: PromptView;
  onDone: () => void;
}) {
  const add = useAddPromptVersion(where, prompt.id);
  const [activate, setActivate] = useState(true);
  const err = add.error instanceof ApiClientError ? add.error : null;
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const note = String(f.get("note") ?? "").trim();
    add.mutate(
      { content: String(f.get("content") ?? ""), ...(note ? { note } : {}), activate },
      { onSuccess: onDone },
    );
  }
  return (
    <Card>
      <form onSubmit={onSubmit} className="space-y-4 p-5" aria-label="Add a version" noValidate>
        <div>
          <h3 className="text-base font-semibold text-slate-900">Add a version</h3>
          <p className="text-sm text-slate-600">
            Starts from the active version&apos;s text. Saved as v{prompt.version_count + 1};
            earlier versions stay as they are.
          </p>
        </div>
        {err && !err.fieldMessage("content") && !err.fieldMessage("note") ? (
          <FormError message={err.message} />
        ) : null}
        <Field label="Text" htmlFor="version-content" error={err?.fieldMessage("content")}>
          <Textarea
            id="version-content"
            name="content"
            rows={10}
            defaultValue={prompt.active_version?.content ?? ""}
            className="font-mono text-xs"
            required
            autoFocus
          />
        </Field>
        <Field
          label="Note"
          htmlFor="version-note"
          error={err?.fieldMessage("note")}
          hint="Optional: what changed and why."
        >
          <Input id="version-note" name="note" maxLength={500} />
        </Field>
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            checked={activate}
            onChange={(e) => setActivate(e.target.checked)}
          />{" "}
          Make it the active version
        </label>
        <div className="flex gap-2">
          <Button type="submit" disabled={add.isPending}>
            {add.isPending ? "Saving…" : "Save version"}
          </Button>
          <Button variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** The two versions to compare: from the URL, else the one before the active and the active;
 * with the versions the URL names that the prompt does not have, which the page then names. */
function useDiffPair(versions: PromptVersionView[], activeId: string | null) {
  const params = useSearchParams();
  const numbers = versions.map((v) => v.number);
  const active = versions.find((v) => v.id === activeId) ?? versions[0];
  const fromParam = Number(params.get("from"));
  const toParam = Number(params.get("to"));
  const to = numbers.includes(toParam) ? toParam : (active?.number ?? 0);
  const fallbackFrom =
    versions.find((v) => v.number < to)?.number ??
    versions.find((v) => v.number !== to)?.number ??
    to;
  const from = numbers.includes(fromParam) ? fromParam : fallbackFrom;
  const missing = [params.get("from"), params.get("to")].filter(
    (v): v is string => !!v && !numbers.includes(Number(v)),
  );
  return { from, to, missing: versions.length ? [...new Set(missing)] : [] };
}

export function PromptVersions({
  where,
  prompt,
  canWrite,
  reason,
  initial,
}: {
  where: Where;
  prompt: PromptView;
  canWrite: boolean;
  reason: string;
  initial: { versions: PromptVersionView[] };
}) {
  const versions = usePromptVersions(where, prompt.id, initial);
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [activating, setActivating] = useState<PromptVersionView | null>(null);
  const [adding, setAdding] = useState(false);
  const list = useMemo(() => versions.data?.versions ?? [], [versions.data]);
  const activeId = prompt.active_version?.id ?? null;
  const { from, to, missing } = useDiffPair(list, activeId);
  const diff = useMemo(() => {
    const a = list.find((v) => v.number === from);
    const b = list.find((v) => v.number === to);
    if (!a || !b || a.number === b.number) return null;
    // null: too different to diff line by line (jsdiff's edit-length bound).
    return diffTexts(a.content, b.content) ?? "too_different";
  }, [list, from, to]);

  function pick(key: "from" | "to", value: string) {
    const next = new URLSearchParams(params.toString());
    next.set("from", String(key === "from" ? value : from));
    next.set("to", String(key === "to" ? value : to));
    router.replace(`${pathname}?${next}`, { scroll: false });
  }

  if (versions.isPending) return <LoadingRows rows={3} />;
  if (versions.isError)
    return (
      <ErrorState
        message={`Could not load the versions: ${versions.error.message}`}
        onRetry={() => versions.refetch()}
      />
    );

  return (
    <div className="space-y-8">
      <section aria-labelledby="versions-heading">
        <div className="mb-3 flex items-center justify-between gap-4">
          <h2 id="versions-heading" className="text-base font-semibold text-slate-900">
            Versions <span className="text-sm font-normal text-slate-500">({list.length})</span>
          </h2>
          {adding ? null : (
            <Button
              variant="secondary"
              onClick={() => setAdding(true)}
              disabled={!canWrite}
              title={canWrite ? undefined : reason}
            >
              Add a version
            </Button>
          )}
        </div>
        {adding ? (
          <div className="mb-4">
            <AddVersion where={where} prompt={prompt} onDone={() => setAdding(false)} />
          </div>
        ) : null}
        <Card>
          <ul className="divide-y divide-slate-100">
            {list.map((v) => (
              <li
                key={v.id}
                data-testid="prompt-version"
                data-version={v.number}
                className="flex flex-wrap items-start justify-between gap-3 px-4 py-3"
              >
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-2 text-sm">
                    <span className="font-semibold text-slate-900">v{v.number}</span>
                    {v.id === activeId ? <Badge tone="green">active</Badge> : null}
                    <SourceBadge source={v.source} />
                    <span className="text-xs text-slate-500">
                      <Time iso={v.created_at} />
                    </span>
                  </p>
                  {v.note ? <p className="mt-0.5 text-sm text-slate-700">{v.note}</p> : null}
                  <Source v={v} where={where} />
                </div>
                {v.id !== activeId ? (
                  <Button
                    variant="secondary"
                    className="px-2 py-1 text-xs"
                    onClick={() => setActivating(v)}
                    disabled={!canWrite}
                    title={canWrite ? undefined : reason}
                    aria-label={`Make active: v${v.number}`}
                  >
                    Make active
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        </Card>
      </section>

      <section aria-labelledby="diff-heading">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <h2 id="diff-heading" className="text-base font-semibold text-slate-900">
            Compare versions
          </h2>
          {list.length > 1 ? (
            <div className="flex items-end gap-2 text-sm">
              <label>
                <span className="block text-xs text-slate-500">From</span>
                <Select
                  aria-label="Compare from version"
                  value={from}
                  onChange={(e) => pick("from", e.target.value)}
                  className="w-28"
                >
                  {list.map((v) => (
                    <option key={v.id} value={v.number}>
                      v{v.number}
                    </option>
                  ))}
                </Select>
              </label>
              <span className="pb-2 text-slate-400" aria-hidden="true">
                →
              </span>
              <label>
                <span className="block text-xs text-slate-500">To</span>
                <Select
                  aria-label="Compare to version"
                  value={to}
                  onChange={(e) => pick("to", e.target.value)}
                  className="w-28"
                >
                  {list.map((v) => (
                    <option key={v.id} value={v.number}>
                      v{v.number}
                    </option>
                  ))}
                </Select>
              </label>
            </div>
          ) : null}
        </div>
        {missing.length ? (
          <UrlNotice>
            This prompt has no version {missing.map((v) => `v${v}`).join(" or ")}. Showing v{from} →
            v{to}.
          </UrlNotice>
        ) : null}
        {list.length < 2 ? (
          <p className="rounded-md border border-dashed border-slate-200 bg-white px-4 py-3 text-sm text-slate-500">
            One version so far: add another, or apply an optimization winner, to compare them.
          </p>
        ) : from === to ? (
          <p className="rounded-md border border-dashed border-slate-200 bg-white px-4 py-3 text-sm text-slate-500">
            Pick two different versions.
          </p>
        ) : diff === "too_different" ? (
          <p className="rounded-md border border-dashed border-slate-200 bg-white px-4 py-3 text-sm text-slate-500">
            v{from} and v{to} differ too much to show line by line.
          </p>
        ) : diff && diff.additions + diff.deletions > 0 ? (
          <Card className="overflow-hidden">
            <p
              className="border-b border-slate-100 bg-slate-50 px-4 py-2 text-xs text-slate-600"
              data-testid="prompt-diff-summary"
            >
              v{from} → v{to}: <span className="text-emerald-700">+{diff.additions}</span>{" "}
              <span className="text-red-700">−{diff.deletions}</span> lines
            </p>
            <TextDiff diff={diff} />
          </Card>
        ) : (
          <p className="rounded-md border border-dashed border-slate-200 bg-white px-4 py-3 text-sm text-slate-500">
            v{from} and v{to} have the same text.
          </p>
        )}
      </section>
      {activating ? (
        <MakeActive
          where={where}
          prompt={prompt}
          version={activating}
          onClose={() => setActivating(null)}
        />
      ) : null}
    </div>
  );
}
