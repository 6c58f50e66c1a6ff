// The trust card at the top of a capability page: a glance (what it contains, where it came from,
// what it may do, what looks risky), then every signal with its evidence, grouped by section.
// Sections with a failing or warning signal start open. Server-rendered; <details> needs no JS.
import Link from "next/link";
import type { TrustCard, TrustSignal, TrustStatus } from "@/lib/catalog/trust/card";
import { riskSignals, signalAnchor } from "@/lib/catalog/trust/level";
import { ComponentChips } from "./component-chips";

const statusStyle: Record<
  TrustStatus,
  { label: string; icon: string; pill: string; text: string }
> = {
  fail: {
    label: "Fail",
    icon: "✕",
    pill: "bg-red-100 text-red-800 ring-red-200",
    text: "text-red-700",
  },
  warn: {
    label: "Warning",
    icon: "!",
    pill: "bg-amber-100 text-amber-900 ring-amber-200",
    text: "text-amber-800",
  },
  pass: {
    label: "Pass",
    icon: "✓",
    pill: "bg-emerald-100 text-emerald-800 ring-emerald-200",
    text: "text-emerald-700",
  },
  info: {
    label: "Info",
    icon: "i",
    pill: "bg-slate-100 text-slate-700 ring-slate-200",
    text: "text-slate-600",
  },
};

export function StatusIcon({ status }: { status: TrustStatus }) {
  const s = statusStyle[status];
  return (
    <span
      title={s.label}
      aria-label={s.label}
      className={`inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ring-1 ring-inset ${s.pill}`}
    >
      {s.icon}
    </span>
  );
}

const verdict: Record<TrustStatus, string> = {
  fail: "Needs a close look before anyone runs it",
  warn: "Some things to check",
  pass: "Nothing risky found",
  info: "Nothing risky found",
};

function Signal({
  signal,
  fileHref,
}: {
  signal: TrustSignal;
  fileHref: (path: string, line: number | null) => string | null;
}) {
  const shown = signal.evidence.slice(0, 50);
  return (
    <li
      id={signalAnchor(signal.id)}
      className="flex scroll-mt-4 gap-3 py-2.5 target:bg-indigo-50"
      data-signal={signal.id}
      data-status={signal.status}
    >
      <StatusIcon status={signal.status} />
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium text-slate-900">{signal.title}</p>
        <p className="text-xs text-slate-600">{signal.explanation}</p>
        {shown.length ? (
          <ul className="mt-1.5 space-y-0.5">
            {shown.map((e, i) => {
              const href = e.path ? fileHref(e.path, e.line) : null;
              const where = e.path ? `${e.path}${e.line ? `:${e.line}` : ""}` : null;
              return (
                <li key={i} className="flex min-w-0 gap-2 font-mono text-xs text-slate-600">
                  {where ? (
                    href ? (
                      <Link
                        href={href}
                        className="inline-flex min-h-6 min-w-6 shrink-0 items-center text-indigo-700 hover:underline"
                      >
                        {where}
                      </Link>
                    ) : (
                      <span className="shrink-0 text-slate-500">{where}</span>
                    )
                  ) : null}
                  <span className="min-w-0 break-all">{e.detail}</span>
                </li>
              );
            })}
            {signal.evidence.length > shown.length ? (
              <li className="text-xs text-slate-500">
                and {signal.evidence.length - shown.length} more
              </li>
            ) : null}
          </ul>
        ) : null}
      </div>
    </li>
  );
}

interface RiskCard {
  sections: { signals: { id: string; status: TrustStatus; title: string }[] }[];
}

/**
 * "Looks risky": the card's failing signals, then its warnings, each in its own severity and
 * linking to its row on the capability page (the sections holding them start open). `page` is
 * that page's URL when the list is shown elsewhere; links then open in a new tab.
 */
export function RiskList({ card, max = 6, page }: { card: RiskCard; max?: number; page?: string }) {
  const risks = riskSignals(card);
  if (!risks.length) return <span className="text-emerald-700">Nothing flagged</span>;
  return (
    <>
      <ul className="space-y-1" data-testid="risk-list">
        {risks.slice(0, max).map((r) => (
          <li key={r.id} className="flex items-start gap-1.5" data-status={r.status}>
            <StatusIcon status={r.status} />
            <a
              href={`${page ?? ""}#${signalAnchor(r.id)}`}
              {...(page ? { target: "_blank", rel: "noopener" } : {})}
              className={`min-w-0 break-words hover:underline ${statusStyle[r.status].text}`}
            >
              <span className="sr-only">{statusStyle[r.status].label}: </span>
              {r.title}
              {page ? <span className="sr-only"> (opens in a new tab)</span> : null}
            </a>
          </li>
        ))}
      </ul>
      {risks.length > max ? (
        <p className="text-xs text-slate-500">
          and {risks.length - max} more {page ? "on its trust card" : "below"}
        </p>
      ) : null}
    </>
  );
}

export function TrustCardView({
  card,
  fileHref,
}: {
  card: TrustCard;
  fileHref: (path: string, line: number | null) => string | null;
}) {
  const s = statusStyle[card.status];
  return (
    <section
      aria-labelledby="trust-card-title"
      className="mb-6 rounded-lg border border-slate-200 bg-white shadow-sm"
      data-testid="trust-card"
    >
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-5 py-3">
        <div className="flex items-center gap-2">
          <h2 id="trust-card-title" className="text-base font-semibold text-slate-900">
            Trust card
          </h2>
          <span
            className={`rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${s.pill}`}
          >
            {verdict[card.status]}
          </span>
        </div>
        <p className="text-xs text-slate-500">
          {(["fail", "warn", "pass", "info"] as const)
            .map((k) => `${card.counts[k]} ${k}`)
            .join(" · ")}
        </p>
      </header>
      <dl className="grid grid-cols-1 gap-4 px-5 py-4 text-sm md:grid-cols-4">
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Contains</dt>
          <dd className="mt-1">
            <ComponentChips counts={card.summary.contains} />
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Came from</dt>
          <dd className="mt-1 text-slate-800">{card.summary.origin}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">May do</dt>
          <dd className="mt-1">
            <ul className="space-y-0.5 text-slate-800">
              {card.summary.may_do.slice(0, 6).map((t, i) => (
                <li key={i}>{t}</li>
              ))}
            </ul>
            {card.summary.may_do.length > 6 ? (
              <p className="text-xs text-slate-500">and {card.summary.may_do.length - 6} more</p>
            ) : null}
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">
            Looks risky
          </dt>
          <dd className="mt-1">
            <RiskList card={card} />
          </dd>
        </div>
      </dl>
      <div className="divide-y divide-slate-100 border-t border-slate-100">
        {card.sections.map((section) => (
          <details
            key={section.id}
            open={section.status === "fail" || section.status === "warn"}
            className="group px-5 py-2"
            data-section={section.id}
          >
            <summary className="flex cursor-pointer list-none items-center gap-2 py-1 text-sm font-semibold text-slate-800">
              <span
                aria-hidden
                className="text-slate-400 transition-transform group-open:rotate-90"
              >
                ▸
              </span>
              <StatusIcon status={section.status} />
              {section.title}
              <span className="text-xs font-normal text-slate-500">({section.signals.length})</span>
            </summary>
            <ul className="ml-7 divide-y divide-slate-50">
              {section.signals.map((signal) => (
                <Signal key={signal.id} signal={signal} fileHref={fileHref} />
              ))}
            </ul>
          </details>
        ))}
      </div>
    </section>
  );
}
