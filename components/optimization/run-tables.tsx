"use client";
// The run's numbers: every candidate (largest gain on the primary metric first) against the
// original per metric, in words (likely better, no clear difference, likely worse, with the range
// in points), means, difference and lift; and the persona × variant table of mean scores.
// p-values and methods are in "How this was computed" (run-method.tsx).
import { useSearchParams } from "next/navigation";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/card";
import { TableScroll } from "@/components/ui/table";
import { SeriesSwatch } from "@/components/ui/chart";
import { Select } from "@/components/ui/form";
import { UrlNotice } from "@/components/ui/url-notice";
import { useReplaceParam } from "@/components/ui/url-param";
import {
  METRIC_LABELS,
  METRICS,
  type Analysis,
  type MetricComparison,
  type MetricKey,
} from "@/lib/optimization/stats";
import {
  byEffect,
  comparisonTone,
  formatLift,
  formatPoints,
  intervalWords,
  TONE_ARROWS,
  TONE_COLORS,
  TONE_WORDS,
  type Deciding,
} from "@/lib/optimization/view";
import type { Series } from "./run-charts";

const num = (n: number | null | undefined, digits = 1) =>
  n === null || n === undefined ? "—" : n.toFixed(digits);

/** The candidates in effect order, with the metrics primary first. */
export function orderedRows(analysis: Analysis, series: Series[]) {
  const metrics = [
    analysis.primary_metric,
    ...METRICS.filter((m) => m !== analysis.primary_metric),
  ];
  return byEffect(
    analysis,
    series.map((s) => s.key),
  ).flatMap((key) => {
    const s = series.find((x) => x.key === key)!;
    const v = analysis.variants.find((x) => x.variant === key);
    return v ? [{ s, v, metrics }] : [];
  });
}

/** "▲ likely better" in its colour, and the range in words below. */
function Effect({ c, threshold }: { c: MetricComparison; threshold: number }) {
  const tone = comparisonTone(c, threshold);
  return (
    <span className="block" data-tone={tone}>
      <span className="font-medium" style={{ color: TONE_COLORS[tone].ink }}>
        {TONE_ARROWS[tone]} {TONE_WORDS[tone]}
      </span>
      <span className="block text-slate-600">{intervalWords(c.diff_ci)}</span>
    </span>
  );
}

function VariantCell({
  s,
  rows,
  primary,
  threshold,
  deciding,
}: {
  s: Series;
  rows: number;
  primary: MetricComparison | undefined;
  threshold: number;
  deciding: Deciding | null;
}) {
  return (
    <td rowSpan={rows} className="px-3 py-2">
      <span className="flex items-center gap-1.5 text-sm font-medium text-slate-900">
        <SeriesSwatch index={s.color} />
        {s.name}
      </span>
      {deciding?.key === s.key ? (
        <span className="mt-1 block" data-testid="deciding-variant">
          <Badge tone="indigo">★ Verdict decided on this variant</Badge>
          <span className="mt-0.5 block text-slate-600">{deciding.why}</span>
        </span>
      ) : null}
      {primary ? (
        <span className="mt-1 block text-slate-600">
          On {METRIC_LABELS[primary.metric]}: {TONE_WORDS[comparisonTone(primary, threshold)]}
        </span>
      ) : null}
    </td>
  );
}

function MetricRow({
  c,
  primary,
  threshold,
  first,
}: {
  c: MetricComparison;
  primary: boolean;
  threshold: number;
  first: ReactNode;
}) {
  return (
    <tr className="align-top">
      {first}
      <td className="px-3 py-2 text-slate-800">
        <span className={`whitespace-nowrap ${primary ? "font-semibold" : ""}`}>
          {METRIC_LABELS[c.metric]}
        </span>
        {primary ? <span className="ml-1 text-slate-500">(primary)</span> : null}
      </td>
      <td className="px-3 py-2">
        {c.n ? (
          <Effect c={c} threshold={threshold} />
        ) : (
          <span className="text-slate-500">no paired cells</span>
        )}
      </td>
      <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums text-slate-700">
        {c.n ? `${num(c.control_mean)} → ${num(c.variant_mean)}` : "—"}
      </td>
      <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
        <span className="font-medium text-slate-900">{c.n ? formatPoints(c.mean_diff) : "—"}</span>
        <span className="block text-slate-500">{formatLift(c.lift)}</span>
      </td>
      <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums text-slate-700">{c.n}</td>
    </tr>
  );
}

export function StatsTable({
  analysis,
  series,
  deciding,
}: {
  analysis: Analysis;
  series: Series[];
  deciding: Deciding | null;
}) {
  const threshold = analysis.verdict.threshold;
  const candidates = series.filter((s) => s.key !== analysis.control);
  return (
    <TableScroll label="Statistics by candidate">
      <table className="min-w-full text-xs" data-testid="stats-table">
        <thead className="bg-slate-50 text-left font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-3 py-2">Variant</th>
            <th className="px-3 py-2">Metric</th>
            <th className="px-3 py-2">Against the original</th>
            <th className="px-3 py-2 text-right">Original → variant</th>
            <th className="px-3 py-2 text-right">Difference (points, %)</th>
            <th className="px-3 py-2 text-right">Paired cells</th>
          </tr>
        </thead>
        {orderedRows(analysis, candidates).map(({ s, v, metrics }) => {
          const comps = metrics.flatMap((m) => v.comparisons.filter((c) => c.metric === m));
          return (
            <tbody
              key={s.key}
              className="divide-y divide-slate-100 border-t-2 border-slate-200"
              data-testid="stats-variant"
              data-variant={s.name}
            >
              {comps.map((c, i) => (
                <MetricRow
                  key={c.metric}
                  c={c}
                  primary={c.metric === analysis.primary_metric}
                  threshold={threshold}
                  first={
                    i === 0 ? (
                      <VariantCell
                        s={s}
                        rows={comps.length}
                        primary={c}
                        threshold={threshold}
                        deciding={deciding}
                      />
                    ) : null
                  }
                />
              ))}
            </tbody>
          );
        })}
      </table>
    </TableScroll>
  );
}

// Light (dark in dark mode) vermillion, yellow and bluish green (Okabe–Ito's worse and better):
// CSS variables with a light and a dark value (app/globals.css).
const LOW = "var(--quiver-heat-low)";
const MID = "var(--quiver-heat-mid)";
const HIGH = "var(--quiver-heat-high)";

/** A soft background from vermillion (low) through yellow to bluish green (high) for a 0–100 score. */
export function scoreColor(score: number): string {
  const t = Math.max(0, Math.min(1, (score - 40) / 50)); // 40 and below: low; 90 and above: high
  const [a, b, u] = t < 0.5 ? [LOW, MID, t * 2] : [MID, HIGH, (t - 0.5) * 2];
  return `color-mix(in srgb, ${a}, ${b} ${Math.round(u * 100)}%)`;
}

export function PersonaTable({ analysis, series }: { analysis: Analysis; series: Series[] }) {
  // The picked metric is in the link (`?persona_metric=`); the primary one is the default.
  const asked = useSearchParams().get("persona_metric");
  const metric = (METRICS as readonly string[]).includes(asked ?? "")
    ? (asked as MetricKey)
    : analysis.primary_metric;
  const replaceParam = useReplaceParam();
  const setMetric = (m: MetricKey) =>
    replaceParam("persona_metric", m === analysis.primary_metric ? null : m);
  const byKey = new Map(analysis.variants.map((v) => [v.variant, v]));
  const control = byKey.get(analysis.control);
  // The original first, then the candidates by effect, as in the table above.
  const cols = [
    ...series.filter((s) => s.key === analysis.control),
    ...byEffect(
      analysis,
      series.map((s) => s.key),
    ).map((k) => series.find((s) => s.key === k)!),
  ];
  const personas = [
    ...new Set(analysis.variants.flatMap((v) => Object.keys(v.per_persona))),
  ].sort();
  return (
    <div>
      {asked !== null && asked !== metric ? (
        <UrlNotice>
          The link asks for the metric <code className="font-mono">{asked}</code>, which this run
          does not measure. Showing {METRIC_LABELS[metric]}, its primary metric.
        </UrlNotice>
      ) : null}
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
      <TableScroll label="Scores by persona and variant">
        <table className="min-w-full text-sm" data-testid="persona-table">
          <thead className="bg-slate-50 text-left text-xs font-medium text-slate-600">
            <tr>
              <th className="px-3 py-2 uppercase tracking-wide text-slate-500">Persona</th>
              {cols.map((s) => (
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
                  {cols.map((s) => {
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
                          <span className="text-slate-500">no cells</span>
                        ) : (
                          <span className="font-medium text-slate-900">{value.toFixed(1)}</span>
                        )}
                        {delta !== null ? (
                          <span
                            className="ml-1.5 text-xs"
                            style={{
                              color:
                                TONE_COLORS[delta > 0 ? "better" : delta < 0 ? "worse" : "unclear"]
                                  .ink,
                            }}
                          >
                            {delta > 0 ? TONE_ARROWS.better : delta < 0 ? TONE_ARROWS.worse : ""}
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
      </TableScroll>
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
