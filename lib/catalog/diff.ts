// What changed between two versions of a capability: files (with unified diffs for text),
// components, approved MCP tools (lib/catalog/tools/compare.ts), manifest keys and trust signals. The pure parts are exported for unit tests.
import type { Db } from "@/lib/db/client";
import type { Component, ComponentType } from "./ingest/components";
import type { StoredVersion } from "./version-shape";
import { unifiedDiff } from "./render/unified-diff";
import { redactJson } from "./redact";
import { compareTools, type ToolComparison } from "./tools/compare";
import { approvedToolsOf, type ApprovedTool } from "./tools/fingerprint";
import type { TrustCard, TrustStatus } from "./trust/card";
import { isTextFile } from "./trust/scan";

/** Files larger than this (either side) are compared by hash only. */
const MAX_DIFF_FILE_BYTES = 512 * 1024;

type FileRow = { path: string; sha256: string; size: number };
interface FileEntry {
  path: string;
  sha256: string;
  size_bytes: number;
}
/** A file's text diff, or why there is none. */
interface ContentDiff {
  binary: boolean;
  additions: number | null;
  deletions: number | null;
  /** A unified diff (3 lines of context), or null with the reason in `diff_omitted`. */
  diff: string | null;
  diff_omitted: "binary" | "too_large" | "too_different" | null;
}
/** An added file's content (as a diff from nothing), or a removed file's (a diff to nothing). */
type AddedOrRemovedFile = FileEntry & ContentDiff;
interface ChangedFile extends ContentDiff {
  path: string;
  from_sha256: string;
  to_sha256: string;
  from_size_bytes: number;
  to_size_bytes: number;
}

interface ComponentChange {
  type: ComponentType;
  name: string;
  fields: string[];
  from: Component;
  to: Component;
}
export interface ManifestChange {
  path: string;
  change: "added" | "removed" | "changed";
  from?: unknown;
  to?: unknown;
}
interface TrustChange {
  id: string;
  section: string;
  change: "added" | "removed" | "changed";
  from: { status: TrustStatus; title: string } | null;
  to: { status: TrustStatus; title: string } | null;
}

export interface VersionDiff {
  name: string;
  from: string;
  to: string;
  summary: Record<
    | "files_added"
    | "files_removed"
    | "files_changed"
    | "components_added"
    | "components_removed"
    | "components_changed"
    | "manifest_changes"
    | "trust_changes"
    | "tools_added"
    | "tools_removed"
    | "tools_changed",
    number
  >;
  files: {
    added: AddedOrRemovedFile[];
    removed: AddedOrRemovedFile[];
    changed: ChangedFile[];
    unchanged: number;
  };
  components: { added: Component[]; removed: Component[]; changed: ComponentChange[] };
  tools: ToolComparison;
  manifest: ManifestChange[];
  trust: { from_status: TrustStatus; to_status: TrustStatus; changes: TrustChange[] };
}

const entry = (f: FileRow): FileEntry => ({ path: f.path, sha256: f.sha256, size_bytes: f.size });
const omitted = (reason: "binary" | "too_large" | "too_different"): ContentDiff => ({
  binary: reason === "binary",
  additions: null,
  deletions: null,
  diff: null,
  diff_omitted: reason,
});

/**
 * The text diff of one file from `a` to `b`; a missing side is empty (an added or removed file).
 * Files over the size bound and binary files are not read or not diffed.
 */
async function contentDiff(
  path: string,
  a: FileRow | null,
  b: FileRow | null,
  load: (sha256: string) => Promise<Buffer>,
): Promise<ContentDiff> {
  if ((a?.size ?? 0) > MAX_DIFF_FILE_BYTES || (b?.size ?? 0) > MAX_DIFF_FILE_BYTES)
    return omitted("too_large");
  const empty = Buffer.alloc(0);
  const [x, y] = await Promise.all([a ? load(a.sha256) : empty, b ? load(b.sha256) : empty]);
  if (!isTextFile(x) || !isTextFile(y)) return omitted("binary");
  const d = unifiedDiff(path, x.toString("utf8"), y.toString("utf8"));
  return d ? { binary: false, ...d, diff_omitted: null } : omitted("too_different");
}

/**
 * Added, removed and changed files, with the text diff of each (an added file's whole content, a
 * removed file's too); `load` reads a blob's bytes, only for text files within the size bound.
 */
export async function diffFiles(
  from: FileRow[],
  to: FileRow[],
  load: (sha256: string) => Promise<Buffer>,
): Promise<VersionDiff["files"]> {
  const before = new Map(from.map((f) => [f.path, f]));
  const after = new Map(to.map((f) => [f.path, f]));
  const whole = (f: FileRow, side: "added" | "removed") =>
    contentDiff(f.path, side === "added" ? null : f, side === "added" ? f : null, load).then(
      (d): AddedOrRemovedFile => ({ ...entry(f), ...d }),
    );
  const added = await Promise.all(
    to.filter((f) => !before.has(f.path)).map((f) => whole(f, "added")),
  );
  const removed = await Promise.all(
    from.filter((f) => !after.has(f.path)).map((f) => whole(f, "removed")),
  );
  const changed: ChangedFile[] = [];
  let unchanged = 0;
  for (const b of to) {
    const a = before.get(b.path);
    if (!a) continue;
    if (a.sha256 === b.sha256) {
      unchanged++;
      continue;
    }
    changed.push({
      path: b.path,
      from_sha256: a.sha256,
      to_sha256: b.sha256,
      from_size_bytes: a.size,
      to_size_bytes: b.size,
      ...(await contentDiff(b.path, a, b, load)),
    });
  }
  return { added, removed, changed, unchanged };
}

const key = (c: Component) => `${c.type}\u0000${c.name}`;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** An MCP server's metadata without its approved tools, which `tools` compares by fingerprint. */
export function metadataWithoutTools(c: Pick<Component, "type" | "metadata">): unknown {
  if (c.type !== "mcp_server" || !c.metadata || !("tools" in c.metadata)) return c.metadata;
  const { tools: _tools, ...rest } = c.metadata;
  return rest;
}
const toolPrints = (c: Component) => {
  const tools = c.type === "mcp_server" ? c.metadata?.tools : undefined;
  return Array.isArray(tools)
    ? (tools as ApprovedTool[]).map((t) => `${t.name}\u0000${t.fingerprint}`).sort()
    : null;
};

/**
 * The fields of a component that changed: path, description, metadata, and for an MCP server its
 * approved `tools` apart from the rest of its metadata, by fingerprint (reordered keys are no change).
 */
function changedFields(old: Component, c: Component): string[] {
  const fields: string[] = (["path", "description"] as const).filter((f) => !same(old[f], c[f]));
  if (!same(metadataWithoutTools(old), metadataWithoutTools(c))) fields.push("metadata");
  if (!same(toolPrints(old), toolPrints(c))) fields.push("tools");
  return fields;
}

export function diffComponents(from: Component[], to: Component[]): VersionDiff["components"] {
  const before = new Map(from.map((c) => [key(c), c]));
  const after = new Map(to.map((c) => [key(c), c]));
  const changed: ComponentChange[] = [];
  for (const c of to) {
    const old = before.get(key(c));
    if (!old) continue;
    const fields = changedFields(old, c);
    if (fields.length) changed.push({ type: c.type, name: c.name, fields, from: old, to: c });
  }
  return {
    added: to.filter((c) => !before.has(key(c))),
    removed: from.filter((c) => !after.has(key(c))),
    changed,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Key-level changes between two manifests; objects recurse, arrays and scalars compare whole. */
export function diffManifest(from: unknown, to: unknown, path = ""): ManifestChange[] {
  if (isObject(from) && isObject(to)) {
    const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
    return keys.flatMap((k) => {
      const p = path ? `${path}.${k}` : k;
      if (!(k in from)) return [{ path: p, change: "added" as const, to: to[k] }];
      if (!(k in to)) return [{ path: p, change: "removed" as const, from: from[k] }];
      return diffManifest(from[k], to[k], p);
    });
  }
  return same(from, to) ? [] : [{ path: path || "(manifest)", change: "changed", from, to }];
}

export function diffTrust(from: TrustCard, to: TrustCard): VersionDiff["trust"] {
  const flatten = (card: TrustCard) =>
    new Map(
      card.sections.flatMap((s) =>
        s.signals.map(
          (sig) =>
            [sig.id, { section: s.id as string, status: sig.status, title: sig.title }] as const,
        ),
      ),
    );
  const a = flatten(from);
  const b = flatten(to);
  const changes: TrustChange[] = [];
  for (const [id, x] of b) {
    const y = a.get(id);
    if (!y)
      changes.push({
        id,
        section: x.section,
        change: "added",
        from: null,
        to: { status: x.status, title: x.title },
      });
    else if (y.status !== x.status || y.title !== x.title)
      changes.push({
        id,
        section: x.section,
        change: "changed",
        from: { status: y.status, title: y.title },
        to: { status: x.status, title: x.title },
      });
  }
  for (const [id, y] of a)
    if (!b.has(id))
      changes.push({
        id,
        section: y.section,
        change: "removed",
        from: { status: y.status, title: y.title },
        to: null,
      });
  // The "changes since the previous version" section compares each card with its own predecessor,
  // and the file count and size move with any change to the files, which the file list shows.
  return {
    from_status: from.status,
    to_status: to.status,
    changes: changes.filter((c) => c.section !== "changes" && c.id !== "integrity.files"),
  };
}

/** Approved MCP tools compared as stored, shown redacted like the components they come from. */
const diffTools = (from: StoredVersion, to: StoredVersion): ToolComparison =>
  redactJson(
    compareTools(
      approvedToolsOf(from.components as unknown as Component[]).tools,
      approvedToolsOf(to.components as unknown as Component[]).tools,
    ),
  );

export async function diffVersions(
  ctx: { db: Db },
  from: StoredVersion,
  to: StoredVersion,
  cards: { from: TrustCard; to: TrustCard },
): Promise<VersionDiff> {
  const cache = new Map<string, Promise<Buffer>>();
  const load = (sha256: string) => {
    if (!cache.has(sha256))
      cache.set(
        sha256,
        ctx.db.blob.findUniqueOrThrow({ where: { sha256 } }).then((b) => Buffer.from(b.data)),
      );
    return cache.get(sha256)!;
  };
  const files = await diffFiles(from.files, to.files, load);
  // Compared as stored (a rotated secret is a change), shown redacted (lib/catalog/redact.ts).
  const components = redactJson(
    diffComponents(
      from.components as unknown as Component[],
      to.components as unknown as Component[],
    ),
  );
  const manifest = diffManifest(from.manifest, to.manifest)
    .filter((c) => c.path !== "version")
    .map((c) => {
      const key = c.path.slice(c.path.lastIndexOf(".") + 1);
      return {
        ...c,
        ...("from" in c ? { from: redactJson(c.from, key) } : {}),
        ...("to" in c ? { to: redactJson(c.to, key) } : {}),
      };
    });
  const trust = diffTrust(cards.from, cards.to);
  const tools = diffTools(from, to);
  return {
    name: to.capability.name,
    from: from.version,
    to: to.version,
    summary: {
      files_added: files.added.length,
      files_removed: files.removed.length,
      files_changed: files.changed.length,
      components_added: components.added.length,
      components_removed: components.removed.length,
      components_changed: components.changed.length,
      manifest_changes: manifest.length,
      trust_changes: trust.changes.length,
      tools_added: tools.added.length,
      tools_removed: tools.removed.length,
      tools_changed: tools.changed.length,
    },
    files,
    components,
    tools,
    manifest,
    trust,
  };
}
