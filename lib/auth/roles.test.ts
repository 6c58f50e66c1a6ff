import { describe, expect, it } from "vitest";
import { maxScopeForRole, roleRank, scopeSatisfies } from "./roles";

describe("scopes", () => {
  it("orders admin over write over read", () => {
    expect(scopeSatisfies(["admin"], "read")).toBe(true);
    expect(scopeSatisfies(["admin"], "write")).toBe(true);
    expect(scopeSatisfies(["write"], "read")).toBe(true);
    expect(scopeSatisfies(["write"], "admin")).toBe(false);
    expect(scopeSatisfies(["read"], "write")).toBe(false);
    expect(scopeSatisfies([], "read")).toBe(false);
  });

  it("caps what each role may grant", () => {
    expect(maxScopeForRole("viewer")).toBe("read");
    expect(maxScopeForRole("member")).toBe("write");
    expect(maxScopeForRole("admin")).toBe("admin");
    expect(maxScopeForRole("owner")).toBe("admin");
  });

  it("ranks roles viewer < member < admin < owner", () => {
    expect(roleRank("viewer")).toBeLessThan(roleRank("member"));
    expect(roleRank("member")).toBeLessThan(roleRank("admin"));
    expect(roleRank("admin")).toBeLessThan(roleRank("owner"));
  });
});
