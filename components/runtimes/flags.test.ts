// A runtime's flag overrides against what a version declares: the value the runtime loads.
import { describe, expect, it } from "vitest";
import { choiceValue, declaredFlagsOf, resolveFlags } from "./flags";

const manifest = {
  flags: {
    verbose: { description: "Log more", default: false },
    cache: { default: true },
    beta: {},
  },
};

describe("declaredFlagsOf", () => {
  it("lists a manifest's flags by name, off unless the default is true", () => {
    expect(declaredFlagsOf(manifest)).toEqual([
      { name: "beta", description: "", default: false },
      { name: "cache", description: "", default: true },
      { name: "verbose", description: "Log more", default: false },
    ]);
    expect(declaredFlagsOf(null)).toEqual([]);
    expect(declaredFlagsOf({ flags: { x: { default: "yes" } } })[0]!.default).toBe(false);
  });
});

describe("resolveFlags", () => {
  const declared = declaredFlagsOf(manifest);

  it("applies the default where there is no override, and the override where there is", () => {
    const { flags, stray } = resolveFlags(declared, { cache: false, beta: true });
    expect(flags.map((f) => [f.flag.name, f.choice, f.overridden, f.effective])).toEqual([
      ["beta", "on", true, true],
      ["cache", "off", true, false],
      ["verbose", "default", false, false],
    ]);
    expect(stray).toEqual([]);
  });

  it("reports overrides of flags the version does not declare, which have no effect", () => {
    const { flags, stray } = resolveFlags(declared, { removed_flag: true, verbose: true });
    expect(stray).toEqual(["removed_flag"]);
    expect(flags.find((f) => f.flag.name === "verbose")!.effective).toBe(true);
  });

  it("is not fooled by a flag named like an object property", () => {
    const flags = resolveFlags([{ name: "constructor", description: "", default: true }], {}).flags;
    expect(flags[0]).toMatchObject({ choice: "default", overridden: false, effective: true });
  });

  it("stores the default choice as removing the override", () => {
    expect(choiceValue).toEqual({ default: null, on: true, off: false });
  });
});
