// Tool drift: what a runtime reports seeing from its MCP servers' `tools/list` (heartbeat
// `observed_tools`) against the tools its enabled bound versions approve (capability-format.md,
// approved tools). Tools are compared by fingerprint (SHA-256 of RFC 8785 canonical JSON), so
// reordered keys or re-serialised JSON are never drift; only the servers that declare tools are
// checked. Each difference says what changed, with a word diff of a description and a line diff
// of a schema or annotations. Pure: no I/O.
import canonicalize from "canonicalize";
import { diffLines } from "diff";
import { sameJson, wordDiff } from "@/lib/catalog/tools/compare";
import {
  approvedToolsOf,
  toolDefinition,
  toolFingerprint,
  type ServerTool,
  type ToolDefinition,
} from "@/lib/catalog/tools/fingerprint";

/** One observed tool as stored: its definition when the runtime sent it, else only its fingerprint. */
export interface ObservedTool {
  server: string;
  name: string;
  fingerprint: string;
  definition?: ToolDefinition;
}

/** A raw `observed_tools` entry, validated by the heartbeat's schema. */
export interface ObservedToolInput {
  server: string;
  name: string;
  fingerprint?: string;
  description?: string;
  input_schema?: Record<string, unknown>;
  inputSchema?: Record<string, unknown>;
  output_schema?: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

/** A full entry's fingerprint computed here, exactly as at push; other keys are dropped. */
export function normalizeObserved(entries: ObservedToolInput[]): ObservedTool[] {
  return entries.map((e) => {
    if (e.fingerprint !== undefined)
      return { server: e.server, name: e.name, fingerprint: e.fingerprint };
    const { server: _server, fingerprint: _none, ...raw } = e;
    const definition = toolDefinition(raw);
    return { server: e.server, name: e.name, fingerprint: toolFingerprint(definition), definition };
  });
}

interface DiffPart {
  op: "equal" | "added" | "removed";
  text: string;
}

type ChangedField =
  "description" | "input_schema" | "output_schema" | "annotations" | "fingerprint";

interface ToolChange {
  field: ChangedField;
  /** Description: by words; schemas and annotations: by lines of sorted JSON; fingerprint: null. */
  diff: DiffPart[] | null;
}

interface ToolDifference {
  server: string;
  tool: string;
  /** added: observed, not approved; removed: approved, not observed; changed: both, fingerprints differ. */
  kind: "added" | "removed" | "changed";
  /** The bound version that approves the server's tools, as `name@version`. */
  capability: string | null;
  approved_fingerprint: string | null;
  observed_fingerprint: string | null;
  changes: ToolChange[];
  /** One line in words, e.g. "changed: description, input schema". */
  summary: string;
}

export interface ToolDriftResult {
  status: "none" | "drift" | "unknown";
  count: number;
  /** The bound servers that declare tools, so are checked. */
  checked_servers: string[];
  differences: ToolDifference[];
}

/** An enabled binding's version: its capability (as the org names it), version and components. */
export interface ApprovingVersion {
  capability: string;
  version: string;
  components: { type: string; name: string; metadata: unknown }[];
}

const FIELD_WORDS: Record<ChangedField, string> = {
  description: "description",
  input_schema: "input schema",
  output_schema: "output schema",
  annotations: "annotations",
  fingerprint: "fingerprint differs",
};

const parts = (changes: { value: string; added?: boolean; removed?: boolean }[]): DiffPart[] =>
  changes.map((c) => ({
    op: c.added ? "added" : c.removed ? "removed" : "equal",
    text: c.value,
  }));

/** By words; a whole replacement when the texts are too different to diff. */
function describeDiff(before: string, after: string): DiffPart[] {
  return (
    wordDiff(before, after) ?? [
      ...(before ? [{ op: "removed" as const, text: before }] : []),
      ...(after ? [{ op: "added" as const, text: after }] : []),
    ]
  );
}

/** JSON with sorted keys, two-space indent: key order never shows as a change. */
export function sortedJson(value: unknown): string {
  if (value === undefined) return "";
  return `${JSON.stringify(JSON.parse(canonicalize(value) ?? "null"), null, 2)}\n`;
}

function fieldChanges(approved: ToolDefinition, observed: ToolDefinition): ToolChange[] {
  const out: ToolChange[] = [];
  if (!sameJson(approved.description, observed.description))
    out.push({
      field: "description",
      diff: describeDiff(approved.description ?? "", observed.description ?? ""),
    });
  for (const field of ["input_schema", "output_schema", "annotations"] as const) {
    if (!sameJson(approved[field], observed[field]))
      out.push({
        field,
        diff: parts(diffLines(sortedJson(approved[field]), sortedJson(observed[field]))),
      });
  }
  return out;
}

/** The fields of a whole tool, as one side of a diff (an added or removed tool). */
function wholeTool(def: ToolDefinition | undefined, op: "added" | "removed"): ToolChange[] {
  if (!def) return [];
  const out: ToolChange[] = [];
  if (def.description !== undefined)
    out.push({ field: "description", diff: [{ op, text: def.description }] });
  for (const field of ["input_schema", "output_schema", "annotations"] as const)
    if (def[field] !== undefined) out.push({ field, diff: [{ op, text: sortedJson(def[field]) }] });
  return out;
}

const byName = (a: { server: string; tool: string }, b: { server: string; tool: string }) =>
  a.server === b.server
    ? a.tool < b.tool
      ? -1
      : a.tool > b.tool
        ? 1
        : 0
    : a.server < b.server
      ? -1
      : 1;

type Approved = ServerTool & { capability: string };

/** The approved tools by server and name, and which version approves each server's tools. */
function approvedIndex(versions: ApprovingVersion[]) {
  const approvedBy = new Map<string, Map<string, Approved[]>>();
  const approvingOf = new Map<string, string>();
  for (const v of versions) {
    const { servers, tools } = approvedToolsOf(v.components);
    for (const s of servers) {
      if (!approvedBy.has(s)) approvedBy.set(s, new Map());
      if (!approvingOf.has(s)) approvingOf.set(s, `${v.capability}@${v.version}`);
    }
    for (const t of tools) {
      const named = approvedBy.get(t.server)!;
      named.set(t.name, [
        ...(named.get(t.name) ?? []),
        { ...t, capability: `${v.capability}@${v.version}` },
      ]);
    }
  }
  return { approvedBy, approvingOf };
}

/** Each observed tool of a checked server that is not approved, or approved with another fingerprint. */
function observedDifferences(
  { approvedBy, approvingOf }: ReturnType<typeof approvedIndex>,
  observed: ObservedTool[],
): ToolDifference[] {
  const differences: ToolDifference[] = [];
  for (const o of observed) {
    const named = approvedBy.get(o.server);
    if (!named) continue;
    const candidates = named.get(o.name);
    if (!candidates) {
      differences.push({
        server: o.server,
        tool: o.name,
        kind: "added",
        capability: approvingOf.get(o.server) ?? null,
        approved_fingerprint: null,
        observed_fingerprint: o.fingerprint,
        changes: wholeTool(o.definition, "added"),
        summary: "new tool, not approved",
      });
      continue;
    }
    if (candidates.some((a) => a.fingerprint === o.fingerprint)) continue;
    const approved = candidates[0]!;
    let changes = o.definition ? fieldChanges(approved, o.definition) : [];
    if (!changes.length) changes = [{ field: "fingerprint", diff: null }];
    differences.push({
      server: o.server,
      tool: o.name,
      kind: "changed",
      capability: approved.capability,
      approved_fingerprint: approved.fingerprint,
      observed_fingerprint: o.fingerprint,
      changes,
      summary: o.definition
        ? `changed: ${changes.map((c) => FIELD_WORDS[c.field]).join(", ")}`
        : "changed (fingerprint differs)",
    });
  }
  return differences;
}

/** The tool drift of one observation; null observation: the runtime never reported its tools. */
export function toolDrift(
  versions: ApprovingVersion[],
  observed: ObservedTool[] | null,
): ToolDriftResult {
  const index = approvedIndex(versions);
  const checked = [...index.approvedBy.keys()].sort();
  if (observed === null)
    return { status: "unknown", count: 0, checked_servers: checked, differences: [] };
  const differences = observedDifferences(index, observed);
  const seen = new Set(observed.map((o) => `${o.server}\u0000${o.name}`));
  for (const [server, named] of index.approvedBy) {
    for (const [name, candidates] of named) {
      if (seen.has(`${server}\u0000${name}`)) continue;
      const approved = candidates[0]!;
      differences.push({
        server,
        tool: name,
        kind: "removed",
        capability: approved.capability,
        approved_fingerprint: approved.fingerprint,
        observed_fingerprint: null,
        changes: wholeTool(approved, "removed"),
        summary: "approved tool missing",
      });
    }
  }
  differences.sort(byName);
  return {
    status: differences.length ? "drift" : "none",
    count: differences.length,
    checked_servers: checked,
    differences,
  };
}
