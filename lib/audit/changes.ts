// Before and after, read out of an event's summary, and summary values as text. The audit writers
// record a change in a few shapes, which this reads back: `{from, to}` (a role), `{x, was}` (a
// name, a binding's version, `enabled` or overrides, a reported digest), `{is_x, was_x}` (a
// capability's visibility), `{version, previous: {version}}` (a deploy), and a stop's `was` (the
// status before). Whatever is not a change stays a detail. No server code: the page uses it too.

export interface AuditChange {
  field: string;
  before: unknown;
  after: unknown;
}

type Summary = Record<string, unknown>;

/** The key a bare `was` is the earlier value of, in order of preference. */
const WAS_OF = ["name", "enabled", "overrides", "version", "reported_digest"];

function fromTo(action: string, s: Summary): AuditChange[] {
  if (!("from" in s && "to" in s)) return [];
  return [
    {
      field: action.endsWith("role_change")
        ? "role"
        : action.endsWith(".rename")
          ? "name"
          : "value",
      before: s.from,
      after: s.to,
    },
  ];
}

function bareWas(action: string, s: Summary): AuditChange[] {
  if (!("was" in s)) return [];
  if (action.endsWith(".stop")) return [{ field: "status", before: s.was, after: "stopped" }];
  const key = WAS_OF.find((k) => k in s);
  return key ? [{ field: key, before: s.was, after: s[key] }] : [];
}

function prefixedWas(s: Summary): AuditChange[] {
  const out: AuditChange[] = [];
  for (const key of Object.keys(s)) {
    if (!key.startsWith("was_")) continue;
    const rest = key.slice(4);
    const now = [rest, `is_${rest}`].find((k) => k in s);
    if (now) out.push({ field: rest, before: s[key], after: s[now] });
  }
  return out;
}

function previousVersion(s: Summary): AuditChange[] {
  const prev = s.previous;
  if (!("version" in s) || !(prev === null || typeof prev === "object")) return [];
  const before = prev === null ? null : (prev as Summary).version;
  return [{ field: "version", before: before ?? null, after: s.version }];
}

/** The keys a change was read from: they are not repeated among the details. */
function usedKeys(s: Summary, changes: AuditChange[]): Set<string> {
  const used = new Set<string>();
  for (const c of changes) {
    for (const k of ["from", "to", "was", "previous", c.field, `was_${c.field}`, `is_${c.field}`])
      if (k in s) used.add(k);
  }
  return used;
}

/** The event's changes (before → after) and its other summary entries. */
export function auditChanges(
  action: string,
  summary: Summary | null,
): { changes: AuditChange[]; details: [string, unknown][] } {
  if (!summary) return { changes: [], details: [] };
  const changes = [
    ...fromTo(action, summary),
    ...bareWas(action, summary),
    ...prefixedWas(summary),
    ...("was" in summary ? [] : previousVersion(summary)),
  ];
  const used = usedKeys(summary, changes);
  const details = Object.entries(summary).filter(
    ([k, v]) => !used.has(k) && v !== null && v !== undefined,
  );
  return { changes, details };
}

/** Long hex digests read as their first 12 characters. */
function shorten(v: string): string {
  return /^[0-9a-f]{40,}$/.test(v) ? `${v.slice(0, 12)}…` : v;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A summary value as text: nothing as "none", yes/no, dates in UTC, lists and objects inline. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return "none";
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (Array.isArray(v)) return v.length ? v.map(formatValue).join(", ") : "none";
  if (typeof v === "object") {
    const entries = Object.entries(v);
    return entries.length ? entries.map(([k, x]) => `${k}=${formatValue(x)}`).join(", ") : "none";
  }
  const s = String(v);
  if (ISO.test(s)) {
    const d = new Date(s);
    if (!Number.isNaN(d.getTime())) return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  }
  return shorten(s);
}

/** A summary key in words: `tokens_revoked` → "tokens revoked", `is_public` → "public". */
export const fieldLabel = (key: string): string => key.replace(/^is_/, "").replace(/_/g, " ");
