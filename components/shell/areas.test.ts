// The palette's and the shortcuts' destinations: result pages, workspace switches, matching.
import { describe, expect, it } from "vitest";
import {
  actions,
  areas,
  placeMatches,
  resultHref,
  workspaceSwitches,
  type SearchResult,
} from "./areas";

const result = (r: Partial<SearchResult>): SearchResult => ({
  kind: "runtime",
  id: "id-1",
  title: "edge",
  subtitle: "Runtime",
  org: "acme",
  workspace: "main",
  match: "prefix",
  ...r,
});

describe("resultHref", () => {
  it("links each kind to its page, encoding what the user named", () => {
    expect(resultHref(result({ kind: "capability", title: "sql-analyst", workspace: null }))).toBe(
      "/acme/catalog/sql-analyst",
    );
    expect(resultHref(result({ kind: "runtime" }))).toBe("/acme/main/runtimes/id-1");
    expect(resultHref(result({ kind: "agent", workspace: "st ag" }))).toBe(
      "/acme/st%20ag/agents/id-1",
    );
    expect(resultHref(result({ kind: "optimization_run" }))).toBe("/acme/main/optimization/id-1");
    expect(resultHref(result({ kind: "prompt" }))).toBe("/acme/main/prompts/id-1");
    expect(resultHref(result({ kind: "persona" }))).toBe("/acme/main/personas");
  });
});

describe("places", () => {
  it("gives each `g` letter one area", () => {
    const keys = areas("acme", "main").flatMap((p) => (p.key ? [p.key] : []));
    expect(keys.sort()).toEqual(["a", "c", "e", "o", "p", "r", "s"]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("switches to the other workspaces, keeping the section", () => {
    const wss = [
      { slug: "main", name: "Main" },
      { slug: "staging", name: "Staging" },
    ];
    expect(workspaceSwitches("acme", "main", "/acme/main/agents/x", wss)).toEqual([
      { label: "Switch workspace: Staging", href: "/acme/staging/agents", keywords: "staging" },
    ]);
    expect(workspaceSwitches("acme", "main", "/acme/catalog", wss)[0]!.href).toBe(
      "/acme/staging/runtimes",
    );
  });

  it("matches every typed word in the label or keywords, ignoring case", () => {
    const [newRun, token] = actions("acme", "main");
    expect(placeMatches(newRun!, "")).toBe(true);
    expect(placeMatches(newRun!, "NEW run")).toBe(true);
    expect(placeMatches(newRun!, "optimize")).toBe(true);
    expect(placeMatches(token!, "new run")).toBe(false);
  });
});
