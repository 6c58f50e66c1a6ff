"use client";
// The run's charts: per metric, each candidate's difference to the control (points on the 0–100
// scale) and its lift (% of the control's mean), each with its 95% interval from the paired
// comparison. The control is the zero line; a bar whose interval stays clear of it is a real
// difference.
import {
  Bar,
  BarChart,
  CartesianGrid,
  ErrorBar,
  Legend,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { AXIS_TICK, ChartCard, GRID_STROKE, seriesColor } from "@/components/ui/chart";
import {
  METRIC_LABELS,
  METRICS,
  type Analysis,
  type MetricComparison,
  type MetricKey,
} from "@/lib/optimization/stats";
import { formatLift, formatPoints } from "@/lib/optimization/view";

export interface Series {
  key: string;
  name: string;
  color: number;
}

type Pick = (c: MetricComparison) => {
  value: number | null;
  low: number | null;
  high: number | null;
};

const diffOf: Pick = (c) =>
  c.n === 0
    ? { value: null, low: null, high: null }
    : { value: c.mean_diff, low: c.diff_ci?.low ?? null, high: c.diff_ci?.high ?? null };
const liftOf: Pick = (c) => ({
  value: c.lift,
  low: c.lift_ci?.low ?? null,
  high: c.lift_ci?.high ?? null,
});

/** One row per metric: each candidate's value, and its interval as offsets below and above. */
function rows(analysis: Analysis, series: Series[], pick: Pick) {
  return METRICS.map((metric: MetricKey) => {
    const row: Record<string, unknown> = {
      metric: `${METRIC_LABELS[metric]}${metric === analysis.primary_metric ? " (primary)" : ""}`,
    };
    for (const s of series) {
      const c = analysis.variants
        .find((v) => v.variant === s.key)
        ?.comparisons.find((x) => x.metric === metric);
      if (!c) continue;
      const { value, low, high } = pick(c);
      if (value === null) continue;
      row[s.key] = Number(value.toFixed(2));
      if (low !== null && high !== null)
        row[`${s.key}__ci`] = [Math.max(0, value - low), Math.max(0, high - value)];
      row[`${s.key}__range`] = low !== null && high !== null ? [low, high] : null;
    }
    return row;
  });
}

function IntervalChart({
  title,
  description,
  analysis,
  series,
  pick,
  unit,
  format,
  testId,
}: {
  title: string;
  description: string;
  analysis: Analysis;
  series: Series[];
  pick: Pick;
  unit: string;
  format: (n: number) => string;
  testId: string;
}) {
  const data = rows(analysis, series, pick);
  return (
    <ChartCard title={title} description={description} testId={testId} height={280}>
      <BarChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 4 }} barCategoryGap="22%">
        <CartesianGrid stroke={GRID_STROKE} vertical={false} />
        <XAxis
          dataKey="metric"
          tick={AXIS_TICK}
          tickLine={false}
          axisLine={{ stroke: GRID_STROKE }}
        />
        <YAxis
          tick={AXIS_TICK}
          tickLine={false}
          axisLine={false}
          width={52}
          tickFormatter={(v: number) =>
            v === 0 ? "control" : `${v > 0 ? "+" : "−"}${Math.abs(v)}${unit}`
          }
        />
        <ReferenceLine y={0} stroke="#64748b" strokeWidth={1.5} />
        <Tooltip
          cursor={{ fill: "#f1f5f9" }}
          formatter={(value, name, item) => {
            const range = (item?.payload as Record<string, unknown> | undefined)?.[
              `${String(item?.dataKey)}__range`
            ] as [number, number] | null | undefined;
            return [
              `${format(Number(value))}${range ? ` (95%: ${format(range[0])} to ${format(range[1])})` : " (no interval: too few cells)"}`,
              name,
            ];
          }}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        {series.map((s) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.name}
            fill={seriesColor(s.color)}
            isAnimationActive={false}
            radius={[2, 2, 0, 0]}
          >
            <ErrorBar
              dataKey={`${s.key}__ci`}
              width={6}
              strokeWidth={1.5}
              stroke="#0f172a"
              isAnimationActive={false}
            />
          </Bar>
        ))}
      </BarChart>
    </ChartCard>
  );
}

export function RunCharts({ analysis, series }: { analysis: Analysis; series: Series[] }) {
  const candidates = series.filter((s) => s.key !== analysis.control);
  if (!candidates.length) return null;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <IntervalChart
        testId="chart-diff"
        title="Difference to the control per metric (points, mean of paired cells, 95% interval)"
        description="Each candidate minus the original on the same persona and scenario, on the 0–100 scale. Error bars: 95% interval; one that crosses zero is not a clear difference."
        analysis={analysis}
        series={candidates}
        pick={diffOf}
        unit=""
        format={(n) => formatPoints(n)}
      />
      <IntervalChart
        testId="chart-lift"
        title="Lift over the control per metric (% of the control's mean, 95% interval)"
        description="The same differences relative to the original's mean. The verdict reads the primary metric's lift and its confidence."
        analysis={analysis}
        series={candidates}
        pick={liftOf}
        unit="%"
        format={(n) => formatLift(n)}
      />
    </div>
  );
}
