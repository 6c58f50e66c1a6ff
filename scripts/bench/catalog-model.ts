// The generated bench catalog as plain rows, before any database: capabilities with ten versions
// each (semver with minor versions past 9, and now and then a backported patch pushed after the
// latest version), descriptions in real words, keywords from a vocabulary of about 300 with a long
// tail, about 200 authors, a handful of licences, components, files on a shared pool of blobs.
// Deterministic for a seed. scripts/bench/catalog-data.ts writes the rows; the denormalized
// fields (Capability.latest*, CapabilityKeyword, the search document) are computed here exactly as
// refreshLatest in lib/catalog/service.ts computes them, which catalog-data.api.test.ts checks.
import { randomUUID } from "node:crypto";
import type { Component, ComponentType } from "@/lib/catalog/ingest/components";
import { componentCounts } from "@/lib/catalog/ingest/components";
import { runtimeDigest, sha256 } from "@/lib/catalog/ingest/digest";
import type { SearchDocument } from "@/lib/catalog/search";
import { versionKey } from "@/lib/versions";
import * as w from "./vocabulary";

/** A small fast deterministic PRNG (mulberry32) with the helpers the generator needs. */
export class Random {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  /** Skewed towards the start of the list: a few values are common, most are rare. */
  skewed<T>(list: readonly T[], power = 2.2): T {
    return list[Math.floor(Math.pow(this.next(), power) * list.length)]!;
  }
  weighted<T>(choices: readonly [T, number][]): T {
    const total = choices.reduce((n, [, wt]) => n + wt, 0);
    let r = this.next() * total;
    for (const [v, wt] of choices) if ((r -= wt) < 0) return v;
    return choices[choices.length - 1]![0];
  }
  shuffle<T>(list: T[]): T[] {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    return list;
  }
}

export interface BlobRow {
  sha256: string;
  data: Buffer;
}

interface VersionRow {
  id: string;
  version: string;
  versionKey: string;
  description: string;
  authorName: string | null;
  license: string | null;
  repository: string | null;
  keywords: string[];
  manifest: Record<string, unknown>;
  componentCounts: Record<string, number>;
  components: Component[];
  artifactSha256: string;
  runtimeDigest: string;
  fileCount: number;
  totalBytes: number;
  origin: Record<string, unknown>;
  /**
   * A drawn trust level and counts (the files are drawn from a pool, so no card is computed):
   * stored as current, so that a server started on the bench database has nothing to backfill.
   */
  trust: {
    level: "fail" | "warn" | "clean";
    counts: Record<"pass" | "warn" | "fail" | "info", number>;
  };
  createdAt: Date;
  files: { path: string; sha256: string; size: number }[];
}

export interface CapabilityRow {
  id: string;
  name: string;
  isPublic: boolean;
  createdAt: Date;
  /** The time of the last push (refreshLatest stamps it), not of the latest version. */
  updatedAt: Date;
  /** In push order (oldest first). */
  versions: VersionRow[];
  latest: VersionRow;
}

/** Keywords: the domains first, then the rest of the vocabulary, without repeats. */
const keywordVocabulary: readonly string[] = [...new Set<string>([...w.domains, ...w.keywordPool])];

/** About 200 authors: people and teams. */
const authorVocabulary: readonly string[] = (() => {
  const people = w.firstNames.flatMap((f, i) =>
    w.lastNames.filter((_, j) => (i + j) % 4 === 0).map((l) => `${f} ${l}`),
  );
  return [...w.teams.map((t) => `${t} Team`), ...people];
})();

/** `count` distinct capability names (two or three real words), in a random order. */
export function capabilityNames(rnd: Random, count: number): string[] {
  const two = w.domains.flatMap((d) => w.roles.map((r) => `${d}-${r}`));
  const three = two.flatMap((n) => w.qualifiers.map((q) => `${n}-${q}`));
  if (count > two.length + three.length)
    throw new Error(`at most ${two.length + three.length} names`);
  return rnd
    .shuffle([
      ...rnd.shuffle(two).slice(0, Math.min(two.length, Math.floor(count / 4))),
      ...rnd.shuffle(three),
    ])
    .slice(0, count);
}

/** Ascending semver versions; minor versions go past 9 now and then (string order ≠ semver order). */
/** About one version in ten fails a signal, four in ten warn, the rest are clean. */
function drawTrust(rnd: Random): VersionRow["trust"] {
  const roll = rnd.next();
  const level = roll < 0.1 ? "fail" : roll < 0.5 ? "warn" : "clean";
  const counts = {
    fail: level === "fail" ? rnd.int(1, 3) : 0,
    warn: level === "clean" ? 0 : rnd.int(level === "warn" ? 1 : 0, 3),
    pass: rnd.int(8, 12),
    info: rnd.int(1, 4),
  };
  return { level, counts };
}

function semverRun(rnd: Random, count: number): [number, number, number][] {
  let v: [number, number, number] = [rnd.chance(0.4) ? 0 : 1, rnd.int(0, 8), rnd.int(0, 3)];
  const out = [v];
  while (out.length < count) {
    const step = rnd.next();
    v = step < 0.55 ? [v[0], v[1], v[2] + 1] : step < 0.9 ? [v[0], v[1] + 1, 0] : [v[0] + 1, 0, 0];
    out.push(v);
  }
  return out;
}

const sentenceCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function description(rnd: Random, domain: string): string {
  const first = `${rnd.pick(w.verbs)} ${rnd.pick(w.objects)} ${rnd.pick(w.manners)} ${rnd.pick(w.outcomes)}, using ${rnd.pick(w.integrations)}.`;
  if (!rnd.chance(0.6)) return first;
  const second = rnd.pick([
    `Built for the ${rnd.pick(w.teams)} team and tuned for ${domain} work.`,
    `Works with ${rnd.pick(w.integrations)} and ${rnd.pick(w.integrations)}.`,
    `${sentenceCase(domain)} specialists review its output before anything is sent.`,
    `Handles ${rnd.pick(w.objects)} as well, ${rnd.pick(w.manners)}.`,
  ]);
  return `${first} ${second}`;
}

const typeOrder: ComponentType[] = ["agent", "tool", "skill", "mcp_server", "worker"];
const toolVerbs = [
  "fetch",
  "list",
  "search",
  "create",
  "update",
  "summarize",
  "classify",
  "export",
  "lookup",
  "post",
  "score",
  "sync",
];
const toolNouns = [
  "tickets",
  "invoices",
  "alerts",
  "logs",
  "contracts",
  "orders",
  "users",
  "issues",
  "events",
  "reports",
  "metrics",
  "documents",
];

function component(rnd: Random, type: ComponentType, domain: string, role: string): Component {
  const what = `${rnd.pick(w.verbs)} ${rnd.pick(w.objects)} ${rnd.pick(w.manners)}.`;
  switch (type) {
    case "agent": {
      const name = rnd.pick([role, `${domain}-${role}`, `${role}-lead`, "coordinator", "reviewer"]);
      return {
        name,
        path: `agents/${name}.md`,
        type,
        description: what,
        metadata: rnd.chance(0.7)
          ? { model: rnd.pick(w.models), tools: [`${rnd.pick(toolVerbs)}_${rnd.pick(toolNouns)}`] }
          : null,
      };
    }
    case "tool": {
      const name = `${rnd.pick(toolVerbs)}_${rnd.pick(toolNouns)}`;
      return {
        name,
        path: `tools/${name}.py`,
        type,
        description: what,
        metadata: {
          functions: [
            name,
            ...(rnd.chance(0.4) ? [`${rnd.pick(toolVerbs)}_${rnd.pick(toolNouns)}`] : []),
          ],
        },
      };
    }
    case "skill": {
      const name = rnd.pick([
        `${domain}-playbook`,
        "style-guide",
        "escalation-policy",
        "weekly-report",
        `${role}-checklist`,
        `${domain}-glossary`,
      ]);
      return { name, path: `skills/${name}/SKILL.md`, type, description: what, metadata: null };
    }
    case "mcp_server": {
      const name = rnd.pick([
        "jira",
        "github",
        "slack",
        "zendesk",
        "salesforce",
        "postgres",
        "drive",
        "notion",
      ]);
      const metadata = rnd.chance(0.5)
        ? {
            transport: "stdio",
            command: "npx",
            args: ["-y", `@acme/${name}-mcp`],
            env_keys: [`${name.toUpperCase()}_TOKEN`],
          }
        : {
            transport: "http",
            url: `https://mcp.example.com/${name}`,
            header_keys: ["Authorization"],
          };
      return {
        name,
        path: ".mcp.json",
        type,
        description: `${sentenceCase(name)} for ${domain} work`,
        metadata,
      };
    }
    case "worker": {
      const name = rnd.pick(["nightly-sync", "indexer", "watcher", "exporter"]);
      return {
        name,
        path: `workers/${name.replace(/-/g, "_")}.py`,
        type,
        description: what,
        metadata: { kind: "in_process", path: `workers/${name.replace(/-/g, "_")}.py` },
      };
    }
  }
}

function components(rnd: Random, domain: string, role: string): Component[] {
  const n = rnd.weighted<number>([
    [1, 20],
    [2, 30],
    [3, 25],
    [4, 15],
    [5, 7],
    [6, 3],
  ]);
  const list: Component[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < n * 3 && list.length < n; i++) {
    const c = component(
      rnd,
      rnd.weighted<ComponentType>([
        ["skill", 35],
        ["tool", 30],
        ["agent", 20],
        ["mcp_server", 10],
        ["worker", 5],
      ]),
      domain,
      role,
    );
    if (
      seen.has(`${c.type}:${c.name}`) ||
      (c.type !== "mcp_server" && list.some((o) => o.path === c.path))
    )
      continue;
    seen.add(`${c.type}:${c.name}`);
    list.push(c);
  }
  // Ingest lists agents, tools, skills, MCP servers, workers, each group by path.
  return list.sort(
    (a, b) =>
      typeOrder.indexOf(a.type) - typeOrder.indexOf(b.type) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
}

/** Shared file contents: every file row points at one of these (like unchanged files across versions). */
export function blobPool(rnd: Random, count: number): BlobRow[] {
  const pool: BlobRow[] = [];
  for (let i = 0; i < count; i++) {
    const paras = Array.from({ length: rnd.int(1, 12) }, () =>
      description(rnd, rnd.pick(w.domains)),
    );
    const data = Buffer.from(
      `# ${sentenceCase(rnd.pick(w.domains))} ${rnd.pick(w.roles)}\n\n${paras.join("\n\n")}\n`,
      "utf8",
    );
    pool.push({ sha256: sha256(data), data });
  }
  return pool;
}

export interface ModelOptions {
  ownerId: string;
  ownerEmail: string;
  versionsPer: number;
  publicShare: number;
  now: Date;
}

/** One capability with its versions, oldest push first; `name` decides its domain and role. */
export function capability(
  rnd: Random,
  name: string,
  pool: BlobRow[],
  bundles: BlobRow[],
  o: ModelOptions,
): CapabilityRow {
  const [domain = "data", role = "helper"] = name.split("-");
  const author = rnd.chance(0.04) ? null : rnd.skewed(authorVocabulary, 1.6);
  const license = rnd.weighted(w.licenses);
  const repository = rnd.chance(0.7)
    ? `https://github.com/${(author ?? "acme").toLowerCase().replace(/[^a-z0-9]+/g, "-")}/${name}`
    : null;
  let keywords = [
    ...new Set([
      ...(keywordVocabulary.includes(domain) ? [domain] : []),
      ...Array.from({ length: rnd.int(2, 5) }, () => rnd.skewed(keywordVocabulary)),
    ]),
  ];
  let desc = description(rnd, domain);
  let comps = components(rnd, domain, role);
  const fileBase = new Map<string, number>();

  const run = semverRun(rnd, o.versionsPer);
  // One in ten capabilities gets a backported patch of an older line as its last push.
  if (o.versionsPer >= 5 && rnd.chance(0.1)) {
    const last = run[run.length - 2]!;
    const old = run[rnd.int(1, run.length - 4)]!;
    const bp: [number, number, number] = [old[0], old[1], old[2] + 1];
    const taken = new Set(run.map((v) => v.join(".")));
    if ((bp[0] !== last[0] || bp[1] !== last[1]) && !taken.has(bp.join(".")))
      run[run.length - 1] = bp;
  }
  const span = o.now.getTime() - 24 * 3600_000;
  const start = span - rnd.int(30, 730) * 24 * 3600_000;
  const times = Array.from(
    { length: run.length },
    () => start + Math.floor(rnd.next() * (span - start)),
  ).sort((a, b) => a - b);

  const versions: VersionRow[] = run.map(([major, minor, patch], i) => {
    const version = `${major}.${minor}.${patch}`;
    if (i > 0 && rnd.chance(0.3)) desc = description(rnd, domain);
    if (i > 0 && rnd.chance(0.15))
      keywords = [...new Set([...keywords, rnd.skewed(keywordVocabulary)])];
    if (i > 0 && keywords.length > 2 && rnd.chance(0.05)) keywords = keywords.slice(1);
    if (i > 0 && rnd.chance(0.1)) comps = components(rnd, domain, role);
    const paths = [
      "README.md",
      "capability.yaml",
      ...new Set(comps.map((c) => c.path)),
      ...(rnd.chance(0.3) ? ["requirements.txt"] : []),
    ];
    const files = paths
      .map((path) => {
        // A file keeps its content across versions unless it changes (30%); the manifest always does.
        const base = fileBase.get(path) ?? rnd.int(0, pool.length - 1);
        const next =
          path === "capability.yaml" || rnd.chance(0.3) ? rnd.int(0, pool.length - 1) : base;
        fileBase.set(path, next);
        const blob = pool[next]!;
        return { path, sha256: blob.sha256, size: blob.data.length };
      })
      .sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
    const createdAt = new Date(times[i]!);
    const via = rnd.chance(0.7) ? "cli" : "api";
    const manifest: Record<string, unknown> = {
      schema: 1,
      name,
      version,
      description: desc,
      ...(author ? { author } : {}),
      ...(license ? { license } : {}),
      ...(repository ? { repository } : {}),
      keywords,
    };
    return {
      id: randomUUID(),
      version,
      versionKey: versionKey(version),
      description: desc,
      authorName: author,
      license,
      repository,
      keywords,
      manifest,
      componentCounts: componentCounts(comps),
      components: comps,
      artifactSha256: rnd.pick(bundles).sha256,
      runtimeDigest: runtimeDigest(files),
      fileCount: files.length,
      totalBytes: files.reduce((n, f) => n + f.size, 0),
      origin: {
        type: "push",
        via,
        pushed_by: {
          id: o.ownerId,
          email: o.ownerEmail,
          ...(via === "api" ? { token: "ci" } : {}),
        },
        pushed_at: createdAt.toISOString(),
      },
      trust: drawTrust(rnd),
      createdAt,
      files,
    };
  });
  const latest = versions.reduce((a, b) => (b.versionKey > a.versionKey ? b : a));
  return {
    id: randomUUID(),
    name,
    isPublic: rnd.chance(o.publicShare),
    createdAt: versions[0]!.createdAt,
    updatedAt: versions[versions.length - 1]!.createdAt,
    versions,
    latest,
  };
}

/** The search document of a capability, as refreshLatest builds it from the latest version. */
export function searchDocument(c: CapabilityRow): SearchDocument {
  const l = c.latest;
  return {
    name: c.name,
    description: l.description,
    keywords: l.keywords,
    author: l.authorName,
    components: l.components.map((x) => `${x.name} ${x.description ?? ""}`).join(" "),
  };
}
