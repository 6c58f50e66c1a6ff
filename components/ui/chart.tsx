"use client";
// The one Recharts wrapper: a titled card with a responsive chart area, and the series colours.
// A variant keeps its colour everywhere (charts, tables, legends): the control is slate, the
// candidates follow in key order. Colours are CSS variables with a light and a dark value
// (app/globals.css): Recharts puts them in SVG attributes, where var() works as in CSS. The chart's
// numbers are also a table, visually hidden: a screen reader reads the table, and the drawing
// itself is hidden from it.
import type { ReactElement, ReactNode } from "react";
import { ResponsiveContainer } from "recharts";
import { Card } from "./card";

const SERIES_COLORS = [0, 1, 2, 3, 4, 5].map((i) => `var(--quiver-series-${i})`);

/** The colour of the i-th series (0 is the control). */
function seriesColor(i: number): string {
  return SERIES_COLORS[((i % SERIES_COLORS.length) + SERIES_COLORS.length) % SERIES_COLORS.length]!;
}

export const AXIS_TICK = { fontSize: 12, fill: "var(--quiver-chart-tick)" } as const;
export const GRID_STROKE = "var(--quiver-chart-grid)";
/** Marks drawn over the data (reference lines, error bars, emphasised ticks). */
export const CHART_INK = "var(--quiver-chart-ink)";
/** The band behind the hovered category. */
export const CHART_CURSOR = "var(--quiver-chart-cursor)";
/** For Recharts' <Tooltip>: the theme's surface and text instead of its white box and black items. */
export const TOOLTIP_STYLE = {
  contentStyle: {
    backgroundColor: "var(--color-white)",
    borderColor: "var(--color-slate-200)",
    color: "var(--color-slate-900)",
  },
  itemStyle: { color: CHART_INK },
} as const;

/** A chart's numbers for screen readers: column headings, and rows whose first cell names the row. */
export interface ChartTable {
  columns: string[];
  rows: (string | number)[][];
}

function SrTable({ caption, table }: { caption: string; table: ChartTable }) {
  return (
    // A table does not shrink to sr-only's 1 px and would widen a phone's page: the box clips it.
    <div className="sr-only">
      <table data-testid="chart-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={j}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ChartCard({
  title,
  description,
  height = 260,
  testId,
  table,
  children,
  footer,
}: {
  title: string;
  description?: ReactNode;
  height?: number;
  testId?: string;
  /** The numbers drawn, as a table for screen readers (the drawing is aria-hidden). */
  table: ChartTable;
  children: ReactElement;
  footer?: ReactNode;
}) {
  return (
    <Card className="p-4">
      <figure data-testid={testId} aria-label={title} className="m-0">
        <figcaption>
          <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
          {description ? <p className="mt-0.5 text-xs text-slate-600">{description}</p> : null}
        </figcaption>
        <SrTable caption={title} table={table} />
        <div className="mt-3" style={{ height }} aria-hidden="true">
          <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height }}>
            {children}
          </ResponsiveContainer>
        </div>
        {footer ? <div className="mt-2 text-xs text-slate-500">{footer}</div> : null}
      </figure>
    </Card>
  );
}

/** A small colour key for tables that use the series colours. */
export function SeriesSwatch({ index }: { index: number }) {
  return (
    <span
      aria-hidden="true"
      className="inline-block h-2.5 w-2.5 shrink-0 rounded-sm"
      style={{ backgroundColor: seriesColor(index) }}
    />
  );
}
