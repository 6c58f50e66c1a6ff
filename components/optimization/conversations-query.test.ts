// The conversation table's URL state: what a URL asks for (malformed values fall back), the cells
// query it sends, the sort cycle of a heading, and what a change does to the rest of the URL.
import { describe, expect, it } from "vitest";
import { jobCellsQuery } from "@/lib/optimization/cell-schemas";
import {
  cellsFilter,
  conversationView,
  nextSort,
  withConversationParams,
} from "./conversations-query";

const p = (s: string) => new URLSearchParams(s);
const asQuery = (f: ReturnType<typeof cellsFilter>) =>
  Object.fromEntries(
    Object.entries(f)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );

describe("conversationView", () => {
  it("reads the filters, range, sort, size, page and open conversation", () => {
    const v = conversationView(
      p(
        "c_variant=b&c_persona=Newcomer&c_scenario=s2&c_metric=quality&c_min=40&c_max=70&c_sort=-quality&c_size=50&c_page=3&c_open=abc",
      ),
    );
    expect(v).toEqual({
      variant: "b",
      persona: "Newcomer",
      scenario: "s2",
      metric: "quality",
      min: 40,
      max: 70,
      sort: { column: "quality", desc: true },
      size: 50,
      page: 3,
      open: "abc",
    });
  });

  it("falls back to the defaults for malformed values, and swaps a range given upside down", () => {
    const v = conversationView(
      p("c_metric=speed&c_min=abc&c_max=101&c_sort=transcript&c_size=7&c_page=-2"),
    );
    expect(v).toMatchObject({
      metric: "task_completion",
      min: null,
      max: null,
      sort: null,
      size: 25,
      page: 1,
    });
    expect(conversationView(p("c_min=80&c_max=20"))).toMatchObject({ min: 20, max: 80 });
  });
});

describe("cellsFilter", () => {
  it("sends the metric only with a range, and queries the API accepts", () => {
    const plain = cellsFilter(conversationView(p("c_metric=quality")));
    expect(plain.metric).toBeUndefined();
    expect(jobCellsQuery.safeParse(asQuery(plain)).success).toBe(true);
    const ranged = cellsFilter(
      conversationView(p("c_metric=sentiment&c_min=10&c_max=5&c_sort=persona&c_variant=b")),
    );
    expect(ranged).toMatchObject({
      metric: "sentiment",
      min_score: 5,
      max_score: 10,
      sort: "persona",
      variant: "b",
      limit: 25,
    });
    expect(jobCellsQuery.safeParse(asQuery(ranged)).success).toBe(true);
  });
});

describe("nextSort", () => {
  it("cycles a column ascending, descending, then off; another column starts ascending", () => {
    expect(nextSort(null, "quality")).toBe("quality");
    expect(nextSort({ column: "quality", desc: false }, "quality")).toBe("-quality");
    expect(nextSort({ column: "quality", desc: true }, "quality")).toBe("");
    expect(nextSort({ column: "quality", desc: true }, "persona")).toBe("persona");
  });
});

describe("withConversationParams", () => {
  it("starts again at page 1 and closes the open conversation on a new filter", () => {
    const next = withConversationParams(p("tab=x&c_page=3&c_open=abc&c_persona=A"), {
      variant: "b",
    });
    expect(next.toString()).toBe("tab=x&c_persona=A&c_variant=b");
  });

  it("keeps the filters when the page or the open conversation changes, and clears on empty", () => {
    expect(withConversationParams(p("c_variant=b&c_page=2"), { page: "3" }).toString()).toBe(
      "c_variant=b&c_page=3",
    );
    expect(
      withConversationParams(p("c_variant=b&c_page=2&c_open=x"), { open: "" }).toString(),
    ).toBe("c_variant=b&c_page=2");
  });
});
