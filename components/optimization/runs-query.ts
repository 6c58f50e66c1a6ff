// The runs list's URL state: its search, filters, sort and page live in the page's URL (a view can be
// shared as a link), and the API query string derives from them the same way on the server (first
// paint) and in the browser (its query key), so that the first paint seeds the browser's cache.
export const PAGE_SIZE = 20;

/** The page's parameters the API takes as they are, in the order of the query string. */
const KEYS = ["search", "status", "executor", "verdict", "target_kind", "archived", "sort", "page"];

export function runsQuery(params: URLSearchParams): string {
  const q = new URLSearchParams();
  for (const key of KEYS) {
    const v = params.get(key)?.trim();
    if (v && !(key === "page" && v === "1")) q.set(key, v);
  }
  q.set("page_size", String(PAGE_SIZE));
  return q.toString();
}

/** Whether the view narrows the runs (an empty list then says "no match", not "no runs yet"). */
export const isFiltered = (params: URLSearchParams) =>
  KEYS.some((k) => !["page", "archived", "sort"].includes(k) && params.get(k)?.trim());

/** The page's URL parameters after setting a filter, the sort or the page; "" clears it. A new filter or sort starts again at page 1. */
export function withRunsParam(
  params: URLSearchParams,
  key: string,
  value: string,
): URLSearchParams {
  const next = new URLSearchParams(params.toString());
  if (value) next.set(key, value);
  else next.delete(key);
  if (key !== "page") next.delete("page");
  return next;
}
