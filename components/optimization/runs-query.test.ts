// The runs list's URL state: which filters reach the API, and what a filter change does to the URL.
import { describe, expect, it } from "vitest";
import { jobListQuery } from "@/lib/optimization/schemas";
import { PAGE_SIZE, isFiltered, runsQuery, withRunsParam } from "./runs-query";

const p = (s: string) => new URLSearchParams(s);

describe("runsQuery", () => {
  it("sends the filters and the page, and a fixed page size", () => {
    expect(runsQuery(p("status=running&target_kind=prompt&page=3"))).toBe(
      `status=running&target_kind=prompt&page=3&page_size=${PAGE_SIZE}`,
    );
  });

  it("is the same for the same view, however the URL spells it (page 1, other parameters)", () => {
    const plain = runsQuery(p("status=failed"));
    expect(runsQuery(p("page=1&status=failed"))).toBe(plain);
    expect(runsQuery(p("status=failed&tab=x&page_size=100"))).toBe(plain);
    expect(runsQuery(p(""))).toBe(`page_size=${PAGE_SIZE}`);
  });

  it("sends the search, executor, verdict and archived filters, trimmed, in a fixed order", () => {
    expect(
      runsQuery(p("archived=include&verdict=winner&executor=builtin&search=%20refunds%20")),
    ).toBe(
      `search=refunds&executor=builtin&verdict=winner&archived=include&page_size=${PAGE_SIZE}`,
    );
    expect(runsQuery(p("search=%20%20"))).toBe(`page_size=${PAGE_SIZE}`);
  });

  it("makes queries the API accepts", () => {
    for (const s of [
      "",
      "status=completed&page=2",
      "target_kind=capability_agent",
      "search=support&executor=external&verdict=original_won&archived=include",
      "sort=oldest&page=2",
      "sort=name",
    ])
      expect(jobListQuery.safeParse(Object.fromEntries(p(runsQuery(p(s))))).success, s).toBe(true);
  });
});

describe("isFiltered", () => {
  it("is true for a search or a filter, not for the page or showing archived runs", () => {
    expect(isFiltered(p("search=x"))).toBe(true);
    expect(isFiltered(p("verdict=winner"))).toBe(true);
    expect(isFiltered(p("page=2&archived=include&sort=name"))).toBe(false);
    expect(isFiltered(p("search=%20"))).toBe(false);
  });
});

describe("withRunsParam", () => {
  it("sets a filter and starts again at page 1, keeping the other filters", () => {
    const next = withRunsParam(p("status=running&page=4"), "target_kind", "prompt");
    expect(next.toString()).toBe("status=running&target_kind=prompt");
  });

  it("keeps the sort in the URL between the filters and the page, and a new sort starts at page 1", () => {
    expect(runsQuery(p("page=2&sort=oldest&status=failed"))).toBe(
      `status=failed&sort=oldest&page=2&page_size=${PAGE_SIZE}`,
    );
    expect(withRunsParam(p("status=failed&page=3"), "sort", "name").toString()).toBe(
      "status=failed&sort=name",
    );
    expect(withRunsParam(p("sort=name&page=3"), "page", "4").toString()).toBe("sort=name&page=4");
  });

  it("clears a filter given an empty value", () => {
    expect(withRunsParam(p("status=running&target_kind=prompt"), "status", "").toString()).toBe(
      "target_kind=prompt",
    );
  });

  it("changes the page without touching the filters, and leaves the given params alone", () => {
    const given = p("status=failed&page=2");
    expect(withRunsParam(given, "page", "3").toString()).toBe("status=failed&page=3");
    expect(given.toString()).toBe("status=failed&page=2");
  });
});
