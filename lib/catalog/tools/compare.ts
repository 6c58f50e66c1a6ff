// Compares two sets of MCP tools per server: the approved ones of a version with those of another
// version (the version diff, the upgrade preview) or with what a runtime observed. Fingerprints are
// compared first, so reordered JSON keys and whitespace never count as a change; a changed tool
// says which covered fields differ, and a changed description comes with its text diff. Pure.
import canonicalize from "canonicalize";
import { diffWordsWithSpace } from "diff";
import { unifiedDiff } from "@/lib/catalog/render/unified-diff";
import { toolFingerprint, type ToolDefinition } from "./fingerprint";

/** The covered fields a change can name (the name is the tool's key: a rename is removed + added). */
const TOOL_FIELDS = ["description", "input_schema", "output_schema", "annotations"] as const;
type ToolField = (typeof TOOL_FIELDS)[number];

/**
 * A tool on one side: its server and name, and its definition or at least its fingerprint (a
 * runtime may report only `{server, name, fingerprint}`).
 */
export interface ComparableTool extends Partial<Omit<ToolDefinition, "name">> {
  server: string;
  name: string;
  fingerprint?: string;
}

interface ToolRef {
  server: string;
  name: string;
  fingerprint: string;
  description?: string;
}

/** Word by word (`words`, null when too long or too different) and line by line (`diff`, unified). */
export interface DescriptionDiff {
  words: { op: "equal" | "added" | "removed"; text: string }[] | null;
  diff: string | null;
}

interface ToolChange {
  server: string;
  name: string;
  /** The covered fields that differ; empty when a side gave only its fingerprint. */
  fields: ToolField[];
  from_fingerprint: string;
  to_fingerprint: string;
  description_diff?: DescriptionDiff;
}

export interface ToolComparison {
  /** In `other`, not approved. */
  added: ToolRef[];
  /** Approved, not in `other`. */
  removed: ToolRef[];
  changed: ToolChange[];
}

/** Beyond this many edits the word diff gives up (null) rather than compute further. */
const MAX_WORD_EDITS = 2_000;

const key = (t: { server: string; name: string }) => `${t.server}\u0000${t.name}`;
const order = (a: { server: string; name: string }, b: { server: string; name: string }) =>
  a.server < b.server
    ? -1
    : a.server > b.server
      ? 1
      : a.name < b.name
        ? -1
        : a.name > b.name
          ? 1
          : 0;

const hasDefinition = (t: ComparableTool): t is ComparableTool & ToolDefinition =>
  t.input_schema !== undefined;

/** From the definition when there is one (a reported fingerprint is not trusted over it). */
function fingerprintOf(t: ComparableTool): string {
  if (hasDefinition(t)) return toolFingerprint(t);
  if (t.fingerprint) return t.fingerprint;
  throw new Error(`tool '${t.name}' of '${t.server}' has neither a fingerprint nor a definition`);
}

function ref(t: ComparableTool): ToolRef {
  const r: ToolRef = { server: t.server, name: t.name, fingerprint: fingerprintOf(t) };
  if (t.description !== undefined) r.description = t.description;
  return r;
}

/** Two texts word by word; null when they are too long or too different to diff. */
export function wordDiff(before: string, after: string): DescriptionDiff["words"] {
  const parts = diffWordsWithSpace(before, after, { maxEditLength: MAX_WORD_EDITS });
  return parts
    ? parts.map((p) => ({
        op: p.added ? ("added" as const) : p.removed ? ("removed" as const) : ("equal" as const),
        text: p.value,
      }))
    : null;
}

/** Both absent, or the same JSON value (RFC 8785: key order and number spelling never count). */
export const sameJson = (a: unknown, b: unknown) =>
  (a === undefined && b === undefined) ||
  (a !== undefined && b !== undefined && canonicalize(a) === canonicalize(b));

/** The text diff of two descriptions: changed words, and changed lines as a unified diff. */
export function descriptionDiff(before: string, after: string): DescriptionDiff {
  const nl = (s: string) => (s.endsWith("\n") ? s : `${s}\n`);
  return {
    words: wordDiff(before, after),
    diff: unifiedDiff("description", nl(before), nl(after))?.diff ?? null,
  };
}

/**
 * Tools added, removed or changed from `approved` to `other`, each list in server then name order.
 * Two tools with the same fingerprint are the same; otherwise the fields are compared as canonical
 * JSON (RFC 8785), so only a real difference is named.
 */
export function compareTools(approved: ComparableTool[], other: ComparableTool[]): ToolComparison {
  const before = new Map(approved.map((t) => [key(t), t]));
  const after = new Map(other.map((t) => [key(t), t]));
  const changed: ToolChange[] = [];
  for (const b of [...other].sort(order)) {
    const a = before.get(key(b));
    if (!a) continue;
    const from = fingerprintOf(a);
    const to = fingerprintOf(b);
    if (from === to) continue;
    const fields =
      hasDefinition(a) && hasDefinition(b) ? TOOL_FIELDS.filter((f) => !sameJson(a[f], b[f])) : [];
    const change: ToolChange = {
      server: b.server,
      name: b.name,
      fields,
      from_fingerprint: from,
      to_fingerprint: to,
    };
    if (fields.includes("description"))
      change.description_diff = descriptionDiff(a.description ?? "", b.description ?? "");
    changed.push(change);
  }
  return {
    added: other
      .filter((t) => !before.has(key(t)))
      .sort(order)
      .map(ref),
    removed: approved
      .filter((t) => !after.has(key(t)))
      .sort(order)
      .map(ref),
    changed,
  };
}

/** How many tools a comparison names. */
export const toolChangeCount = (c: ToolComparison) =>
  c.added.length + c.removed.length + c.changed.length;
