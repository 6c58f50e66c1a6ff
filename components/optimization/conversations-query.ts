// The run page's conversation table in the URL: its filters (variant, persona, scenario, a score
// range on one metric), sort, page size, page and the open conversation, so that a view of the
// conversations can be shared as a link. Parameters start with `c_` so that they never meet the
// page's other state. Pure: the component and its unit test share it.
export const CONVERSATION_PAGE_SIZES = [10, 25, 50] as const;
const DEFAULT_SIZE = 25;
const METRICS = ["task_completion", "quality", "sentiment"] as const;
type ConversationMetric = (typeof METRICS)[number];
const SORTABLE = ["variant", "persona", "scenario", ...METRICS] as const;
export type ConversationColumn = (typeof SORTABLE)[number];

export interface ConversationView {
  variant: string;
  persona: string;
  scenario: string;
  metric: ConversationMetric;
  min: number | null;
  max: number | null;
  sort: { column: ConversationColumn; desc: boolean } | null;
  size: number;
  page: number;
  open: string | null;
}

const score = (v: string | null): number | null => {
  if (v === null || v.trim() === "") return null;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : null;
};
const positive = (v: string | null, fallback: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
};

/** The view a URL asks for; anything malformed falls back to the default, never to an error. */
export function conversationView(params: URLSearchParams): ConversationView {
  const metric = params.get("c_metric");
  const sort = params.get("c_sort") ?? "";
  const column = sort.replace(/^-/, "");
  const size = Number(params.get("c_size"));
  let [min, max] = [score(params.get("c_min")), score(params.get("c_max"))];
  if (min !== null && max !== null && min > max) [min, max] = [max, min];
  return {
    variant: params.get("c_variant") ?? "",
    persona: params.get("c_persona") ?? "",
    scenario: params.get("c_scenario") ?? "",
    metric: METRICS.includes(metric as ConversationMetric)
      ? (metric as ConversationMetric)
      : "task_completion",
    min,
    max,
    sort: SORTABLE.includes(column as ConversationColumn)
      ? { column: column as ConversationColumn, desc: sort.startsWith("-") }
      : null,
    size: (CONVERSATION_PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_SIZE,
    page: positive(params.get("c_page"), 1),
    open: params.get("c_open"),
  };
}

/** The cells API's query for a view (the open conversation is the page's, not the API's). */
export function cellsFilter(v: ConversationView) {
  const ranged = v.min !== null || v.max !== null;
  return {
    variant: v.variant || undefined,
    persona: v.persona || undefined,
    scenario: v.scenario || undefined,
    metric: ranged ? v.metric : undefined,
    min_score: v.min ?? undefined,
    max_score: v.max ?? undefined,
    sort: v.sort ? `${v.sort.desc ? "-" : ""}${v.sort.column}` : undefined,
    page: v.page,
    limit: v.size,
  };
}

/** The next sort when a column's heading is clicked: ascending, then descending, then none. */
export function nextSort(current: ConversationView["sort"], column: ConversationColumn): string {
  if (current?.column !== column) return column;
  return current.desc ? "" : `-${column}`;
}

/**
 * The page's URL parameters after changing the view: `""` clears a parameter; any change but the
 * page or the open conversation starts again at page 1 and closes the open one.
 */
export function withConversationParams(
  params: URLSearchParams,
  changes: Record<string, string>,
): URLSearchParams {
  const next = new URLSearchParams(params.toString());
  for (const [key, value] of Object.entries(changes)) {
    if (value) next.set(`c_${key}`, value);
    else next.delete(`c_${key}`);
  }
  if (Object.keys(changes).some((k) => k !== "page" && k !== "open")) {
    next.delete("c_page");
    if (!("open" in changes)) next.delete("c_open");
  }
  return next;
}
