// Text or binary: how the file viewer reads the file route's answer.
import { describe, expect, it } from "vitest";
import { decodeFileContent } from "./file-content";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("decodeFileContent", () => {
  it("decodes UTF-8 text served as text", () => {
    expect(decodeFileContent("text/plain; charset=utf-8", bytes("héllo\n"))).toEqual({
      kind: "text",
      text: "héllo\n",
    });
    expect(decodeFileContent("text/plain", bytes("\uFEFFbom")).kind).toBe("text");
  });

  it("calls octet-stream, NUL bytes and invalid UTF-8 binary, with their size", () => {
    expect(decodeFileContent("application/octet-stream", bytes("looks like text"))).toEqual({
      kind: "binary",
      size: 15,
    });
    expect(decodeFileContent("text/plain", new Uint8Array([104, 0, 105]))).toEqual({
      kind: "binary",
      size: 3,
    });
    expect(decodeFileContent("text/plain", new Uint8Array([0xff, 0xfe, 0x41]).buffer)).toEqual({
      kind: "binary",
      size: 3,
    });
  });
});
