"use client";
// A table of optimization runs: each run's name, what it optimized, its executor and status, the
// verdict (winner, lift, confidence band), its size (cells scored of planned) and when it started;
// with Rename and Archive when the caller manages runs. Used by the runs list and a prompt's page.
import Link from "next/link";
import { Badge } from "@/components/ui/card";
import { DataTable } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { BAND_LABELS, confidenceBand, formatConfidence, formatLift } from "@/lib/optimization/view";
import { useWinnerNames, type JobView, type Where } from "./hooks";
import { RunManageButtons } from "./run-manage";

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

/** Lift and the confidence band of a completed run's winner (or its best candidate). */
function LiftAndBand({ job }: { job: JobView }) {
  const lift = job.results?.lift;
  const band = confidenceBand(job.results?.confidence);
  if ((lift === null || lift === undefined) && !band) return null;
  return (
    <span className="mt-1 flex flex-wrap items-center gap-1.5 text-xs">
      {lift !== null && lift !== undefined ? (
        <span className="font-medium tabular-nums text-slate-900">{formatLift(lift)}</span>
      ) : null}
      {band ? (
        <span
          className="flex items-center gap-1"
          title={`Confidence ${formatConfidence(job.results?.confidence)}`}
        >
          <Badge tone={BAND_TONE[band]}>{BAND_LABELS[band]}</Badge>
        </span>
      ) : null}
    </span>
  );
}

function Verdict({ job, winners }: { job: JobView; winners: Record<string, string> }) {
  if (job.status === "completed" && job.results) {
    const id = job.results.winning_variant_id;
    if (id) {
      return (
        <>
          <span className="flex flex-wrap items-center gap-1">
            <span className="text-slate-600">Winner:</span>{" "}
            <span className="font-medium text-slate-900">{winners[id] ?? "…"}</span>
            {job.promoted_version_id ? (
              <Badge tone="indigo">promoted</Badge>
            ) : job.applied_variant_id ? (
              <Badge tone="indigo">applied</Badge>
            ) : null}
          </span>
          <LiftAndBand job={job} />
        </>
      );
    }
    return (
      <span className="text-slate-700" title={job.results.verdict}>
        {job.results.verdict.split(":")[0]}
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

/** Cells scored of planned, with a bar (the numbers say it; the bar only helps the eye). */
function Size({ job }: { job: JobView }) {
  const { done, total } = job.progress;
  const pct = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <span className="block min-w-[6rem] text-xs text-slate-700">
      <span className="tabular-nums">
        {done} of {total}
      </span>{" "}
      cells
      <span aria-hidden className="mt-1 block h-1.5 w-full rounded bg-slate-100">
        <span className="block h-1.5 rounded bg-indigo-500" style={{ width: `${pct}%` }} />
      </span>
    </span>
  );
}

function NameCell({ where, job }: { where: Where; job: JobView }) {
  return (
    <td className="max-w-[16rem] px-3 py-3">
      <Link
        href={`/${where.org}/${where.ws}/optimization/${job.id}`}
        className="font-medium break-words text-indigo-700 hover:underline"
      >
        {job.name}
      </Link>
      <p className="mt-0.5 flex flex-wrap items-center gap-1 text-xs text-slate-500">
        <span>{job.mode}</span>
        {job.is_demo ? <DemoBadge /> : null}
        {job.archived_at ? <Badge tone="slate">archived</Badge> : null}
      </p>
    </td>
  );
}

export function RunsTable({
  where,
  jobs,
  promptNames,
  winners: known,
  hideTarget = false,
  manage,
}: {
  where: Where;
  jobs: JobView[];
  promptNames: Record<string, string>;
  winners: Record<string, string>;
  hideTarget?: boolean;
  /** Rename and Archive per row (the runs list); left out on a prompt's page. */
  manage?: { canWrite: boolean; reason: string };
}) {
  const winners = useWinnerNames(where, jobs, known);
  const columns = [
    "Name",
    ...(hideTarget ? [] : ["Target"]),
    "Executor",
    "Status",
    "Verdict",
    "Size",
    "Started",
    ...(manage ? ["Actions"] : []),
  ];
  return (
    <DataTable label="Optimization runs" columns={columns} cellPadding="px-3">
      {jobs.map((j) => {
        const t = targetLabel(j, promptNames);
        return (
          <tr key={j.id} data-testid="run-row" data-run={j.id} className="align-top">
            <NameCell where={where} job={j} />
            {hideTarget ? null : (
              <td className="max-w-[14rem] px-3 py-3 text-slate-800">
                {t.title}
                <span className="block text-xs text-slate-500">{t.detail}</span>
              </td>
            )}
            <td className="px-3 py-3 text-xs text-slate-700">
              {j.executor === "builtin" ? "built-in" : "external"}
            </td>
            <td className="whitespace-nowrap px-3 py-3">
              <StatusBadge status={j.status} />
            </td>
            <td className="max-w-[13rem] px-3 py-3">
              <Verdict job={j} winners={winners} />
            </td>
            <td className="px-3 py-3">
              <Size job={j} />
            </td>
            <td className="whitespace-nowrap px-3 py-3 text-xs text-slate-700">
              {j.started_at ? (
                <Time iso={j.started_at} />
              ) : (
                <span className="text-slate-500">not yet</span>
              )}
            </td>
            {manage ? (
              <td className="px-3 py-3">
                <RunManageButtons where={where} job={j} compact {...manage} />
              </td>
            ) : null}
          </tr>
        );
      })}
    </DataTable>
  );
}
