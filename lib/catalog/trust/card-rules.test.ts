// The card's rule-based signals: hidden instructions for the model, undeclared behaviour, broad
// permissions and skill quality, built from the analysis's rule findings.
import { describe, expect, it } from "vitest";
import { runtimeDigest } from "@/lib/catalog/ingest/digest";
import type { ContentAnalysis } from "./analysis";
import { buildTrustCard, type TrustCard, type TrustVersion } from "./card";

const emptyAnalysis: ContentAnalysis = {
  analysis_version: 3,
  findings: [],
  finding_counts: { secret: 0, hidden_unicode: 0, injection: 0 },
  effects: [],
  scanned_files: 1,
  skipped_files: [],
};
const files = [{ path: "capability.yaml", sha256: "b".repeat(64), size: 20 }];

function version(over: Partial<TrustVersion> = {}): TrustVersion {
  return {
    name: "demo",
    version: "1.0.0",
    manifest: { name: "demo" },
    components: [
      { name: "a", path: "skills/a/SKILL.md", type: "skill", description: null, metadata: null },
    ],
    componentCounts: { skill: 1 },
    files,
    fileCount: files.length,
    totalBytes: 20,
    artifactSha256: "c".repeat(64),
    runtimeDigest: runtimeDigest(files),
    bundleKind: "tar.gz",
    license: "MIT",
    repository: "https://github.com/acme/demo",
    origin: { type: "push" },
    analysis: emptyAnalysis,
    ...over,
  };
}
const signal = (card: TrustCard, id: string) =>
  card.sections.flatMap((s) => s.signals).find((s) => s.id === id);

describe("hidden instructions and undeclared behaviour", () => {
  const withRules = (rule_findings: ContentAnalysis["rule_findings"]) =>
    version({ analysis: { ...emptyAnalysis, rule_findings } });

  it("groups rule findings into their signals, failures first, with the worst status", () => {
    const card = buildTrustCard(
      withRules([
        {
          signal: "content.exfiltration",
          status: "warn",
          path: ".mcp.json",
          line: 9,
          detail: "a parameter named like a side channel",
        },
        {
          signal: "content.exfiltration",
          status: "fail",
          path: "skills/a/SKILL.md",
          line: 4,
          detail: "Tells the model to send data to an outside address: …",
        },
        {
          signal: "capabilities.undeclared_behaviour",
          status: "warn",
          path: "tools/calc.py",
          line: 8,
          detail: "Code starts a process",
        },
        {
          signal: "content.skill_quality",
          status: "warn",
          path: "skills/a/SKILL.md",
          line: 3,
          detail: "Vague description",
        },
      ]),
      null,
    );
    const exfil = signal(card, "content.exfiltration")!;
    expect(exfil.status).toBe("fail");
    expect(exfil.title).toBe("May send data out in 2 files");
    expect(exfil.evidence.map((e) => `${e.path}:${e.line}`)).toEqual([
      "skills/a/SKILL.md:4",
      ".mcp.json:9",
    ]);
    expect(signal(card, "capabilities.undeclared_behaviour")).toMatchObject({
      status: "warn",
      title: "Does more than its description says (1 file)",
    });
    expect(signal(card, "content.skill_quality")?.status).toBe("warn");
    // The poisoning signals replace the "no hidden instructions" pass.
    expect(signal(card, "content.model_instructions")).toBeUndefined();
    // Risks, not what it may do.
    expect(card.summary.may_do.join(" ")).not.toContain("more than its description");
    expect(card.summary.risks).toContain("Does more than its description says (1 file)");
  });

  it("passes when the analysis found nothing, and says nothing for analyses stored before the rules", () => {
    expect(signal(buildTrustCard(withRules([]), null), "content.model_instructions")).toMatchObject(
      { status: "pass", title: "No hidden instructions for the model" },
    );
    expect(signal(buildTrustCard(version(), null), "content.model_instructions")).toBeUndefined();
  });

  it("keeps process use as information: the description decides whether it is a warning", () => {
    const card = buildTrustCard(
      version({
        analysis: {
          ...emptyAnalysis,
          rule_findings: [],
          effects: [
            { kind: "process", path: "tools/git.py", line: 2, detail: "imports subprocess" },
          ],
        },
      }),
      null,
    );
    expect(signal(card, "capabilities.code.process")?.status).toBe("info");
    expect(card.status).toBe("pass");
  });
});
