// The theme cookie: what the server accepts from it, and what the switch writes.
import { describe, expect, it } from "vitest";
import { parseTheme, themeClass, themeCookie } from "./theme";

describe("parseTheme", () => {
  it("accepts the three themes", () => {
    expect(parseTheme("system")).toBe("system");
    expect(parseTheme("light")).toBe("light");
    expect(parseTheme("dark")).toBe("dark");
  });

  it("falls back to system for a missing or unknown value", () => {
    expect(parseTheme(undefined)).toBe("system");
    expect(parseTheme("")).toBe("system");
    expect(parseTheme("Dark")).toBe("system");
    expect(parseTheme("dark; x")).toBe("system");
    expect(parseTheme('"><script>')).toBe("system");
  });
});

describe("themeClass", () => {
  it("names light and dark, and leaves system to the media query", () => {
    expect(themeClass("light")).toBe("light");
    expect(themeClass("dark")).toBe("dark");
    expect(themeClass("system")).toBeUndefined();
  });
});

describe("themeCookie", () => {
  it("is site-wide, lasts a year, and is Secure only over https", () => {
    expect(themeCookie("dark", false)).toBe(
      "quiver-theme=dark; Path=/; Max-Age=31536000; SameSite=Lax",
    );
    expect(themeCookie("light", true)).toMatch(/; Secure$/);
  });
});
