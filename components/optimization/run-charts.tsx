"use client";
// The run's one chart: per candidate (largest gain on the primary metric first) and metric, the
// difference to the original in points on the 0–100 scale, with its 95% range. A bar is coloured
// by what it means (likely better, likely worse, no clear difference: the verdict's own rules) in
// a colour-blind-safe palette and carries an arrow and a sign, so colour is never the only cue.
// The original is the zero line; the variant the verdict is decided on is marked.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ErrorBar,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import {
  AXIS_TICK,
  CHART_CURSOR,
  CHART_INK,
  ChartCard,
  GRID_STROKE,
  TOOLTIP_STYLE,
} from "@/components/ui/chart";
import { METRIC_LABELS, METRICS, type Analysis } from "@/lib/optimization/stats";
import {
  byEffect,
  comparisonTone,
  formatLift,
  formatPoints,
  intervalWords,
  TONE_ARROWS,
  TONE_COLORS,
  TONE_WORDS,
  type Tone,
} from "@/lib/optimization/view";

export interface Series {
  key: string;
  name: string;
  color: number;
}

interface Row {
  label: string;
  value: number;
  /** Offsets below and above the value (ErrorBar's shape). */
  ci: [number, number] | null;
  tone: Tone;
  words: string;
  lift: string;
  /** The bar's label: the arrow of its meaning and the signed difference. */
  mark: string;
}

/** One row per candidate and metric, candidates by effect, metrics primary first. */
function rows(analysis: Analysis, series: Series[], deciding: string | null): Row[] {
  const metrics = [
    analysis.primary_metric,
    ...METRICS.filter((m) => m !== analysis.primary_metric),
  ];
  const name = (k: string) => series.find((s) => s.key === k)?.name ?? k;
  const out: Row[] = [];
  for (const key of byEffect(
    analysis,
    series.map((s) => s.key),
  )) {
    const v = analysis.variants.find((x) => x.variant === key);
    for (const m of metrics) {
      const c = v?.comparisons.find((x) => x.metric === m);
      if (!c || c.n === 0) continue;
      const tone = comparisonTone(c, analysis.verdict.threshold);
      out.push({
        label: `${key === deciding ? "★ " : ""}${name(key)} · ${METRIC_LABELS[m]}${m === analysis.primary_metric ? " (primary)" : ""}`,
        value: Number(c.mean_diff.toFixed(2)),
        ci: c.diff_ci
          ? [Math.max(0, c.mean_diff - c.diff_ci.low), Math.max(0, c.diff_ci.high - c.mean_diff)]
          : null,
        tone,
        words: `${TONE_WORDS[tone]}, ${intervalWords(c.diff_ci)}`,
        lift: formatLift(c.lift),
        // A no-break space: the axis wraps its ticks at spaces, and the arrow belongs to its number.
        mark: `${TONE_ARROWS[tone]}\u00a0${formatPoints(c.mean_diff)}`,
      });
    }
  }
  return out;
}

function Key() {
  const tones: Tone[] = ["better", "unclear", "worse"];
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1" aria-label="What the colours mean">
      {tones.map((t) => (
        <li key={t} className="flex items-center gap-1.5">
          <span
            aria-hidden="true"
            className="inline-block h-2.5 w-2.5 rounded-sm"
            style={{ backgroundColor: TONE_COLORS[t].fill }}
          />
          <span style={{ color: TONE_COLORS[t].ink }}>
            {TONE_ARROWS[t]} {TONE_WORDS[t]}
          </span>
        </li>
      ))}
      <li>Whiskers: the 95% range. ★ the variant the verdict is decided on.</li>
    </ul>
  );
}

export function RunCharts({
  analysis,
  series,
  deciding,
}: {
  analysis: Analysis;
  series: Series[];
  deciding: string | null;
}) {
  const data = rows(
    analysis,
    series.filter((s) => s.key !== analysis.control),
    deciding,
  );
  if (!data.length) return null;
  return (
    <ChartCard
      testId="chart-effects"
      title="Each candidate against the original (points on the 0–100 scale)"
      description="The difference on the same persona and scenario, per metric, largest gain first. A range that crosses zero is no clear difference."
      height={48 + data.length * 30}
      table={{
        columns: ["Candidate and metric", "Difference (points)", "Relative", "Meaning"],
        rows: data.map((r) => [r.label, formatPoints(r.value), r.lift, r.words]),
      }}
      footer={<Key />}
    >
      <BarChart
        data={data}
        // The drawing is aria-hidden (its numbers are ChartCard's table): no keyboard layer in it.
        accessibilityLayer={false}
        layout="vertical"
        margin={{ top: 4, right: 4, bottom: 4, left: 4 }}
        barCategoryGap="25%"
      >
        <CartesianGrid stroke={GRID_STROKE} horizontal={false} />
        <XAxis
          type="number"
          tick={AXIS_TICK}
          tickLine={false}
          axisLine={{ stroke: GRID_STROKE }}
          tickFormatter={(v: number) => (v === 0 ? "original" : formatPoints(v).replace(".0", ""))}
        />
        <YAxis
          type="category"
          dataKey="label"
          tick={AXIS_TICK}
          tickLine={false}
          axisLine={false}
          width={250}
        />
        {/* The arrow and the signed difference of each row, in a column of their own on the right. */}
        <YAxis
          yAxisId="mark"
          orientation="right"
          type="category"
          dataKey="mark"
          allowDuplicatedCategory
          tick={{ ...AXIS_TICK, fill: CHART_INK }}
          tickLine={false}
          axisLine={false}
          width={88}
        />
        <ReferenceLine x={0} stroke={CHART_INK} strokeWidth={1.5} />
        <Tooltip
          {...TOOLTIP_STYLE}
          cursor={{ fill: CHART_CURSOR }}
          formatter={(value, _name, item) => {
            const row = item?.payload as Row | undefined;
            return [
              `${formatPoints(Number(value))} points (${row?.lift ?? "—"}): ${row?.words ?? ""}`,
              "Difference",
            ];
          }}
        />
        <Bar dataKey="value" name="Difference" isAnimationActive={false} radius={2}>
          {data.map((r) => (
            <Cell key={r.label} fill={TONE_COLORS[r.tone].fill} />
          ))}
          <ErrorBar
            dataKey="ci"
            direction="x"
            width={6}
            strokeWidth={1.5}
            stroke={CHART_INK}
            isAnimationActive={false}
          />
        </Bar>
      </BarChart>
    </ChartCard>
  );
}
