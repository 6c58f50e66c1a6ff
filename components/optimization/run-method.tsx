"use client";
// "How this was computed": the methods behind the words on the run page (paired comparisons, the
// t-test or bootstrap, Holm's adjustment, the bar of each mode, what the detectable difference
// assumes) and the technical numbers per comparison (adjusted p-values, method, notes). Closed by
// default: a reader needs none of it to read the verdict.
import { TableScroll } from "@/components/ui/table";
import { METRIC_LABELS, type Analysis } from "@/lib/optimization/stats";
import { ASSUMED_DIFF_SD, DETECTION_POWER } from "@/lib/optimization/power";
import { formatConfidence } from "@/lib/optimization/view";
import type { Series } from "./run-charts";
import { orderedRows } from "./run-tables";

const pValue = (p: number | null) => (p === null ? "—" : p < 0.001 ? "< 0.001" : p.toFixed(3));
const METHOD = { t: "paired t", bootstrap: "bootstrap + t", none: "no test" } as const;

function Numbers({ analysis, series }: { analysis: Analysis; series: Series[] }) {
  const rows = orderedRows(
    analysis,
    series.filter((s) => s.key !== analysis.control),
  ).flatMap(({ s, v, metrics }) =>
    metrics.flatMap((m) => v.comparisons.filter((c) => c.metric === m).map((c) => ({ s, v, c }))),
  );
  return (
    <TableScroll label="Methods and p-values">
      <table className="min-w-full text-xs" data-testid="method-table">
        <thead className="bg-slate-50 text-left font-medium text-slate-500">
          <tr>
            <th className="px-3 py-2">Variant</th>
            <th className="px-3 py-2">Metric</th>
            <th className="px-3 py-2 text-right">Confidence (1 − p, Holm)</th>
            <th className="px-3 py-2 text-right">One-sided p (Holm)</th>
            <th className="px-3 py-2 text-right">Two-sided p (Holm)</th>
            <th className="px-3 py-2">Method</th>
            <th className="px-3 py-2">Notes</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map(({ s, c }) => (
            <tr key={`${s.key}-${c.metric}`} className="align-top">
              <td className="whitespace-nowrap px-3 py-1.5 text-slate-900">{s.name}</td>
              <td className="whitespace-nowrap px-3 py-1.5 text-slate-800">
                {METRIC_LABELS[c.metric]}
              </td>
              <td className="px-3 py-1.5 text-right tabular-nums">
                {c.p_value_adjusted === null ? "—" : formatConfidence(1 - c.p_value_adjusted)}
              </td>
              <td className="px-3 py-1.5 text-right tabular-nums">{pValue(c.p_value_adjusted)}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">
                {pValue(c.p_two_sided_adjusted)}
              </td>
              <td className="whitespace-nowrap px-3 py-1.5">{METHOD[c.method]}</td>
              <td className="max-w-xs px-3 py-1.5 text-slate-600">{c.note ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function HowComputed({
  analysis,
  series,
  mode,
}: {
  analysis: Analysis;
  series: Series[];
  mode: "exploratory" | "validation";
}) {
  const bar = formatConfidence(analysis.verdict.threshold);
  return (
    <details
      className="rounded-lg border border-slate-200 bg-white px-5 py-3"
      data-testid="how-computed"
    >
      <summary className="cursor-pointer text-sm font-medium text-slate-800">
        How this was computed
      </summary>
      <div className="mt-3 max-w-3xl space-y-2 text-sm text-slate-700">
        <p>
          Each candidate is compared with the original on the same persona and scenario (a paired
          comparison), per metric. The difference and its 95% range come from a paired t-test; with
          fewer than 10 paired cells, or skewed differences, a paired bootstrap (10,000 resamples)
          is run as well and the more cautious of the two is kept.
        </p>
        <p>
          Because several candidates are tested at once, p-values are adjusted for their number
          (Holm). <strong>Confidence</strong> is 1 − the adjusted one-sided p that the candidate is
          better. In {mode} mode a candidate is <strong>likely better</strong> from {bar}{" "}
          confidence; it is <strong>likely worse</strong> when it is worse at a two-sided adjusted p
          below 0.05. A winner must be likely better on {METRIC_LABELS[analysis.primary_metric]} and
          not likely worse on another metric; among several, the largest gain wins.
        </p>
        <p>
          The detectable difference shown before a run assumes a spread of the paired differences
          (standard deviation) of {ASSUMED_DIFF_SD} points and {Math.round(DETECTION_POWER * 100)}%
          power: a true difference that large is found about {Math.round(DETECTION_POWER * 100)}% of
          the time; smaller ones are often missed.
        </p>
      </div>
      <div className="mt-3">
        <Numbers analysis={analysis} series={series} />
      </div>
    </details>
  );
}
