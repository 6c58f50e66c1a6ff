// A table in a card: column headings, then the rows the caller renders.
import type { ReactNode } from "react";
import { Card } from "./card";

export function DataTable({
  columns,
  cellPadding = "px-4",
  children,
}: {
  columns: string[];
  cellPadding?: string;
  children: ReactNode;
}) {
  return (
    <Card className="overflow-x-auto">
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
    </Card>
  );
}
