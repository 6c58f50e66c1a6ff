"use client";
// The one Recharts wrapper: a titled card with a responsive chart area, and the series colours.
// A variant keeps its colour everywhere (charts, tables, legends): the control is slate, the
// candidates follow in key order.
import type { ReactElement, ReactNode } from "react";
import { ResponsiveContainer } from "recharts";
import { Card } from "./card";

const SERIES_COLORS = ["#64748b", "#4f46e5", "#059669", "#d97706", "#db2777", "#0891b2"] as const;

/** The colour of the i-th series (0 is the control). */
function seriesColor(i: number): string {
  return SERIES_COLORS[((i % SERIES_COLORS.length) + SERIES_COLORS.length) % SERIES_COLORS.length]!;
}

export const AXIS_TICK = { fontSize: 12, fill: "#475569" } as const;
export const GRID_STROKE = "#e2e8f0";

export function ChartCard({
  title,
  description,
  height = 260,
  testId,
  children,
  footer,
}: {
  title: string;
  description?: ReactNode;
  height?: number;
  testId?: string;
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
        <div className="mt-3" style={{ height }}>
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
