"use client";
// A runtime's tool drift: whether the tools its MCP servers expose (what it last reported from
// `tools/list`) are the ones its bound versions approve. The badge sits beside the sync status;
// the section explains each difference: the server and tool, what changed, a description's
// changed words (underlined added, struck-through removed, each also announced in words) and a
// schema's changed lines (+ and − signs), hidden characters shown as markers.
import { Badge, Card, ErrorState } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { MarkedText } from "@/lib/catalog/render/hidden-marks";
import { useToolDrift, type RuntimeView, type ToolDriftView, type Where } from "./hooks";

type Summary = Pick<RuntimeView["tool_drift"], "status" | "count">;
type Difference = ToolDriftView["differences"][number];
type Change = Difference["changes"][number];
type Part = NonNullable<Change["diff"]>[number];

const shown = {
  none: {
    tone: "green",
    label: () => "Tools as approved",
    why: "The tools it last reported are the ones its capabilities approve.",
  },
  drift: {
    tone: "red",
    label: (n: number) => `${n} ${n === 1 ? "tool differs" : "tools differ"}`,
    why: "Some tools it last reported differ from the approved ones: a server may have changed its tools since they were approved.",
  },
  unknown: {
    tone: "slate",
    label: () => "Tools not reported",
    why: "It has not reported the tools it sees (heartbeat observed_tools): Quiver cannot check them.",
  },
  undeclared: {
    tone: "slate",
    label: () => "No tools declared",
    why: "No enabled capability declares the tools of its MCP servers: there is nothing to check.",
  },
} as const;

/** "undeclared" when nothing is checked and nothing was reported. */
const stateOf = (d: Summary & { servers: number }) =>
  d.status === "unknown" && d.servers === 0 ? "undeclared" : d.status;

export function ToolDriftBadge({ drift }: { drift: Summary & { servers: number } }) {
  const s = shown[stateOf(drift)];
  return (
    <span title={s.why} data-tool-drift={drift.status} className="whitespace-nowrap">
      <Badge tone={s.tone}>{s.label(drift.count)}</Badge>
    </span>
  );
}

export function toolDriftExplanation(drift: Summary & { servers: number }): string {
  return shown[stateOf(drift)].why;
}

const kindLabel = { added: "New tool", removed: "Removed", changed: "Changed" } as const;
const kindTone = { added: "red", removed: "amber", changed: "red" } as const;
const fieldLabel = {
  description: "Description",
  input_schema: "Input schema",
  output_schema: "Output schema",
  annotations: "Annotations",
  fingerprint: "Fingerprint",
} as const;

/** A description's words: unchanged, added (underlined) or removed (struck through). */
function WordDiff({ parts }: { parts: Part[] }) {
  return (
    <p className="whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-sm text-slate-800 ring-1 ring-inset ring-slate-200 [overflow-wrap:anywhere]">
      {parts.map((p, i) =>
        p.op === "added" ? (
          <ins
            key={i}
            className="rounded-sm bg-emerald-100 text-emerald-950 underline decoration-2 underline-offset-2"
            data-diff="added"
          >
            <span className="sr-only">[added: </span>
            <MarkedText text={p.text} />
            <span className="sr-only">]</span>
          </ins>
        ) : p.op === "removed" ? (
          <del
            key={i}
            className="rounded-sm bg-red-100 text-red-950 line-through"
            data-diff="removed"
          >
            <span className="sr-only">[removed: </span>
            <MarkedText text={p.text} />
            <span className="sr-only">]</span>
          </del>
        ) : (
          <MarkedText key={i} text={p.text} />
        ),
      )}
    </p>
  );
}

/** A schema's or annotations' lines of key-sorted JSON, each signed +, − or blank. */
function LineDiff({ parts, label }: { parts: Part[]; label: string }) {
  const lines = parts.flatMap((p) =>
    p.text
      .replace(/\n$/, "")
      .split("\n")
      .map((text) => ({ op: p.op, text })),
  );
  return (
    <pre
      role="group"
      className="whitespace-pre-wrap rounded-md bg-slate-50 py-2 text-xs ring-1 ring-inset ring-slate-200 [overflow-wrap:anywhere]"
      aria-label={label}
    >
      {lines.map((l, i) => (
        <div
          key={i}
          data-diff={l.op === "equal" ? undefined : l.op}
          className={
            l.op === "added"
              ? "bg-emerald-100 text-emerald-950"
              : l.op === "removed"
                ? "bg-red-100 text-red-950"
                : "text-slate-700"
          }
        >
          <span className="inline-block w-6 select-none text-center" aria-hidden="true">
            {l.op === "added" ? "+" : l.op === "removed" ? "−" : " "}
          </span>
          {l.op !== "equal" ? <span className="sr-only">{l.op}: </span> : null}
          <MarkedText text={l.text} />
        </div>
      ))}
    </pre>
  );
}

const short = (f: string | null) => (f ? `${f.slice(0, 12)}…` : "none");

function ChangeView({ change, d }: { change: Change; d: Difference }) {
  const label = `${fieldLabel[change.field]} of ${d.tool}`;
  return (
    <div>
      <h4 className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">
        {fieldLabel[change.field]}
        {d.kind === "changed" && change.field !== "fingerprint" ? " changed" : ""}
      </h4>
      {change.field === "fingerprint" ? (
        <p className="text-sm text-slate-700">
          Changed (fingerprint differs): the runtime reported only fingerprints, so what changed is
          not known.
        </p>
      ) : change.field === "description" ? (
        <WordDiff parts={change.diff ?? []} />
      ) : (
        <LineDiff parts={change.diff ?? []} label={label} />
      )}
    </div>
  );
}

function DifferenceItem({ d }: { d: Difference }) {
  return (
    <li
      className="space-y-3 p-4"
      data-testid="tool-difference"
      data-tool={d.tool}
      data-kind={d.kind}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={kindTone[d.kind]}>{kindLabel[d.kind]}</Badge>
        <h3 className="font-mono text-sm font-medium text-slate-900">
          {d.server} / {d.tool}
        </h3>
        <span className="text-sm text-slate-600">— {d.summary}</span>
      </div>
      <p className="text-xs text-slate-500">
        {d.capability ? <>Approved by {d.capability} · </> : null}
        approved fingerprint <code className="font-mono">{short(d.approved_fingerprint)}</code> ·
        reported <code className="font-mono">{short(d.observed_fingerprint)}</code>
      </p>
      {d.changes.map((c) => (
        <ChangeView key={c.field} change={c} d={d} />
      ))}
    </li>
  );
}

export function ToolDriftSection({
  where,
  runtimeId,
  initial,
}: {
  where: Where;
  runtimeId: string;
  initial: ToolDriftView;
}) {
  const query = useToolDrift(where, runtimeId, initial);
  const drift = query.data ?? initial;
  return (
    <section aria-labelledby="tool-drift-heading" id="tool-drift">
      <div className="mb-1 flex flex-wrap items-center gap-3">
        <h2 id="tool-drift-heading" className="text-base font-semibold text-slate-900">
          Tool drift
        </h2>
        <ToolDriftBadge drift={{ ...drift, servers: drift.checked_servers.length }} />
      </div>
      <p className="mb-3 max-w-3xl text-sm text-slate-600">
        The tools this runtime&apos;s MCP servers expose, as it last reported them
        {drift.observed_at ? (
          <>
            {" "}
            (<Time iso={drift.observed_at} />)
          </>
        ) : null}
        , against the tools its enabled capabilities approve. Tools are compared by fingerprint, so
        key order and formatting never count.
      </p>
      {query.isError ? (
        <div className="mb-3">
          <ErrorState
            message={`Could not refresh the tool drift: ${query.error.message}`}
            onRetry={() => query.refetch()}
          />
        </div>
      ) : null}
      <ToolDriftBody drift={drift} />
    </section>
  );
}

/** Nothing to check, not reported, as approved, or each difference explained. */
function ToolDriftBody({ drift }: { drift: ToolDriftView }) {
  return drift.checked_servers.length === 0 ? (
    <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
      No enabled capability declares the tools of its MCP servers, so there is nothing to check.
    </p>
  ) : drift.status === "unknown" ? (
    <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
      This runtime has not reported its tools. Its heartbeat can send{" "}
      <code className="font-mono">observed_tools</code>: what{" "}
      <code className="font-mono">tools/list</code> returned for {drift.checked_servers.join(", ")}.
    </p>
  ) : drift.status === "none" ? (
    <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
      Every tool of {drift.checked_servers.join(", ")} is as approved.
    </p>
  ) : (
    <Card>
      <p className="border-b border-slate-100 px-4 py-2 text-xs text-slate-600">
        Checked servers: {drift.checked_servers.join(", ")}. In descriptions, added words are
        underlined and removed ones struck through; in schemas, lines are marked + and −.
      </p>
      <ul className="divide-y divide-slate-100" aria-label="Tool differences">
        {drift.differences.map((d) => (
          <DifferenceItem key={`${d.server}/${d.tool}`} d={d} />
        ))}
      </ul>
    </Card>
  );
}
