// Where a version fetches code unpinned at run time: the rules of unpinned.ts applied to each MCP
// server, worker, check and dependency (Python requirements, system packages, setup scripts line by
// line), each finding with its component, file and line. Run with the content analysis, which has
// the files; commands are stored with secrets redacted, as the API shows them.
import type { Component } from "@/lib/catalog/ingest/components";
import type { Manifest } from "@/lib/catalog/ingest/manifest";
import { redactSecrets } from "./scan-secrets";
import {
  unpinnedInArgv,
  unpinnedInShell,
  unpinnedPackage,
  unpinnedRequirement,
  type UnpinnedFetch,
  type UnpinnedFinding,
} from "./unpinned";

const MANIFEST = "capability.yaml";
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A command line for people: words with spaces or quotes are quoted. */
const shown = (argv: string[]) =>
  argv.map((w) => (/[\s"'|&;$]/.test(w) || !w ? JSON.stringify(w) : w)).join(" ");

/**
 * The 1-based line of `target` in a file, looked for from the line that names `key` (a YAML or
 * JSON key); the key's line when the target is not found after it; null without the file.
 */
function lineOf(text: string | undefined, key: string | null, target: string): number | null {
  if (text === undefined) return null;
  const lines = text.split(/\r?\n/);
  const keyRe = key ? new RegExp(`(^|[\\s{,])["']?${escape(key)}["']?\\s*:`) : null;
  const start = keyRe
    ? Math.max(
        0,
        lines.findIndex((l) => keyRe.test(l)),
      )
    : 0;
  const found = (from: number) => lines.findIndex((l, i) => i >= from && l.includes(target));
  const at = found(start);
  if (at >= 0) return at + 1;
  if (keyRe && lines.some((l) => keyRe.test(l))) return start + 1;
  const anywhere = found(0);
  return anywhere >= 0 ? anywhere + 1 : null;
}

/** Script lines with their backslash continuations joined, comments and blank lines left out. */
function scriptLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let start = 0;
  let acc = "";
  text.split(/\r?\n/).forEach((l, i) => {
    if (!acc) start = i + 1;
    if (/\\$/.test(l)) {
      acc += l.slice(0, -1) + " ";
      return;
    }
    const full = acc + l;
    acc = "";
    if (full.trim() && !/^\s*#/.test(full)) out.push({ line: start, text: full });
  });
  if (acc.trim()) out.push({ line: start, text: acc });
  return out;
}

interface Raw {
  command?: unknown;
  args?: unknown;
  image?: unknown;
}
const argvOf = (r: Raw): string[] | null =>
  typeof r.command === "string"
    ? [r.command, ...(Array.isArray(r.args) ? r.args.filter((a) => typeof a === "string") : [])]
    : null;

/** The raw entry of an MCP server (for fields ingest does not keep, such as `image`). */
function rawServer(c: Component, m: Manifest, texts: Map<string, string>): Raw {
  if (c.path === MANIFEST)
    return ((m.mcp?.servers ?? {}) as Record<string, Raw>)[c.name] ?? (c.metadata as Raw) ?? {};
  try {
    const json = JSON.parse(texts.get(c.path) ?? "{}") as { mcpServers?: Record<string, Raw> };
    return json.mcpServers?.[c.name] ?? (c.metadata as Raw) ?? {};
  } catch {
    return (c.metadata as Raw) ?? {};
  }
}

interface Where {
  component: string;
  path: string | null;
  /** The YAML or JSON key its line is looked for after. */
  key: string | null;
  command: string;
}

/** Collects findings with where they are, once each. */
function collector(texts: Map<string, string>) {
  const out: UnpinnedFetch[] = [];
  const seen = new Set<string>();
  const add = (found: UnpinnedFinding[], where: Where, line?: number) => {
    for (const f of found) {
      const id = `${where.component}\u0000${where.path}\u0000${line ?? ""}\u0000${f.target}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const text = where.path ? texts.get(where.path) : undefined;
      out.push({
        ...f,
        target: redactSecrets(f.target),
        component: where.component,
        path: where.path,
        line: line ?? lineOf(text, where.key, f.target.split(" ")[0]!),
        command: redactSecrets(where.command),
      });
    }
  };
  /** A server's or worker's command and args, and its `image` field if it has one. */
  const process = (raw: Raw, where: Omit<Where, "command">) => {
    const argv = argvOf(raw);
    if (argv) add(unpinnedInArgv(argv), { ...where, command: shown(argv) });
    if (typeof raw.image === "string")
      add(unpinnedInArgv(["docker", "pull", raw.image]), {
        ...where,
        command: `image: ${raw.image}`,
      });
  };
  return { out, add, process };
}

/** Every unpinned fetch of a version, in manifest order: servers, workers, checks, dependencies. */
export function unpinnedFetches(
  manifest: Manifest,
  components: Component[],
  texts: Map<string, string>,
): UnpinnedFetch[] {
  const { out, add, process } = collector(texts);
  for (const c of components.filter((x) => x.type === "mcp_server"))
    process(rawServer(c, manifest, texts), {
      component: `MCP server '${c.name}'`,
      path: c.path,
      key: c.name,
    });
  for (const [name, w] of Object.entries(manifest.workers ?? {}))
    process(w as Raw, { component: `worker '${name}'`, path: MANIFEST, key: name });
  for (const check of manifest.checks ?? [])
    add(unpinnedInShell(check.command), {
      component: `check '${check.name}'`,
      path: MANIFEST,
      key: "checks",
      command: check.command,
    });
  const deps = manifest.dependencies ?? {};
  for (const req of deps.python ?? [])
    add(
      [unpinnedRequirement(req)].filter((f) => f !== null),
      {
        component: "Python dependency",
        path: MANIFEST,
        key: "python",
        command: req,
      },
    );
  for (const pkg of deps.packages ?? [])
    add(unpinnedPackage(pkg), {
      component: "system package",
      path: MANIFEST,
      key: "packages",
      command: pkg,
    });
  for (const script of deps.scripts ?? [])
    for (const l of scriptLines(texts.get(script) ?? ""))
      add(
        unpinnedInShell(l.text),
        { component: `script ${script}`, path: script, key: null, command: l.text.trim() },
        l.line,
      );
  return out;
}

/**
 * What an upgrade (or move) would run unpinned: every unpinned fetch of the target version, each
 * marked `introduced` when the bound version does not fetch the same thing from the same component.
 */
export function unpinnedAfterUpgrade(
  from: UnpinnedFetch[] | undefined,
  to: UnpinnedFetch[] | undefined,
): (UnpinnedFetch & { introduced: boolean })[] {
  const key = (u: UnpinnedFetch) => `${u.component}\u0000${u.target}`;
  const had = new Set((from ?? []).map(key));
  return (to ?? []).map((u) => ({ ...u, introduced: !had.has(key(u)) }));
}
