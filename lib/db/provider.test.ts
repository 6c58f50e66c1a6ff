// The provider seam: which database a URL names, and that only the chosen version of a step runs.
import { describe, expect, it } from "vitest";
import { byProvider, isDatabaseUrl, providerOf } from "./provider";

describe("providerOf", () => {
  it("names SQLite for file: URLs and PostgreSQL for postgres:// and postgresql:// URLs", () => {
    expect(providerOf("file:./data/quiver.db")).toBe("sqlite");
    expect(providerOf("postgresql://u@host:5432/quiver")).toBe("postgresql");
    expect(providerOf("postgres://u@host/quiver")).toBe("postgresql");
  });

  it("refuses any other URL, and isDatabaseUrl agrees", () => {
    for (const url of ["mysql://host/db", "./data/quiver.db", "postgresql:/nohost", ""]) {
      expect(isDatabaseUrl(url)).toBe(false);
      expect(() => providerOf(url)).toThrow(/file: or postgresql:\/\//);
    }
    expect(isDatabaseUrl("file:x.db")).toBe(true);
  });
});

describe("byProvider", () => {
  it("runs the version of the client's provider and only that one", () => {
    const calls: string[] = [];
    const versions = {
      sqlite: () => (calls.push("sqlite"), 1),
      postgresql: () => (calls.push("postgresql"), 2),
    };
    expect(byProvider({ provider: "postgresql" }, versions)).toBe(2);
    expect(byProvider("sqlite", versions)).toBe(1);
    expect(calls).toEqual(["postgresql", "sqlite"]);
  });
});
