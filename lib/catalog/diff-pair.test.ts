// The diff page's versions from its URL: what it asks for when it exists, the defaults otherwise,
// and the versions it asked for that do not exist named, never dropped in silence.
import { describe, expect, it } from "vitest";
import { diffPair } from "./diff-pair";

const LIST = ["1.2.0", "1.1.0", "1.0.0"];

describe("diffPair", () => {
  it("takes both versions from the URL when they exist", () => {
    expect(diffPair(LIST, { from: "1.0.0", to: "1.2.0" })).toEqual({
      from: "1.0.0",
      to: "1.2.0",
      missing: [],
    });
  });

  it("defaults to the latest against the version before it", () => {
    expect(diffPair(LIST, {})).toEqual({ from: "1.1.0", to: "1.2.0", missing: [] });
    expect(diffPair(LIST, { to: "1.1.0" })).toEqual({ from: "1.0.0", to: "1.1.0", missing: [] });
    // The oldest has nothing before it: the version after it.
    expect(diffPair(LIST, { to: "1.0.0" }).from).toBe("1.1.0");
  });

  it("names a version that does not exist and shows the default in its place", () => {
    expect(diffPair(LIST, { from: "9.9.9", to: "1.1.0" })).toEqual({
      from: "1.0.0",
      to: "1.1.0",
      missing: ["9.9.9"],
    });
    expect(diffPair(LIST, { from: "nope", to: "nope" })).toEqual({
      from: "1.1.0",
      to: "1.2.0",
      missing: ["nope"],
    });
  });

  it("has nothing to compare with a single version", () => {
    expect(diffPair(["1.0.0"], { from: "1.0.0" })).toEqual({
      from: "1.0.0",
      to: "1.0.0",
      missing: [],
    });
  });
});
