// Where sign-in may send the browser: this site's paths only, whatever form the callbackUrl takes.
import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-url";

const ORIGIN = "https://quiver.example.com";

// Each of these is read by a browser as another site or a script (or could be, after one more
// decoding), and must never come back as a place to go.
const hostile = [
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\/evil.example",
  "\\/evil.example",
  "\\\\evil.example",
  "//evil.example",
  "///evil.example",
  "//evil.example/path?x=1",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  " //evil.example",
  "\t//evil.example",
  "https://evil.example",
  "https://evil.example/quiver.example.com",
  "http://quiver.example.com.evil.example/",
  "https:evil.example",
  "https:/evil.example",
  "//quiver.example.com@evil.example",
  "/.//evil.example",
  "javascript:alert(1)",
  "JavaScript:alert(document.cookie)",
  " javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "evil.example",
  "",
];

describe("safeCallbackPath", () => {
  it.each(hostile)("refuses %j (falls back to /)", (value) => {
    expect(safeCallbackPath(value)).toBe("/");
    expect(safeCallbackPath(value, ORIGIN)).toBe("/");
  });

  it("keeps an encoded backslash as a path of this site, never as a host", () => {
    // `/%5Cevil.example` arrives decoded once as `/\evil.example` (refused above); arriving as is,
    // it names a (missing) page here: the browser stays on the site either way.
    expect(safeCallbackPath("/%5Cevil.example")).toBe("/%5Cevil.example");
    expect(safeCallbackPath("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
    expect(safeCallbackPath(decodeURIComponent("/%5Cevil.example"))).toBe("/");
  });

  it("keeps this site's paths, with their query and fragment", () => {
    expect(safeCallbackPath("/")).toBe("/");
    expect(safeCallbackPath("/acme/catalog")).toBe("/acme/catalog");
    expect(safeCallbackPath("/acme/catalog?search=pdf&sort=name#top")).toBe(
      "/acme/catalog?search=pdf&sort=name#top",
    );
    expect(safeCallbackPath("/acme/../acme/catalog")).toBe("/acme/catalog");
  });

  it("accepts an absolute URL of this origin only when the origin is given (next-auth's redirect callback)", () => {
    expect(safeCallbackPath(`${ORIGIN}/acme/catalog?x=1`, ORIGIN)).toBe("/acme/catalog?x=1");
    expect(safeCallbackPath(`${ORIGIN}/acme/catalog`)).toBe("/");
    expect(safeCallbackPath("http://quiver.example.com/acme", ORIGIN)).toBe("/");
    expect(safeCallbackPath("https://quiver.example.com:8443/acme", ORIGIN)).toBe("/");
  });

  it("falls back on anything that is not a string", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(["/a", "/b"])).toBe("/");
    expect(safeCallbackPath(null, ORIGIN, "/sign-in")).toBe("/sign-in");
  });
});
