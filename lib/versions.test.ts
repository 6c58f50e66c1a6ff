// Versions: the order as the database sorts it by `versionKey`, in byte order (SQLite, PostgreSQL's C
// collation, JavaScript) and in a linguistic collation (PostgreSQL's en_US and the like).
import { describe, expect, it } from "vitest";
import { compareVersions, isVersion, nextPatch, versionKey } from "./versions";

const shuffled = [
  "1.99999.0",
  "1.100000.0",
  "0.0.1",
  "1.2.3",
  "1.10.0",
  "1.9.9",
  "2.0.0",
  "1.100000.1",
  "1.1000000.0",
  "10.0.0",
  "99999.0.0",
  "100000.0.0",
  "999999999999999.0.0",
  "1.99999.99999",
  "1.123456789012345.0",
];
const expected = [
  "0.0.1",
  "1.2.3",
  "1.9.9",
  "1.10.0",
  "1.99999.0",
  "1.99999.99999",
  "1.100000.0",
  "1.100000.1",
  "1.1000000.0",
  "1.123456789012345.0",
  "2.0.0",
  "10.0.0",
  "99999.0.0",
  "100000.0.0",
  "999999999999999.0.0",
];

describe("versionKey", () => {
  it("keeps the key every stored version already has, for numbers of up to 5 digits", () => {
    expect(versionKey("1.10.2")).toBe("00001.00010.00002");
    expect(versionKey("99999.0.0")).toBe("99999.00000.00000");
  });

  it("sorts 1.100000.0 after 1.99999.0, and every version numerically, in byte order", () => {
    expect(versionKey("1.100000.0") > versionKey("1.99999.0")).toBe(true);
    const byKey = [...shuffled].sort((a, b) =>
      versionKey(a) < versionKey(b) ? -1 : versionKey(a) > versionKey(b) ? 1 : 0,
    );
    expect(byKey).toEqual(expected);
    expect([...shuffled].sort(compareVersions)).toEqual(expected);
  });

  it("sorts the same in a linguistic collation (punctuation ignored, digits before letters)", () => {
    const collator = new Intl.Collator("en-US", { sensitivity: "base", ignorePunctuation: true });
    expect([...shuffled].sort((a, b) => collator.compare(versionKey(a), versionKey(b)))).toEqual(
      expected,
    );
  });
});

describe("compareVersions", () => {
  it("orders by number, not by text", () => {
    expect(compareVersions("1.10.0", "1.9.9")).toBe(1);
    expect(compareVersions("2.0.0", "10.0.0")).toBe(-1);
    expect(compareVersions("1.2.3", "1.2.3")).toBe(0);
  });
});

describe("nextPatch", () => {
  it("adds one to the patch, past 9 too", () => {
    expect(nextPatch("1.1.0")).toBe("1.1.1");
    expect(nextPatch("0.3.9")).toBe("0.3.10");
  });
});

describe("isVersion", () => {
  it("takes X.Y.Z only", () => {
    expect(isVersion("1.0.0")).toBe(true);
    for (const v of ["1.0", "v1.0.0", "1.0.0-rc.1", "latest", "", undefined])
      expect(isVersion(v), String(v)).toBe(false);
  });
});
