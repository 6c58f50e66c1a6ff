"use client";
// How big a run is: the cells scored of those planned, and what its plan can detect
// (lib/optimization/power.ts, the same sentence the new-run form shows before a start).
import { detectableSentence } from "@/lib/optimization/power";
import type { Analysis, JobView } from "./hooks";
import { scoredCells } from "@/lib/optimization/view";

/** Scenarios per persona of each mode (lib/optimization/bounds.ts SCENARIOS_PER_PERSONA). */
export const SCENARIOS = { exploratory: 3, validation: 8 } as const;

export function RunSize({ job, analysis }: { job: JobView; analysis: Analysis | null }) {
  // Cells with a score, when the statistics have run; before a control is reported, those reported.
  const scored = analysis ? scoredCells(analysis) : job.progress.done;
  const planned = job.progress.total;
  const plan = {
    personas: job.persona_ids.length,
    scenarios: SCENARIOS[job.mode],
    mode: job.mode,
    candidates: job.variant_count,
  };
  return (
    <p className="text-sm text-slate-700" data-testid="run-size">
      <strong className="font-semibold text-slate-900">
        {scored} of {planned} planned cells {analysis ? "scored" : "reported"}
      </strong>
      {planned > 0 && scored < planned && !["queued", "running"].includes(job.status) ? (
        <span className="text-slate-600"> (the run ended short of its plan)</span>
      ) : null}
      . {detectableSentence(plan, job.status === "queued" ? "can" : "could")}
    </p>
  );
}
