"use client";
// What the "add a capability" picker knows about the risk of a pick: the trust card of the picked
// version (the same card its page shows), summarised beside the pick, and a confirmation before
// adding one with failing signals that lists them with their evidence and links to each.
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { levelOf, riskSignals, signalAnchor } from "@/lib/catalog/trust/level";
import { useTrustCard, type CapabilityTrustCard } from "./hooks";
import { RiskList } from "./trust-card";
import { TrustBadge } from "./trust-badge";

/** The capability page of a version, whose trust card the links point into. */
const versionPage = (org: string, name: string, version: string) =>
  `/${org}/catalog/${encodeURIComponent(name)}?version=${version}`;

type Failing = CapabilityTrustCard["sections"][number]["signals"];

/**
 * The picked version's trust card and a guard for the add: `guard(add)` adds at once when nothing
 * fails, else asks first (`confirm` is the dialog to render). `ready` is false while the card loads.
 */
export function useRiskGate(org: string, pick: { name: string; version: string } | null) {
  const card = useTrustCard(org, pick?.name ?? "", pick?.version ?? "", !!pick);
  const [waiting, setWaiting] = useState<(() => void) | null>(null);
  const failing: Failing = card.data
    ? riskSignals(card.data).filter((s) => s.status === "fail")
    : [];
  const guard = (add: () => void) => (failing.length ? setWaiting(() => add) : add());
  const confirm =
    waiting && pick ? (
      <ConfirmRisky
        page={versionPage(org, pick.name, pick.version)}
        label={`${pick.name} ${pick.version}`}
        failing={failing}
        onClose={() => setWaiting(null)}
        onConfirm={() => {
          setWaiting(null);
          waiting();
        }}
      />
    ) : null;
  return { card, guard, confirm, ready: !pick || !card.isPending };
}

function ConfirmRisky({
  page,
  label,
  failing,
  onClose,
  onConfirm,
}: {
  page: string;
  label: string;
  failing: Failing;
  onClose: () => void;
  onConfirm: () => void;
}) {
  return (
    <ConfirmDialog
      title={`Add ${label} despite failing trust signals?`}
      confirmLabel="Add anyway"
      danger
      pending={false}
      error={null}
      onClose={onClose}
      onConfirm={onConfirm}
    >
      <p>
        Its trust card has{" "}
        {failing.length === 1 ? "a failing signal" : `${failing.length} failing signals`}. Read the
        evidence before it reaches a runtime or an agent:
      </p>
      <ul className="space-y-3" data-testid="failing-signals">
        {failing.map((s) => (
          <li key={s.id} className="rounded-md bg-red-50 p-3 ring-1 ring-inset ring-red-200">
            <p className="font-medium text-red-800">
              <span aria-hidden>✕ </span>
              {s.title}
            </p>
            <p className="text-xs text-slate-700">{s.explanation}</p>
            {s.evidence.slice(0, 2).map((e, i) => (
              <p key={i} className="mt-1 break-all font-mono text-xs text-slate-600">
                {e.path ? `${e.path}${e.line ? `:${e.line}` : ""} ` : ""}
                {e.detail}
              </p>
            ))}
            <a
              href={`${page}#${signalAnchor(s.id)}`}
              target="_blank"
              rel="noopener"
              className="mt-1 inline-block text-xs font-medium text-indigo-700 hover:underline"
            >
              See the evidence on its trust card
              <span className="sr-only"> (opens in a new tab)</span>
            </a>
          </li>
        ))}
      </ul>
    </ConfirmDialog>
  );
}

/** The picked version's trust at a glance: its level, then what fails and warns, linked. */
export function PickedRisk({
  org,
  name,
  latest,
  state,
}: {
  org: string;
  name: string;
  latest: boolean;
  state: ReturnType<typeof useRiskGate>["card"];
}) {
  if (state.isPending) return <p className="text-xs text-slate-500">Reading its trust card…</p>;
  if (state.isError)
    return (
      <p className="text-xs text-red-700">Could not read its trust card: {state.error.message}</p>
    );
  const c = state.data;
  const page = versionPage(org, name, c.version);
  return (
    <div
      className="space-y-2 rounded-md bg-slate-50 p-3 text-xs text-slate-700"
      data-testid="capability-trust"
      data-status={c.status}
    >
      <p className="flex flex-wrap items-center gap-2">
        <a
          href={page}
          target="_blank"
          rel="noopener"
          className="font-medium text-indigo-700 hover:underline"
        >
          Trust card of {name} {c.version}
          <span className="sr-only"> (opens in a new tab)</span>
        </a>
        {latest ? <span className="text-slate-500">(latest)</span> : null}
        <TrustBadge level={levelOf(c.status)} counts={c.counts} />
      </p>
      <RiskList card={c} max={4} page={page} />
      {c.summary.may_do.length ? (
        <p className="line-clamp-1 text-slate-500">
          May do: {c.summary.may_do.slice(0, 3).join("; ")}
        </p>
      ) : null}
    </div>
  );
}
