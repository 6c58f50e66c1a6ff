"use client";
// An agent's release history: a timeline of its releases, newest first (version, deployed or
// archived, who and when, description, the release it was drafted from, the optimization run it
// records), with the draft on top; any two of them compared field by field (kept in the URL as
// ?from=&to=), pages of releases, Restore (a release copied into the draft, then on to the agent's
// page to see and deploy it) and "Roll back to this release" (restore and deploy in one action).
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card, EmptyState, ErrorState, LoadingRows } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { UrlNotice } from "@/components/ui/url-notice";
import { ApiClientError } from "@/lib/api/client";
import { DiffChanges, sideLabel } from "./changes-view";
import { RestoreDialog, RollbackDialog } from "./release-actions";
import {
  agentsPath,
  useReleaseDiff,
  useReleases,
  type AgentView,
  type DraftView,
  type ReleaseDiffView,
  type ReleaseListView,
  type ReleaseSummaryView,
  type Where,
} from "./hooks";

const who = (u: { name: string; email: string } | null) => (u ? u.name || u.email : "someone");

function Pick({
  name,
  value,
  checked,
  onPick,
  label,
}: {
  name: "from" | "to";
  value: string;
  checked: boolean;
  onPick: (name: "from" | "to", value: string) => void;
  label: string;
}) {
  return (
    <label
      className="flex items-center gap-1 text-xs text-slate-600"
      title={`Compare ${name} this one`}
    >
      {/* 24 px: the least target size (WCAG 2.2) for a control this close to its neighbours. */}
      <input
        type="radio"
        className="size-6 accent-indigo-600"
        name={`compare-${name}`}
        value={value}
        checked={checked}
        onChange={() => onPick(name, value)}
        aria-label={label}
      />
      {name}
    </label>
  );
}

export function ReleaseHistory({
  where,
  agent,
  draft,
  page,
  limit,
  initialList,
  initialPair,
  initialDiff,
  parentVersions,
  canWrite,
  reason,
}: {
  where: Where;
  agent: AgentView;
  draft: DraftView;
  page: number;
  limit: number;
  initialList: ReleaseListView;
  initialPair: { from: string; to: string } | null;
  initialDiff: ReleaseDiffView | null;
  parentVersions: Record<string, string>;
  canWrite: boolean;
  reason: string;
}) {
  const params = useSearchParams();
  const offset = (page - 1) * limit;
  const releases = useReleases(where, agent.id, offset, limit, initialList);
  const [restoring, setRestoring] = useState<ReleaseSummaryView | null>(null);
  const [rollingBack, setRollingBack] = useState<ReleaseSummaryView | null>(null);
  // The compared pair: shown at once when picked, and kept in the URL (replaceState) so a reload or
  // a shared link shows the same comparison.
  const [pair, setPair] = useState(() => ({
    from: params.get("from") ?? initialPair?.from ?? null,
    to: params.get("to") ?? initialPair?.to ?? null,
  }));
  const { from, to } = pair;
  const same = from !== null && from === to;
  const initialMatches = !!initialDiff && from === initialPair?.from && to === initialPair?.to;
  const diff = useReleaseDiff(where, agent.id, from ?? "", to ?? "", {
    initialData: initialMatches ? initialDiff : undefined,
    enabled: !!from && !!to && !same,
  });

  function pick(name: "from" | "to", value: string) {
    const chosen = {
      from: name === "from" ? value : (from ?? value),
      to: name === "to" ? value : (to ?? value),
    };
    setPair(chosen);
    const next = new URLSearchParams(params.toString());
    next.set("from", chosen.from);
    next.set("to", chosen.to);
    // Next keeps useSearchParams in step with the native history API, without a server round trip.
    window.history.replaceState(null, "", `?${next}`);
  }
  const pageHref = (p: number) => {
    const next = new URLSearchParams(params.toString());
    if (from) next.set("from", from);
    if (to) next.set("to", to);
    next.set("page", String(p));
    return `?${next}`;
  };

  if (releases.isPending) return <LoadingRows rows={4} />;
  if (releases.isError)
    return (
      <ErrorState
        message={`Could not load the releases: ${releases.error.message}`}
        onRetry={() => releases.refetch()}
      />
    );
  const list = releases.data.releases;
  const total = releases.data.total;
  const pages = Math.max(1, Math.ceil(total / limit));
  const versionOf = (id: string | null) =>
    id ? (list.find((r) => r.id === id)?.version ?? parentVersions[id] ?? null) : null;

  if (total === 0) {
    return (
      <EmptyState title="No releases yet">
        <p>
          Deploying the draft creates release 1.0.0; each later deploy adds the next one here, with
          who deployed it and when.
        </p>
        <p className="mt-2">
          <Link
            href={`${agentsPath(where)}/${agent.id}`}
            className="font-medium text-indigo-700 hover:underline"
          >
            Open the draft
          </Link>
        </p>
      </EmptyState>
    );
  }

  return (
    <div className="space-y-8">
      <section aria-labelledby="timeline-heading">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="timeline-heading" className="text-base font-semibold text-slate-900">
              {total} {total === 1 ? "release" : "releases"}
            </h2>
            <p className="text-sm text-slate-600">
              Newest first. Pick a <em>from</em> and a <em>to</em> to compare any two; roll back to
              one (it is deployed again as a new release), or restore one into the draft.
            </p>
          </div>
          {!canWrite ? (
            <p className="text-xs text-slate-500">
              Roll back and Restore are for members: {reason}
            </p>
          ) : null}
        </div>
        <Card>
          <ol className="divide-y divide-slate-100" aria-label="Releases">
            {page === 1 ? (
              <li
                className="flex flex-wrap items-start gap-4 bg-slate-50/70 px-4 py-3"
                data-testid="release-draft"
              >
                <div className="flex w-20 shrink-0 flex-col gap-1 pt-0.5">
                  <Pick
                    name="from"
                    value="draft"
                    checked={from === "draft"}
                    onPick={pick}
                    label="Compare from the draft"
                  />
                  <Pick
                    name="to"
                    value="draft"
                    checked={to === "draft"}
                    onPick={pick}
                    label="Compare to the draft"
                  />
                </div>
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-2 text-sm">
                    <span className="font-semibold text-slate-900">Draft</span>
                    <span className="text-xs text-slate-500">revision {draft.revision}</span>
                    {draft.changed ? (
                      <Badge tone="amber">not deployed</Badge>
                    ) : (
                      <Badge>same as deployed</Badge>
                    )}
                  </p>
                  <p className="text-xs text-slate-500">
                    {draft.parent_id
                      ? `drafted from ${versionOf(draft.parent_id) ?? "an earlier release"} · `
                      : ""}
                    last saved <Time iso={draft.updated_at} /> by {who(draft.user)}
                  </p>
                </div>
                <Link
                  href={`${agentsPath(where)}/${agent.id}`}
                  className="text-sm font-medium text-indigo-700 hover:underline"
                >
                  {canWrite ? "Edit the draft" : "View the draft"}
                </Link>
              </li>
            ) : null}
            {list.map((r) => {
              const parent = versionOf(r.parent_id);
              return (
                <li
                  key={r.id}
                  className="flex flex-wrap items-start gap-4 px-4 py-3"
                  data-testid="release-row"
                  data-version={r.version}
                >
                  <div className="flex w-20 shrink-0 flex-col gap-1 pt-0.5">
                    <Pick
                      name="from"
                      value={r.id}
                      checked={from === r.id}
                      onPick={pick}
                      label={`Compare from ${r.version}`}
                    />
                    <Pick
                      name="to"
                      value={r.id}
                      checked={to === r.id}
                      onPick={pick}
                      label={`Compare to ${r.version}`}
                    />
                  </div>
                  <div className="min-w-0 flex-1">
                    <p className="flex flex-wrap items-center gap-2 text-sm">
                      <span className="font-mono font-semibold text-slate-900">{r.version}</span>
                      {r.status === "deployed" ? (
                        <Badge tone="green">deployed</Badge>
                      ) : (
                        <Badge>archived</Badge>
                      )}
                      <span className="text-xs text-slate-500">
                        {r.deployed_at ? <Time iso={r.deployed_at} /> : null} by {who(r.user)}
                      </span>
                    </p>
                    {r.description ? (
                      <p className="mt-0.5 text-sm text-slate-700">{r.description}</p>
                    ) : null}
                    <p className="mt-0.5 text-xs text-slate-500">
                      {r.parent_id ? (
                        <>drafted from {parent ?? <code>{r.parent_id.slice(0, 8)}</code>}</>
                      ) : (
                        "the first release"
                      )}
                      {r.optimization_job_id ? (
                        <>
                          {" · "}optimized by run{" "}
                          <Link
                            href={`/${where.org}/${where.ws}/optimization/${r.optimization_job_id}`}
                            className="font-mono text-indigo-700 hover:underline"
                          >
                            {r.optimization_job_id.slice(0, 8)}
                          </Link>
                        </>
                      ) : null}
                    </p>
                  </div>
                  <div className="flex flex-wrap gap-2">
                    {r.status !== "deployed" ? (
                      <Button
                        variant="secondary"
                        className="px-2 py-1 text-xs"
                        disabled={!canWrite}
                        title={canWrite ? undefined : reason}
                        onClick={() => setRollingBack(r)}
                      >
                        Roll back to {r.version}
                      </Button>
                    ) : null}
                    <Button
                      variant="ghost"
                      className="px-2 py-1 text-xs"
                      disabled={!canWrite}
                      title={canWrite ? undefined : reason}
                      onClick={() => setRestoring(r)}
                      aria-label={`Restore ${r.version}`}
                    >
                      Restore
                    </Button>
                  </div>
                </li>
              );
            })}
          </ol>
        </Card>
        {pages > 1 ? (
          <nav
            aria-label="Release pages"
            className="mt-3 flex items-center justify-between text-sm"
          >
            {page > 1 ? (
              <Link
                href={pageHref(page - 1)}
                className="font-medium text-indigo-700 hover:underline"
              >
                ← Newer
              </Link>
            ) : (
              <span />
            )}
            <span className="text-slate-500">
              Page {page} of {pages} · releases {offset + 1}–{Math.min(offset + limit, total)} of{" "}
              {total}
            </span>
            {page < pages ? (
              <Link
                href={pageHref(page + 1)}
                className="font-medium text-indigo-700 hover:underline"
              >
                Older →
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </section>

      <section aria-labelledby="compare-heading">
        <h2 id="compare-heading" className="text-base font-semibold text-slate-900">
          Compare
        </h2>
        {!from || !to ? (
          <p className="mt-2 text-sm text-slate-500">
            Pick a release to compare from and one to compare to.
          </p>
        ) : same ? (
          <p className="mt-2 rounded-md border border-dashed border-slate-200 bg-white px-4 py-3 text-sm text-slate-500">
            Pick two different releases.
          </p>
        ) : diff.isPending ? (
          <div className="mt-2">
            <LoadingRows rows={2} />
          </div>
        ) : diff.error instanceof ApiClientError && [404, 422].includes(diff.error.status) ? (
          <div className="mt-2">
            <UrlNotice>
              This link compares a release this agent does not have. Pick a <em>from</em> and a{" "}
              <em>to</em> above.
            </UrlNotice>
          </div>
        ) : diff.isError ? (
          <div className="mt-2">
            <ErrorState
              message={`Could not compare them: ${diff.error.message}`}
              onRetry={() => diff.refetch()}
            />
          </div>
        ) : (
          <>
            <p className="mb-3 text-sm text-slate-600" data-testid="compare-sides">
              From <strong>{sideLabel(diff.data.from)}</strong> to{" "}
              <strong>{sideLabel(diff.data.to)}</strong>: {diff.data.changes.length}{" "}
              {diff.data.changes.length === 1 ? "field differs" : "fields differ"}.
            </p>
            <DiffChanges
              diff={diff.data}
              emptyText="No differences: the two have the same configuration."
            />
          </>
        )}
      </section>
      {restoring ? (
        <RestoreDialog
          where={where}
          agent={agent}
          draft={draft}
          release={restoring}
          onClose={() => setRestoring(null)}
        />
      ) : null}
      {rollingBack ? (
        <RollbackDialog
          where={where}
          agent={agent}
          draft={draft}
          release={rollingBack}
          onClose={() => setRollingBack(null)}
        />
      ) : null}
    </div>
  );
}
