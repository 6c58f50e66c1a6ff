"use client";
// A table of optimization runs: what each optimized, its status and progress, its setup, the
// result (winner, lift, confidence band) and when it started and finished. Used by the runs list
// and by a prompt's page.
import Link from "next/link";
import { Badge } from "@/components/ui/card";
import { DataTable } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import {
  BAND_LABELS,
  confidenceBand,
  formatConfidence,
  formatLift,
  isLive,
} from "@/lib/optimization/view";
import { useWinnerNames, type JobView, type Where } from "./hooks";

const STATUS_TONE = {
  queued: "slate",
  running: "indigo",
  completed: "green",
  failed: "red",
  stopped: "amber",
} as const;
const BAND_TONE = { high: "green", medium: "amber", low: "slate" } as const;

export function StatusBadge({ status }: { status: JobView["status"] }) {
  return <Badge tone={STATUS_TONE[status]}>{status}</Badge>;
}

export function DemoBadge() {
  return (
    <span title="Demo data: the scores of this run were scripted by the demo seed, not measured">
      <Badge tone="amber">demo</Badge>
    </span>
  );
}

/** What a run optimized, in words. */
function targetLabel(
  job: JobView,
  promptNames: Record<string, string>,
): { title: string; detail: string } {
  if (job.target_kind === "prompt")
    return {
      title:
        (job.prompt_id && promptNames[job.prompt_id]) ||
        `prompt ${job.prompt_id?.slice(0, 8) ?? ""}`,
      detail: "prompt",
    };
  if (job.target_kind === "agent_draft")
    return { title: `${job.agent_name ?? "agent"} · draft`, detail: "agent draft" };
  return {
    title: `${job.capability_ref?.name ?? "capability"} · ${job.agent_name ?? "agent"}`,
    detail: `capability agent, ${job.capability_ref?.version ?? ""}`,
  };
}

function Result({ job, winners }: { job: JobView; winners: Record<string, string> }) {
  if (job.status === "completed" && job.results) {
    const id = job.results.winning_variant_id;
    if (id) {
      return (
        <span className="flex flex-wrap items-center gap-1">
          <span className="font-medium text-slate-900">{winners[id] ?? "…"}</span>
          {job.promoted_version_id ? (
            <Badge tone="indigo">promoted</Badge>
          ) : job.applied_variant_id ? (
            <Badge tone="indigo">applied</Badge>
          ) : null}
        </span>
      );
    }
    const kind = job.results.verdict.split(":")[0];
    return (
      <span className="text-slate-700" title={job.results.verdict}>
        {kind}
      </span>
    );
  }
  if (job.status === "failed")
    return (
      <span className="line-clamp-2 text-xs text-red-700" title={job.error ?? undefined}>
        Failed{job.error ? `: ${job.error}` : ""}
      </span>
    );
  if (job.status === "stopped")
    return (
      <span className="line-clamp-2 text-xs text-amber-800" title={job.stop_reason ?? undefined}>
        Stopped{job.stop_reason ? `: ${job.stop_reason}` : ""}
      </span>
    );
  return <span className="text-xs text-slate-500">not finished</span>;
}

export function RunsTable({
  where,
  jobs,
  promptNames,
  winners: known,
  hideTarget = false,
}: {
  where: Where;
  jobs: JobView[];
  promptNames: Record<string, string>;
  winners: Record<string, string>;
  hideTarget?: boolean;
}) {
  const winners = useWinnerNames(where, jobs, known);
  const columns = [
    hideTarget ? "Run" : "Target",
    "Status",
    "Setup",
    "Winner",
    "Lift",
    "Confidence",
    "Started",
    "Finished",
  ];
  return (
    <DataTable columns={columns} cellPadding="px-3">
      {jobs.map((j) => {
        const t = targetLabel(j, promptNames);
        const band = confidenceBand(j.results?.confidence);
        return (
          <tr key={j.id} data-testid="run-row" data-run={j.id} className="align-top">
            <td className="max-w-[15rem] px-3 py-3">
              <Link
                href={`/${where.org}/${where.ws}/optimization/${j.id}`}
                className="font-medium text-indigo-700 hover:underline"
              >
                {hideTarget ? `Run ${j.id.slice(0, 8)}` : t.title}
              </Link>
              <p className="mt-0.5 flex flex-wrap items-center gap-1 text-xs text-slate-500">
                {hideTarget ? null : <span>{t.detail}</span>}
                {j.is_demo ? <DemoBadge /> : null}
              </p>
            </td>
            <td className="whitespace-nowrap px-3 py-3">
              <StatusBadge status={j.status} />
              {isLive(j.status) ? (
                <p className="mt-1 text-xs text-slate-500">
                  {j.progress.done} of {j.progress.total} cells
                </p>
              ) : null}
            </td>
            <td className="whitespace-nowrap px-3 py-3 text-xs text-slate-700">
              {j.mode}
              <span className="block text-slate-500">
                {j.variant_count} {j.variant_count === 1 ? "variant" : "variants"}
              </span>
            </td>
            <td className="max-w-[11rem] px-3 py-3">
              <Result job={j} winners={winners} />
            </td>
            <td className="whitespace-nowrap px-3 py-3 font-medium tabular-nums text-slate-900">
              {j.results?.lift !== null && j.results?.lift !== undefined ? (
                formatLift(j.results.lift)
              ) : (
                <span className="font-normal text-slate-400">—</span>
              )}
            </td>
            <td className="whitespace-nowrap px-3 py-3">
              {band ? (
                <span className="flex items-center gap-1.5">
                  <Badge tone={BAND_TONE[band]}>{BAND_LABELS[band]}</Badge>
                  <span className="text-xs tabular-nums text-slate-600">
                    {formatConfidence(j.results?.confidence)}
                  </span>
                </span>
              ) : (
                <span className="text-slate-400">—</span>
              )}
            </td>
            <td className="whitespace-nowrap px-3 py-3 text-xs text-slate-700">
              {j.started_at ? (
                <Time iso={j.started_at} />
              ) : (
                <span className="text-slate-400">not yet</span>
              )}
            </td>
            <td className="whitespace-nowrap px-3 py-3 text-xs text-slate-700">
              {j.finished_at ? (
                <Time iso={j.finished_at} />
              ) : (
                <span className="text-slate-400">—</span>
              )}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
