// A runtime's history, newest first: each audit event of the runtime as a sentence, who did it
// and when, and the resolved digest it led to. Rendered on the server; the page refreshes it
// after each change it makes.
import { Card, EmptyState } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import type { RuntimeHistory } from "@/lib/runtimes/history";

type Summary = Record<string, unknown>;

const onOff = (v: unknown) => (v ? "on" : "off");
const short = (d: unknown) => (typeof d === "string" ? `${d.slice(0, 12)}…` : "");
const str = (v: unknown) => (typeof v === "string" ? v : String(v ?? ""));

/** What happened, in words, from the action and its summary (lib/runtimes/service.ts writes them). */
function describeEvent(action: string, s: Summary): string {
  const cap = str(s.capability);
  switch (action) {
    case "runtime.create":
      return `Created the runtime ${str(s.name)}`;
    case "runtime.update": {
      const parts: string[] = [];
      if (s.name !== undefined && s.name !== s.was)
        parts.push(`Renamed it from ${str(s.was)} to ${str(s.name)}`);
      if (s.description !== undefined)
        parts.push(
          s.description ? `Described it as “${str(s.description)}”` : "Cleared its description",
        );
      return parts.join("; ") || "Saved its details unchanged";
    }
    case "runtime.binding.create":
      return `Added ${cap} ${str(s.version)}`;
    case "runtime.binding.delete":
      return `Removed ${cap} ${str(s.version)}`;
    case "runtime.binding.update": {
      if (typeof s.enabled === "boolean") return `${s.enabled ? "Enabled" : "Disabled"} ${cap}`;
      if (s.flags && typeof s.flags === "object") {
        const changes = Object.entries(s.flags as Record<string, boolean | null>).map(([f, v]) =>
          v === null ? `cleared the override of ${f}` : `turned ${f} ${onOff(v)}`,
        );
        return `On ${cap}: ${changes.join(", ")}`;
      }
      if (s.version) {
        const dropped =
          Array.isArray(s.dropped_overrides) && s.dropped_overrides.length
            ? ` (dropped overrides: ${s.dropped_overrides.join(", ")})`
            : "";
        return `Moved ${cap} from ${str(s.was)} to ${str(s.version)}${dropped}`;
      }
      return `Changed ${cap}`;
    }
    case "runtime.heartbeat": {
      const sync = s.sync === "in_sync" ? "in sync" : s.sync === "drift" ? "drift" : str(s.sync);
      const tools =
        typeof s.observed_tools === "number"
          ? `; reported ${s.observed_tools} ${s.observed_tools === 1 ? "tool" : "tools"}${s.tool_drift === "drift" ? `, ${str(s.tool_differences)} not as approved` : ""}`
          : "";
      return `Reported loading ${short(s.reported_digest)} (${sync})${s.status ? `, status “${str(s.status)}”` : ""}${tools}`;
    }
    default:
      return action;
  }
}

export function RuntimeHistoryView({ history }: { history: RuntimeHistory }) {
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading" className="mb-1 text-base font-semibold text-slate-900">
        History
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        Every change to this runtime and every change in what it reports, newest first.
      </p>
      {history.events.length === 0 ? (
        <EmptyState title="No history">Nothing has been recorded for this runtime.</EmptyState>
      ) : (
        <Card>
          <ol className="divide-y divide-slate-100" aria-label="Runtime history">
            {history.events.map((e) => {
              const s = (e.summary ?? {}) as Summary;
              return (
                <li key={e.id} className="flex gap-4 px-4 py-2.5 text-sm" data-action={e.action}>
                  <div className="w-28 shrink-0 text-xs text-slate-500">
                    <Time iso={e.created_at} />
                  </div>
                  <div className="min-w-0 flex-1">
                    <p className="text-slate-900">{describeEvent(e.action, s)}</p>
                    <p className="text-xs text-slate-500">
                      {e.actor.label}
                      {typeof s.runtime_digest === "string" ? (
                        <>
                          {" "}
                          · digest now <code className="font-mono">{short(s.runtime_digest)}</code>
                        </>
                      ) : null}
                    </p>
                  </div>
                </li>
              );
            })}
          </ol>
          {history.total > history.events.length ? (
            <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
              The latest {history.events.length} of {history.total} events.
            </p>
          ) : null}
        </Card>
      )}
    </section>
  );
}
