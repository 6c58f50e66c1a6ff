// The corpora of `npm run bench:trust` (../shared/corpora, or QUIVER_CORPORA_DIR): their cases.json,
// how a case's files are placed in a minimal capability (as the corpora's README says), and how a
// trust card is scored against a case's label. Pure apart from reading the corpus files.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export const CORPORA = ["hidden-unicode", "skills", "secrets"] as const;
export type CorpusName = (typeof CORPORA)[number];

export interface CorpusCase {
  id: string;
  files: string[];
  root: string;
  label: string;
  category?: string | null;
  provider?: string | null;
  pair?: string | null;
}

export interface Corpus {
  name: CorpusName;
  dir: string;
  positiveLabel: string;
  cases: CorpusCase[];
}

/** The corpora folder: QUIVER_CORPORA_DIR, else ../shared/corpora beside the repository. */
export function corporaDir(
  repoRoot: string,
  env: Record<string, string | undefined> = process.env,
): string {
  return path.resolve(repoRoot, env.QUIVER_CORPORA_DIR || "../shared/corpora");
}

export function loadCorpus(dir: string, name: CorpusName): Corpus {
  const file = path.join(dir, name, "cases.json");
  if (!existsSync(file)) throw new Error(`${file}: not found (set QUIVER_CORPORA_DIR)`);
  const data = JSON.parse(readFileSync(file, "utf8")) as {
    positive_label?: string;
    cases?: CorpusCase[];
  };
  if (!data.positive_label || !Array.isArray(data.cases) || data.cases.length === 0)
    throw new Error(`${file}: no positive_label or no cases`);
  return {
    name,
    dir: path.join(dir, name),
    positiveLabel: data.positive_label,
    cases: data.cases,
  };
}

/** A capability name from a case id: lower-case letters, digits and hyphens, at most 64. */
export function capabilityName(id: string): string {
  const slug = id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return (slug || "case").slice(0, 64).replace(/-+$/, "");
}

export interface PlacedFile {
  /** Path in the bundle. */
  path: string;
  /** Path in the corpus folder (a case's file). */
  source: string;
}

/**
 * Where each of a case's files goes in the bundle: a SKILL.md and everything under its folder to
 * skills/<case>/, Python files to tools/, an MCP config to .mcp.json at the root, anything else
 * as a plain file at its path below the case's root.
 */
export function placeCase(c: CorpusCase): PlacedFile[] {
  const rel = (f: string) => path.posix.relative(c.root, f);
  const skill = c.files.map(rel).find((f) => path.posix.basename(f) === "SKILL.md");
  const skillDir = skill === undefined ? undefined : path.posix.dirname(skill);
  const skillFolder = `skills/${capabilityName(c.id)}`;
  return c.files.map((source) => {
    const r = rel(source);
    if (r.startsWith("..") || path.posix.isAbsolute(r))
      throw new Error(`${c.id}: ${source} is outside the case's root ${c.root}`);
    const base = path.posix.basename(r);
    let placed: string;
    if (skillDir !== undefined && (skillDir === "." || r.startsWith(`${skillDir}/`)))
      placed = `${skillFolder}/${skillDir === "." ? r : r.slice(skillDir.length + 1)}`;
    else if (base === ".mcp.json" || base === "mcp.json") placed = ".mcp.json";
    else if (r.endsWith(".py")) placed = `tools/${base}`;
    else placed = r;
    return { path: placed, source };
  });
}

/**
 * A capability must export a component: when a case's files give none (no skill, Python tool or
 * MCP config), a one-line skill of its own is added. Its path is not one of the case's files, so
 * it is never evidence for the case.
 */
export function stubSkill(
  c: CorpusCase,
  placed: PlacedFile[],
): { path: string; text: string } | null {
  if (placed.some((p) => /^(skills\/|tools\/.*\.py$|\.mcp\.json$)/.test(p.path))) return null;
  return {
    path: `skills/${capabilityName(c.id)}-wrapper/SKILL.md`,
    text: `---\nname: ${capabilityName(c.id)}-wrapper\ndescription: Holds the files of a benchmark case.\n---\nThe files beside this skill are benchmark data.\n`,
  };
}

/** The minimal manifest that wraps a case. */
export function caseManifest(c: CorpusCase): string {
  return [
    "schema: 1",
    `name: ${capabilityName(c.id)}`,
    "version: 1.0.0",
    `description: Trust benchmark case ${JSON.stringify(c.id)}.`,
    "",
  ].join("\n");
}

/** The part of a trust card that scoring reads. */
export interface CardLike {
  status: string;
  sections: {
    signals: {
      id: string;
      status: string;
      evidence: { path: string | null; line: number | null; detail: string }[];
    }[];
  }[];
}

/** The ids of the warn and fail signals with evidence in one of `paths`. */
export function flaggedSignals(card: CardLike, paths: readonly string[]): string[] {
  const want = new Set(paths);
  return card.sections
    .flatMap((s) => s.signals)
    .filter(
      (s) =>
        (s.status === "warn" || s.status === "fail") &&
        s.evidence.some((e) => e.path !== null && want.has(e.path)),
    )
    .map((s) => s.id);
}

/**
 * The skills corpus's categories and the signal ids that count as "the right category" for each
 * (issue 19's contract). A category "a+b" counts when any part matches.
 */
const SKILL_CATEGORY_SIGNALS: Record<string, readonly string[]> = (() => {
  const exfil = ["content.exfiltration", "content.credential_access"];
  const injection = ["content.injection", "content.model_instructions", "content.concealment"];
  const poisoning = [
    "content.model_instructions",
    "content.concealment",
    "content.tool_shadowing",
    "content.exfiltration",
    "content.credential_access",
  ];
  const undeclared = ["capabilities.undeclared_behaviour"];
  const map: Record<string, readonly string[]> = {
    "tool-poisoning": poisoning,
    "over-privileged-permissions": ["capabilities.permissions", ...undeclared],
    "vague-triggers": ["content.skill_quality"],
    "locale-forcing": ["content.skill_quality"],
  };
  for (const c of ["credential-exfiltration", "natural-language-exfiltration"]) map[c] = exfil;
  for (const c of [
    "harmful-instruction",
    "semantic-prompt-injection",
    "persona-jailbreak",
    "narrative-deception",
  ])
    map[c] = injection;
  for (const c of [
    "description-mismatch",
    "description-behaviour-mismatch",
    "docstring-code-divergence",
    "context-inappropriate-capability",
    "scope-creep",
    "under-declared-capabilities",
    "undisclosed-destructive-operations",
  ])
    map[c] = undeclared;
  return map;
})();

/** True when one of `signals` is in the list of any part of `category`. */
export function inRightCategory(category: string | null | undefined, signals: string[]): boolean {
  if (!category) return false;
  return category
    .split("+")
    .some((part) => (SKILL_CATEGORY_SIGNALS[part] ?? []).some((id) => signals.includes(id)));
}

export interface CaseResult {
  id: string;
  category: string | null;
  provider: string | null;
  pair: string | null;
  positive: boolean;
  /** A warn or fail signal has evidence in one of the case's files. */
  flagged: boolean;
  /** The ids of those signals. */
  signals: string[];
  /** Skills: one of them is in the case's category (SKILL_CATEGORY_SIGNALS). */
  rightCategory: boolean;
}

export interface Tally {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  /** Positives flagged in the right category (skills). */
  right: number;
  pairs: number;
  pairsTold: number;
}

export function tally(results: readonly CaseResult[]): Tally {
  const t: Tally = { tp: 0, fp: 0, tn: 0, fn: 0, right: 0, pairs: 0, pairsTold: 0 };
  for (const r of results) {
    if (r.positive) {
      if (r.flagged) t.tp++;
      else t.fn++;
      if (r.rightCategory) t.right++;
    } else if (r.flagged) t.fp++;
    else t.tn++;
  }
  const byPair = new Map<string, CaseResult[]>();
  for (const r of results) if (r.pair) byPair.set(r.pair, [...(byPair.get(r.pair) ?? []), r]);
  for (const twins of byPair.values()) {
    const pos = twins.filter((r) => r.positive);
    const neg = twins.filter((r) => !r.positive);
    if (!pos.length || !neg.length) continue; // a pair whose twin is not in this set
    t.pairs++;
    if (pos.every((r) => r.flagged) && neg.every((r) => !r.flagged)) t.pairsTold++;
  }
  return t;
}

/** n / d, or null when there is nothing to divide. */
export const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);
export const pct = (r: number | null): string => (r === null ? "—" : `${(r * 100).toFixed(1)}%`);
