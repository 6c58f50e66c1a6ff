// How `npm run bench:trust` places a corpus case in a capability and scores a card against it.
import { describe, expect, it } from "vitest";
import {
  capabilityName,
  corporaDir,
  flaggedSignals,
  inRightCategory,
  placeCase,
  stubSkill,
  tally,
  type CardLike,
  type CaseResult,
} from "./trust-corpora";

const base = { label: "malicious", category: null, pair: null };

describe("placeCase", () => {
  it("puts a SKILL.md and its folder under skills/<case>/", () => {
    const c = {
      ...base,
      id: "Mal_Skill 1",
      root: "fixtures/mal",
      files: ["fixtures/mal/SKILL.md", "fixtures/mal/scripts/helper.py", "fixtures/mal/x.yaml"],
    };
    expect(placeCase(c).map((p) => p.path)).toEqual([
      "skills/mal-skill-1/SKILL.md",
      "skills/mal-skill-1/scripts/helper.py",
      "skills/mal-skill-1/x.yaml",
    ]);
    expect(stubSkill(c, placeCase(c))).toBeNull();
  });

  it("puts Python files under tools/, an MCP config at the root and other files as they are", () => {
    const c = {
      ...base,
      id: "c",
      root: "ex/r",
      files: ["ex/r/a/tool.py", "ex/r/mcp.json", "ex/r/tp-001.txt"],
    };
    expect(placeCase(c).map((p) => p.path)).toEqual(["tools/tool.py", ".mcp.json", "tp-001.txt"]);
  });

  it("adds a wrapper skill only when the case has no component, and refuses files outside the root", () => {
    const plain = { ...base, id: "gitleaks-x-tp-001", root: "ex", files: ["ex/tp-001.txt"] };
    const stub = stubSkill(plain, placeCase(plain));
    expect(stub?.path).toBe("skills/gitleaks-x-tp-001-wrapper/SKILL.md");
    expect(() => placeCase({ ...plain, files: ["other/tp-001.txt"] })).toThrow(/outside/);
  });

  it("makes valid capability names", () => {
    expect(capabilityName("--A__b..C--")).toBe("a-b-c");
    expect(capabilityName("x".repeat(80))).toHaveLength(64);
    expect(capabilityName("***")).toBe("case");
  });
});

describe("scoring", () => {
  const card = (status: string, path: string | null): CardLike => ({
    status,
    sections: [
      { signals: [{ id: "content.secrets", status, evidence: [{ path, line: 1, detail: "" }] }] },
    ],
  });

  it("counts a warn or fail signal only when its evidence is one of the case's files", () => {
    expect(flaggedSignals(card("fail", "tp.txt"), ["tp.txt"])).toEqual(["content.secrets"]);
    expect(flaggedSignals(card("warn", "tp.txt"), ["tp.txt"])).toEqual(["content.secrets"]);
    expect(flaggedSignals(card("pass", "tp.txt"), ["tp.txt"])).toEqual([]);
    expect(flaggedSignals(card("fail", "other.txt"), ["tp.txt"])).toEqual([]);
    expect(flaggedSignals(card("fail", null), ["tp.txt"])).toEqual([]);
  });

  it("maps a skills category, any part of a+b, to its signals", () => {
    expect(
      inRightCategory("harmful-instruction+credential-exfiltration", ["content.exfiltration"]),
    ).toBe(true);
    expect(inRightCategory("scope-creep", ["capabilities.undeclared_behaviour"])).toBe(true);
    expect(inRightCategory("scope-creep", ["content.secrets"])).toBe(false);
    expect(inRightCategory(null, ["content.injection"])).toBe(false);
  });

  it("tallies tp/fp/tn/fn and tells pairs apart only when both twins are right", () => {
    const r = (
      id: string,
      positive: boolean,
      flagged: boolean,
      pair: string | null,
    ): CaseResult => ({
      id,
      category: null,
      provider: null,
      pair,
      positive,
      flagged,
      signals: [],
      rightCategory: positive && flagged,
    });
    const t = tally([
      r("a", true, true, "p1"),
      r("b", false, false, "p1"),
      r("c", true, true, "p2"),
      r("d", false, true, "p2"),
      r("e", true, false, null),
      r("f", false, false, "lonely"),
    ]);
    expect(t).toEqual({ tp: 2, fp: 1, tn: 2, fn: 1, right: 2, pairs: 2, pairsTold: 1 });
  });

  it("finds the corpora beside the repository unless QUIVER_CORPORA_DIR says", () => {
    expect(corporaDir("/w/repo", {})).toBe("/w/shared/corpora");
    expect(corporaDir("/w/repo", { QUIVER_CORPORA_DIR: "/data/c" })).toBe("/data/c");
  });
});
