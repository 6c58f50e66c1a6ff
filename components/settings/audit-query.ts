// The audit log's URL state: its filters and search live in the page's URL (a view can be shared
// as a link); the API's query string (list and export) derives from them. Cursor pages are not
// part of the URL: "Show older events" appends to the view.
export const AUDIT_PAGE_SIZE = 50;

const auditFilterKeys = ["actor", "action", "target_type", "from", "to", "q"] as const;
export type AuditFilterKey = (typeof auditFilterKeys)[number];

/** The filters the URL sets, in a fixed order (the query key and the export link). */
export function auditQuery(params: URLSearchParams): string {
  const q = new URLSearchParams();
  for (const key of auditFilterKeys) {
    const v = params.get(key)?.trim();
    if (v) q.set(key, v);
  }
  return q.toString();
}

/** The page's URL parameters after setting one filter; "" clears it. */
export function withAuditParam(
  params: URLSearchParams,
  key: AuditFilterKey,
  value: string,
): URLSearchParams {
  const next = new URLSearchParams(params.toString());
  if (value) next.set(key, value);
  else next.delete(key);
  return next;
}

export const hasAuditFilter = (params: URLSearchParams): boolean =>
  auditFilterKeys.some((k) => Boolean(params.get(k)?.trim()));
