"use client";
// The run's numbers: every candidate against the control per metric (means, difference and lift
// with their 95% intervals, Holm-adjusted p, cells, method and notes), and the persona × variant
// table of mean scores, coloured by score.
import { useState } from "react";
import { Badge, Card } from "@/components/ui/card";
import { SeriesSwatch } from "@/components/ui/chart";
import { Select } from "@/components/ui/form";
import { METRIC_LABELS, METRICS, type Analysis, type MetricKey } from "@/lib/optimization/stats";
import { formatConfidence, formatLift, formatPoints } from "@/lib/optimization/view";
import type { Series } from "./run-charts";

const num = (n: number | null | undefined, digits = 1) =>
  n === null || n === undefined ? "—" : n.toFixed(digits);
const ci = (i: { low: number; high: number } | null, f: (n: number) => string) =>
  i ? `${f(i.low)} to ${f(i.high)}` : "no interval";
const pValue = (p: number | null) => (p === null ? "—" : p < 0.001 ? "< 0.001" : p.toFixed(3));

export function StatsTable({ analysis, series }: { analysis: Analysis; series: Series[] }) {
  const candidates = series.filter((s) => s.key !== analysis.control);
  return (
    <Card className="overflow-x-auto">
      <table className="min-w-full text-xs" data-testid="stats-table">
        <thead className="bg-slate-50 text-left font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-3 py-2">Variant</th>
            <th className="px-3 py-2">Metric</th>
            <th className="px-3 py-2 text-right">Control → variant</th>
            <th className="px-3 py-2 text-right">Difference (95%)</th>
            <th className="px-3 py-2 text-right">Lift (95%)</th>
            <th
              className="px-3 py-2 text-right"
              title="One-sided p that the variant is better, adjusted for the number of variants (Holm)"
            >
              p (Holm)
            </th>
            <th className="px-3 py-2 text-right">Paired cells</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {candidates.map((s) => {
            const v = analysis.variants.find((x) => x.variant === s.key);
            if (!v) return null;
            return METRICS.map((m, i) => {
              const c = v.comparisons.find((x) => x.metric === m);
              if (!c) return null;
              const primary = m === analysis.primary_metric;
              return (
                <tr
                  key={`${s.key}-${m}`}
                  className={`align-top ${i === 0 ? "border-t-2 border-slate-200" : ""}`}
                >
                  {i === 0 ? (
                    <td rowSpan={METRICS.length} className="px-3 py-2">
                      <span className="flex items-center gap-1.5 text-sm font-medium text-slate-900">
                        <SeriesSwatch index={s.color} />
                        {s.name}
                      </span>
                      <span className="mt-0.5 block text-slate-600">
                        {v.confidence !== null
                          ? `${formatConfidence(v.confidence)} confidence`
                          : "not testable yet"}
                      </span>
                    </td>
                  ) : null}
                  <td className="px-3 py-2 text-slate-800">
                    <span className={`whitespace-nowrap ${primary ? "font-semibold" : ""}`}>
                      {METRIC_LABELS[m]}
                    </span>
                    {primary ? <span className="ml-1 text-slate-500">(primary)</span> : null}
                    {c.regresses ? (
                      <span className="ml-1">
                        <Badge tone="red">regresses</Badge>
                      </span>
                    ) : null}
                    {c.note ? (
                      <span className="mt-0.5 block max-w-[16rem] text-[11px] text-slate-500">
                        {c.note}
                      </span>
                    ) : null}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums text-slate-700">
                    {c.n ? `${num(c.control_mean)} → ${num(c.variant_mean)}` : "—"}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                    <span className="font-medium text-slate-900">
                      {c.n ? formatPoints(c.mean_diff) : "—"}
                    </span>
                    <span className="block text-slate-500">{ci(c.diff_ci, formatPoints)}</span>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                    <span className="font-medium text-slate-900">{formatLift(c.lift)}</span>
                    <span className="block text-slate-500">{ci(c.lift_ci, formatLift)}</span>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums text-slate-700">
                    {pValue(c.p_value_adjusted)}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums text-slate-700">
                    {c.n}
                    <span className="block text-slate-500">
                      {c.method === "none"
                        ? "no test"
                        : c.method === "t"
                          ? "paired t"
                          : "bootstrap + t"}
                    </span>
                  </td>
                </tr>
              );
            });
          })}
        </tbody>
      </table>
    </Card>
  );
}

/** A background from red (low) through amber to green (high) for a 0–100 score. */
export function scoreColor(score: number): string {
  const t = Math.max(0, Math.min(1, (score - 40) / 50)); // 40 and below: red; 90 and above: green
  const hue = Math.round(t * 130);
  return `hsl(${hue} 75% 90%)`;
}

export function PersonaTable({ analysis, series }: { analysis: Analysis; series: Series[] }) {
  const [metric, setMetric] = useState<MetricKey>(analysis.primary_metric);
  const byKey = new Map(analysis.variants.map((v) => [v.variant, v]));
  const control = byKey.get(analysis.control);
  const personas = [
    ...new Set(analysis.variants.flatMap((v) => Object.keys(v.per_persona))),
  ].sort();
  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-slate-600">
          Mean {METRIC_LABELS[metric]} per persona (0–100), and each candidate&apos;s difference to
          the control for that persona.
        </p>
        <label className="flex items-center gap-2 text-xs text-slate-600">
          Metric
          <Select
            aria-label="Persona table metric"
            value={metric}
            onChange={(e) => setMetric(e.target.value as MetricKey)}
            className="w-44 py-1 text-xs"
          >
            {METRICS.map((m) => (
              <option key={m} value={m}>
                {METRIC_LABELS[m]}
                {m === analysis.primary_metric ? " (primary)" : ""}
              </option>
            ))}
          </Select>
        </label>
      </div>
      <Card className="overflow-x-auto">
        <table className="min-w-full text-sm" data-testid="persona-table">
          <thead className="bg-slate-50 text-left text-xs font-medium text-slate-600">
            <tr>
              <th className="px-3 py-2 uppercase tracking-wide text-slate-500">Persona</th>
              {series.map((s) => (
                <th key={s.key} className="px-3 py-2 text-right">
                  <span className="inline-flex items-center gap-1.5">
                    <SeriesSwatch index={s.color} />
                    {s.name}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-white">
            {personas.map((p) => {
              const base = control?.per_persona[p]?.[metric] ?? null;
              return (
                <tr key={p}>
                  <th
                    scope="row"
                    className="whitespace-nowrap px-3 py-2 text-left font-medium text-slate-800"
                  >
                    {p}
                  </th>
                  {series.map((s) => {
                    const value = byKey.get(s.key)?.per_persona[p]?.[metric] ?? null;
                    const delta =
                      value !== null && base !== null && s.key !== analysis.control
                        ? value - base
                        : null;
                    return (
                      <td
                        key={s.key}
                        className="px-3 py-2 text-right tabular-nums"
                        style={value !== null ? { backgroundColor: scoreColor(value) } : undefined}
                      >
                        {value === null ? (
                          <span className="text-slate-400">no cells</span>
                        ) : (
                          <span className="font-medium text-slate-900">{value.toFixed(1)}</span>
                        )}
                        {delta !== null ? (
                          <span
                            className={`ml-1.5 text-xs ${delta > 0 ? "text-emerald-800" : delta < 0 ? "text-red-800" : "text-slate-500"}`}
                          >
                            {formatPoints(delta)}
                          </span>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </Card>
      <p className="mt-1 flex items-center gap-2 text-[11px] text-slate-500">
        <span
          className="inline-block h-2.5 w-16 rounded-sm"
          style={{
            background: `linear-gradient(to right, ${scoreColor(40)}, ${scoreColor(65)}, ${scoreColor(90)})`,
          }}
          aria-hidden="true"
        />
        40 or below → 90 or above. Per persona the cells are few: read these as where to look, not
        as verdicts.
      </p>
    </div>
  );
}
