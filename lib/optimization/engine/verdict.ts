// Validation mode re-checks a candidate winner on the held-out pool (scenarios drawn separately
// from the ones the variants were compared on) before declaring it: the held-out comparison of
// the winner against the control must itself name the winner, at the validation threshold.
import { analyze, METRIC_LABELS, type Analysis, type Cell } from "@/lib/optimization/stats";

export function withHoldout(main: Analysis, holdoutCells: Cell[]): Analysis {
  const winner = main.verdict.winner;
  if (!winner) return main;
  const cells = holdoutCells.filter((c) => c.variant === winner || c.variant === main.control);
  const h = analyze(cells, {
    control: main.control,
    mode: "validation",
    primary: main.primary_metric,
  });
  const row = h.variants.find((v) => v.variant === winner);
  const confirmed = h.verdict.winner === winner;
  const holdout = {
    variant: winner,
    cells: h.cells_per_variant[winner] ?? 0,
    lift: row?.lift ?? null,
    confidence: row?.confidence ?? null,
    confirmed,
    main_verdict: main.verdict.reason,
  };
  if (confirmed)
    return {
      ...main,
      holdout,
      verdict: {
        ...main.verdict,
        reason: `${main.verdict.reason}; confirmed on the held-out scenarios`,
      },
    };
  const label = METRIC_LABELS[main.primary_metric];
  const detail =
    row?.confidence != null
      ? ` (${row.lift != null ? `${row.lift >= 0 ? "+" : ""}${row.lift.toFixed(1)}% ${label}, ` : ""}${Math.floor(row.confidence * 100)}% confidence)`
      : "";
  return {
    ...main,
    holdout,
    verdict: {
      ...main.verdict,
      kind: "inconclusive",
      code: "not_confirmed",
      winner: null,
      reason: `Inconclusive: ${winner} did not hold up on the held-out scenarios${detail}`,
    },
  };
}
