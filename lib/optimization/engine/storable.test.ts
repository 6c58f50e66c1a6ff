import { describe, expect, it } from "vitest";
import { storable, storableText } from "./storable";

describe("storable model text", () => {
  it("replaces NUL and lone surrogates with U+FFFD and keeps everything else", () => {
    expect(storableText("a\u0000b")).toBe("a\uFFFDb");
    expect(storableText("x\uD800y")).toBe("x\uFFFDy");
    expect(storableText("x\uDC00")).toBe("x\uFFFD");
    expect(storableText("\uDC00\uD800")).toBe("\uFFFD\uFFFD");
    // A surrogate pair (an emoji) is well formed and stays.
    expect(storableText("ok 😀 é \t\n")).toBe("ok 😀 é \t\n");
  });

  it("walks arrays and plain objects, keys included", () => {
    expect(
      storable([
        { role: "assistant", content: "hi\u0000" },
        { "k\u0000": ["\uD83D"], n: 1, b: true, z: null },
      ]),
    ).toEqual([
      { role: "assistant", content: "hi\uFFFD" },
      { "k\uFFFD": ["\uFFFD"], n: 1, b: true, z: null },
    ]);
  });
});
