"use client";
// One conversation's transcript with its scores, the judge's note and whether it was played on the
// held-out pool; the conversation table shows it beside the original's in the same scenario.
import { SeriesSwatch } from "@/components/ui/chart";
import { METRIC_LABELS, METRICS } from "@/lib/optimization/stats";
import type { CellView } from "./hooks";
import { scoreColor } from "./run-tables";

function Scores({ cell }: { cell: CellView }) {
  return (
    <ul className="flex flex-wrap gap-1.5 text-[11px]">
      {METRICS.map((m) => {
        const v = cell.metrics[m];
        return (
          <li
            key={m}
            className="rounded px-1.5 py-0.5 text-slate-800"
            style={v !== null ? { backgroundColor: scoreColor(v) } : undefined}
          >
            {METRIC_LABELS[m]}{" "}
            <span className="font-semibold tabular-nums">{v === null ? "—" : Math.round(v)}</span>
          </li>
        );
      })}
    </ul>
  );
}

export function Transcript({
  cell,
  title,
  color,
}: {
  cell: CellView | undefined;
  title: string;
  color: number;
}) {
  return (
    // A column, so that side by side the judge's notes line up at the bottom; the scores always
    // under the title, so that a long variant name does not push one header taller than the other.
    <div className="flex min-w-0 flex-col rounded-md ring-1 ring-slate-200">
      <div className="flex flex-col items-start gap-1 border-b border-slate-100 bg-slate-50 px-3 py-1.5">
        <span className="flex items-center gap-1.5 text-xs font-medium text-slate-800">
          <SeriesSwatch index={color} />
          {title}
        </span>
        {cell ? <Scores cell={cell} /> : null}
      </div>
      {!cell ? (
        <p className="px-3 py-2 text-xs text-slate-500">Not scored in this scenario.</p>
      ) : !cell.transcript?.length ? (
        <p className="px-3 py-2 text-xs text-slate-500">
          The executor reported scores without a transcript.
        </p>
      ) : (
        <ol className="flex-1 space-y-2 px-3 py-2">
          {cell.transcript.map((t, i) => (
            <li
              key={i}
              className={`max-w-[92%] rounded-lg px-2.5 py-1.5 text-xs leading-5 ${t.role === "user" ? "bg-slate-100 text-slate-800" : "ml-auto bg-indigo-50 text-slate-900"}`}
            >
              <span className="block text-[10px] font-semibold uppercase tracking-wide text-slate-600">
                {t.role === "user" ? "persona" : t.role}
              </span>
              <span className="whitespace-pre-wrap break-words">{t.content}</span>
            </li>
          ))}
        </ol>
      )}
      {cell?.judge_note || cell?.held_out ? (
        <p className="border-t border-slate-100 px-3 py-1.5 text-[11px] text-slate-600">
          {cell.held_out ? (
            <span className="mr-2 rounded bg-amber-50 px-1 py-0.5 font-medium text-amber-800">
              held-out
            </span>
          ) : null}
          {cell.judge_note ? <>Judge: {cell.judge_note}</> : null}
        </p>
      ) : null}
    </div>
  );
}
