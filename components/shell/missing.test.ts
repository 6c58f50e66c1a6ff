// The in-org 404's words: which kind of object, and which one, a path asked for.
import { describe, expect, it } from "vitest";
import { describeMissing } from "./missing";

const ws = ["main", "staging"];

describe("describeMissing", () => {
  it("names the object a page's path points at", () => {
    expect(describeMissing("/acme/catalog/sql-analyst", ws)).toMatchObject({
      kind: "capability",
      name: "sql-analyst",
    });
    expect(describeMissing("/acme/catalog/owner%2Fname/diff", ws)).toMatchObject({
      kind: "capability",
      name: "owner/name",
    });
    expect(describeMissing("/acme/main/runtimes/rt_1", ws)).toMatchObject({
      kind: "runtime",
      name: "rt_1",
    });
    expect(describeMissing("/acme/staging/agents/a1/releases", ws)).toMatchObject({
      kind: "agent",
      name: "a1",
    });
    expect(describeMissing("/acme/main/optimization/job-9", ws)).toMatchObject({
      kind: "optimization run",
      name: "job-9",
    });
    expect(describeMissing("/acme/main/prompts/p2", ws)).toMatchObject({
      kind: "prompt",
      name: "p2",
    });
  });

  it("points back to the list the object would be in", () => {
    expect(describeMissing("/acme/catalog/x", ws)?.list).toBe("/acme/catalog");
    expect(describeMissing("/acme/staging/agents/a1/releases", ws)?.list).toBe(
      "/acme/staging/agents",
    );
    expect(describeMissing("/acme/nope", ws)?.list).toBeUndefined();
  });

  it("names a workspace the org does not have, whatever follows it", () => {
    expect(describeMissing("/acme/no-such-workspace/runtimes", ws)).toMatchObject({
      kind: "workspace",
      name: "no-such-workspace",
    });
    expect(describeMissing("/acme/nope", ws)).toMatchObject({ kind: "workspace", name: "nope" });
  });

  it("names nothing where the path is no page at all", () => {
    expect(describeMissing("/acme", ws)).toBeNull();
    expect(describeMissing("/acme/catalog/x/y", ws)).toBeNull();
    expect(describeMissing("/acme/catalog/x/versions/1", ws)).toBeNull();
    expect(describeMissing("/acme/main/agents/a1/nope", ws)).toBeNull();
    expect(describeMissing("/acme/main/nowhere/x", ws)).toBeNull();
    expect(describeMissing("/acme/main/optimization/new", ws)).toBeNull();
    expect(describeMissing("/acme/settings/nope", ws)).toBeNull();
    expect(describeMissing("/acme/main/runtimes", ws)).toBeNull();
  });
});
