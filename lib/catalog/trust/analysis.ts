// The part of the trust card that needs the files' contents: content scans (secrets, hidden
// Unicode, injection phrases, hidden instructions in model-facing text), the effects of code and
// scripts, and what the code does beside what its description says. Computed once, when a version
// is pushed (its files are in memory then), and stored with the version: versions are immutable.
import type { Component } from "@/lib/catalog/ingest/components";
import type { Manifest } from "@/lib/catalog/ingest/manifest";
import { analyzeBehaviour } from "./behaviour";
import { pythonEffects, shellEffects, type Effect } from "./effects";
import { scanModelFacing, type RuleFinding } from "./poisoning";
import { isTextFile, scanText } from "./scan";
import type { ScanFinding, ScanKind } from "./scan-shared";
import type { UnpinnedFetch } from "./unpinned";
import { unpinnedFetches } from "./unpinned-fetches";

/** Bumped when the scanners change, so stored analyses are computed again on their next read. */
export const ANALYSIS_VERSION = 3;
/** Findings kept per kind; the count says how many there were in all. */
const MAX_FINDINGS_PER_KIND = 50;
/** Rule findings kept in all (each rule already caps its own). */
const MAX_RULE_FINDINGS = 400;

export interface ContentAnalysis {
  analysis_version: number;
  findings: ScanFinding[];
  /** Findings per kind before the cap. */
  finding_counts: Record<ScanKind, number>;
  effects: Effect[];
  /** Code fetched at run time without a pin (unpinned-fetches.ts); absent in analyses before version 3. */
  unpinned_fetches?: UnpinnedFetch[];
  /**
   * Tool poisoning, undeclared behaviour, broad permissions and skill quality, each with the
   * card signal it belongs to (absent in analyses stored before version 3).
   */
  rule_findings?: RuleFinding[];
  scanned_files: number;
  /** Files not scanned, with why (binary). */
  skipped_files: { path: string; reason: string }[];
}

/** Scans every text file; injection phrases only in agent and skill Markdown. */
export function analyzeContent(
  files: { path: string; data: Buffer }[],
  manifest: Manifest,
  components: Component[],
): ContentAnalysis {
  const promptFiles = new Set(
    components.filter((c) => c.type === "agent" || c.type === "skill").map((c) => c.path),
  );
  const scripts = new Set(manifest.dependencies?.scripts ?? []);
  const findings: ScanFinding[] = [];
  const counts: Record<ScanKind, number> = { secret: 0, hidden_unicode: 0, injection: 0 };
  const effects: Effect[] = [];
  const skipped: { path: string; reason: string }[] = [];
  let scanned = 0;
  const texts = new Map<string, string>();
  for (const f of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    if (!isTextFile(f.data)) {
      skipped.push({ path: f.path, reason: "binary" });
      continue;
    }
    scanned++;
    const text = f.data.toString("utf8");
    texts.set(f.path, text);
    const kinds: ScanKind[] = promptFiles.has(f.path)
      ? ["secret", "hidden_unicode", "injection"]
      : ["secret", "hidden_unicode"];
    for (const finding of scanText(f.path, text, kinds)) {
      counts[finding.kind]++;
      if (counts[finding.kind] <= MAX_FINDINGS_PER_KIND) findings.push(finding);
    }
    if (f.path.endsWith(".py")) effects.push(...pythonEffects(f.path, text));
    else if (f.path.endsWith(".sh") || scripts.has(f.path))
      effects.push(...shellEffects(f.path, text));
  }
  const textList = [...texts].map(([path, text]) => ({ path, text }));
  const ruleFindings = [
    ...scanModelFacing(textList, components),
    ...analyzeBehaviour(textList, components, manifest.description ?? ""),
  ];
  return {
    analysis_version: ANALYSIS_VERSION,
    findings,
    finding_counts: counts,
    effects,
    unpinned_fetches: unpinnedFetches(manifest, components, texts).slice(0, MAX_FINDINGS_PER_KIND),
    rule_findings: ruleFindings.slice(0, MAX_RULE_FINDINGS),
    scanned_files: scanned,
    skipped_files: skipped,
  };
}
