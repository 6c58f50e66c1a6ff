// Tables in a card. On a narrow screen a table scrolls inside its card, never the page, with its
// first column fixed (TableScroll); the scroll box is a named region reachable by Tab, so a
// keyboard can scroll it too.
import type { ReactNode } from "react";
import { Card } from "./card";
import "./table.css";

/** The card and scroll box around a table; `label` names the region (say, "Runtimes"). */
export function TableScroll({
  label,
  stickyFirstColumn = true,
  children,
}: {
  label: string;
  stickyFirstColumn?: boolean;
  children: ReactNode;
}) {
  return (
    <Card className="overflow-hidden">
      <div
        role="region"
        aria-label={label}
        tabIndex={0}
        className={`table-scroll relative overflow-x-auto focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600 ${stickyFirstColumn ? "table-scroll-sticky" : ""}`}
      >
        {children}
      </div>
    </Card>
  );
}

export function DataTable({
  label,
  columns,
  cellPadding = "px-4",
  children,
}: {
  label: string;
  columns: string[];
  cellPadding?: string;
  children: ReactNode;
}) {
  return (
    <TableScroll label={label}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            {columns.map((c, i) => (
              <th key={`${c}-${i}`} className={`${cellPadding} py-2`}>
                {c || <span className="sr-only">Actions</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </TableScroll>
  );
}
