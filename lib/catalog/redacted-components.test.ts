// A version's redacted component details, kept per version: redacted as redactJson does, from the
// stored JSON text (SQLite) or the parsed value (PostgreSQL), shared frozen, and bounded.
import { describe, expect, it } from "vitest";
import { keptComponentCount, redactedComponents } from "./redacted-components";

const gh = "ghp_pfJBd0Kh8oOOL8dKLzdocJ2isAjIhKtJ0Rlg";
const details = [
  {
    name: "search",
    path: "tools/search.py",
    type: "tool",
    description: `Calls the API with ${gh}`,
    metadata: { env: { api_key: "q8Zr3LmV0pXw7TnB2sKdY4hJ", region: "eu-west-1" } },
  },
];

describe("redactedComponents", () => {
  it("redacts secrets from the stored text and from a parsed value alike", () => {
    for (const [id, stored] of [
      ["v-text", JSON.stringify(details)],
      ["v-parsed", structuredClone(details)],
    ] as const) {
      const out = redactedComponents(id, stored);
      expect(out[0]!.description).toBe("Calls the API with ghp_…[redacted, 40 chars]");
      expect(out[0]!.metadata).toEqual({
        env: { api_key: "q8Zr…[redacted, 24 chars]", region: "eu-west-1" },
      });
    }
  });

  it("answers a version again with the same frozen details, without reading what is passed", () => {
    const first = redactedComponents("v-again", JSON.stringify(details));
    expect(redactedComponents("v-again", "not JSON at all")).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first[0]!.metadata)).toBe(true);
    expect(() => {
      (first[0] as { name: string }).name = "changed";
    }).toThrow(TypeError);
  });

  it("keeps at most its budget of characters, dropping the oldest, and never an outsized one", () => {
    const big = JSON.stringify([{ ...details[0], description: "word ".repeat(10_000) }]); // ~50 k chars
    for (let i = 0; i < 200; i++) redactedComponents(`v-big-${i}`, big);
    // 8 M characters hold about 160 of them, with the small ones above.
    expect(keptComponentCount()).toBeGreaterThan(100);
    expect(keptComponentCount()).toBeLessThan(170);
    const oldest = redactedComponents("v-big-0", "[]");
    expect(oldest).toEqual([]); // dropped: read again from what was passed
    const huge = JSON.stringify([{ ...details[0], description: "x".repeat(100_000) }]);
    const before = keptComponentCount();
    redactedComponents("v-huge", huge);
    expect(redactedComponents("v-huge", "[]")).toEqual([]);
    expect(keptComponentCount()).toBeLessThanOrEqual(before + 1);
  });
});
