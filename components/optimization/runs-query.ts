// The runs list's query string from the page's URL parameters: the same on the server (first
// paint) and in the browser (its query key), so that the first paint seeds the browser's cache.
export const PAGE_SIZE = 20;

export function runsQuery(params: URLSearchParams): string {
  const q = new URLSearchParams();
  for (const key of ["status", "target_kind", "page"]) {
    const v = params.get(key);
    if (v && !(key === "page" && v === "1")) q.set(key, v);
  }
  q.set("page_size", String(PAGE_SIZE));
  return q.toString();
}
