// A version's trust level at a glance, as lists and pickers show it: an icon, the words and the
// counts of failing and warning signals (never colour alone). The level is the trust card's own
// (lib/catalog/trust/level.ts); null means the server has not computed it yet.
import type { TrustLevel, TrustStatus } from "@/lib/catalog/trust/level";

const style: Record<TrustLevel | "unknown", { icon: string; pill: string }> = {
  fail: { icon: "✕", pill: "bg-red-50 text-red-800 ring-red-300" },
  warn: { icon: "!", pill: "bg-amber-50 text-amber-900 ring-amber-300" },
  clean: { icon: "✓", pill: "bg-emerald-50 text-emerald-800 ring-emerald-300" },
  unknown: { icon: "?", pill: "bg-slate-50 text-slate-700 ring-slate-300" },
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "2 failing, 1 warning", "3 warnings", "No risks found". */
function trustWords(level: TrustLevel | null, counts: Record<TrustStatus, number> | null) {
  if (!level) return "Trust not checked yet";
  if (level === "clean" || !counts) return level === "clean" ? "No risks found" : level;
  const warn = plural(counts.warn, "warning", "warnings");
  return level === "fail"
    ? `${plural(counts.fail, "failing signal", "failing signals")}${counts.warn ? `, ${warn}` : ""}`
    : warn;
}

export const trustLevelLabel: Record<TrustLevel, string> = {
  fail: "Failing signals",
  warn: "Warnings only",
  clean: "Nothing flagged",
};

export function TrustBadge({
  level,
  counts,
}: {
  level: TrustLevel | null | undefined;
  counts: Record<TrustStatus, number> | null | undefined;
}) {
  const s = style[level ?? "unknown"];
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${s.pill}`}
      data-testid="trust-badge"
      data-level={level ?? "unknown"}
    >
      <span aria-hidden className="font-bold">
        {s.icon}
      </span>
      <span>
        <span className="sr-only">Trust: </span>
        {trustWords(level ?? null, counts ?? null)}
      </span>
    </span>
  );
}
