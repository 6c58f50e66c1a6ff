// Unified or split lines on the version diff page: two links, so the choice lives in the URL and
// a diff can be shared as the reader saw it.
import Link from "next/link";
import { segmentFocusClass } from "@/components/ui/button";
import type { DiffViewMode } from "./file-diff";

const label: Record<DiffViewMode, string> = { unified: "Unified", split: "Split" };

export function DiffViewSwitch({
  view,
  hrefOf,
}: {
  view: DiffViewMode;
  hrefOf: (view: DiffViewMode) => string;
}) {
  return (
    <nav aria-label="Diff layout" className="ml-auto">
      <ul className="inline-flex overflow-hidden rounded-md ring-1 ring-inset ring-slate-300">
        {(["unified", "split"] as const).map((v) => (
          <li key={v}>
            <Link
              href={hrefOf(v)}
              aria-current={view === v ? "true" : undefined}
              scroll={false}
              className={`block px-3 py-1.5 text-sm font-medium ${segmentFocusClass(view === v)} ${view === v ? "bg-indigo-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50"}`}
            >
              {label[v]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
