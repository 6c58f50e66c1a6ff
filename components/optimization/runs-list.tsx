"use client";
// The optimization runs of a workspace: search, filters (status, executor, verdict, target kind,
// archived) and the page in the URL, live status while a run on the page is queued or running,
// rename and archive per run, and the way to start a new one.
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/card";
import { usePrompts, type PromptListView } from "@/components/prompts/hooks";
import { useJobs, type JobListView, type Where } from "./hooks";
import { RunsTable } from "./runs-table";
import { RunsFilters } from "./runs-filters";
import { isFiltered, runsQuery, withRunsParam } from "./runs-query";

export function RunsList({
  where,
  canWrite,
  reason,
  initial,
  initialQs,
  promptNames: initialNames,
  winners,
}: {
  where: Where;
  canWrite: boolean;
  reason: string;
  initial: JobListView;
  initialQs: string;
  promptNames: PromptListView;
  winners: Record<string, string>;
}) {
  const pathname = usePathname();
  const params = useSearchParams();
  const qs = runsQuery(params);
  const jobs = useJobs(where, qs, qs === initialQs ? initial : undefined);
  const prompts = usePrompts(where, "limit=100", initialNames);
  const promptNames = Object.fromEntries((prompts.data?.prompts ?? []).map((p) => [p.id, p.name]));
  const filtered = isFiltered(params);
  const update = useCallback(
    (key: string, value: string) => {
      // The history's own replaceState: the URL changes at once (Next.js follows it), so a
      // second filter changed right after the first builds on it. A new page is a new history
      // entry, so Back returns to the page before.
      const next = withRunsParam(new URLSearchParams(window.location.search), key, value);
      const url = `${pathname}${next.size ? `?${next}` : ""}`;
      if (key === "page") window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [pathname],
  );

  const newRun = canWrite ? (
    <ButtonLink href={`/${where.org}/${where.ws}/optimization/new`}>New run</ButtonLink>
  ) : (
    <Button disabled title={reason}>
      New run
    </Button>
  );

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <RunsFilters params={params} update={update} />
        {newRun}
      </div>
      {!canWrite ? (
        <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
          Read only: {reason}
        </p>
      ) : null}
      {jobs.isPending ? (
        <LoadingRows rows={5} />
      ) : jobs.isError ? (
        <ErrorState
          message={`Could not load the optimization runs: ${jobs.error.message}`}
          onRetry={() => jobs.refetch()}
        />
      ) : jobs.data.jobs.length === 0 ? (
        filtered ? (
          <EmptyState title="No run matches these filters">
            <p>
              Search for another name or target, pick other filters, or clear them.
              {params.get("archived")
                ? null
                : " Archived runs are hidden: Show archived lists them too."}
            </p>
          </EmptyState>
        ) : (
          <EmptyState
            title="No optimization runs yet"
            action={
              canWrite ? (
                <ButtonLink href={`/${where.org}/${where.ws}/optimization/new`}>
                  Start a run
                </ButtonLink>
              ) : undefined
            }
          >
            <p>
              A run tests variants of a prompt, or of a capability agent&apos;s instructions, in
              conversations with simulated users (personas), then says whether one beats the
              original and by how much.
            </p>
          </EmptyState>
        )
      ) : (
        <section aria-labelledby="runs-heading">
          <h2 id="runs-heading" className="mb-3 text-base font-semibold text-slate-900">
            {jobs.data.total} {jobs.data.total === 1 ? "run" : "runs"}
          </h2>
          <RunsTable
            where={where}
            jobs={jobs.data.jobs}
            promptNames={promptNames}
            winners={winners}
            manage={{ canWrite, reason }}
          />
          {jobs.data.total_pages > 1 ? (
            <nav
              aria-label="Pages"
              className="mt-3 flex items-center justify-between text-sm text-slate-600"
            >
              <span>
                Page {jobs.data.page} of {jobs.data.total_pages}
              </span>
              <span className="flex gap-2">
                <Button
                  variant="secondary"
                  disabled={!jobs.data.has_previous}
                  onClick={() => update("page", String(jobs.data.page - 1))}
                >
                  Previous
                </Button>
                <Button
                  variant="secondary"
                  disabled={!jobs.data.has_next}
                  onClick={() => update("page", String(jobs.data.page + 1))}
                >
                  Next
                </Button>
              </span>
            </nav>
          ) : null}
        </section>
      )}
    </div>
  );
}
