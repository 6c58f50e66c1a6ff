"use client";
// Settings → Audit log: who changed what in the org, newest first. Filters and search live in the
// URL; older events load a cursor page at a time; the export downloads the same selection.
import { usePathname, useSearchParams } from "next/navigation";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/card";
import { DataTable } from "@/components/ui/table";
import type { ApiClientError } from "@/lib/api/client";
import { AuditEventRow } from "./audit-event-row";
import { AuditFilters } from "./audit-filters";
import {
  AUDIT_PAGE_SIZE,
  auditQuery,
  hasAuditFilter,
  withAuditParam,
  type AuditFilterKey,
} from "./audit-query";
import { useAuditEvents } from "./hooks";

function AuditError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const status = (error as Partial<ApiClientError>).status;
  if (status === 403)
    return (
      <EmptyState title="Admins only">
        The audit log is visible to admins and owners of this organization.
      </EmptyState>
    );
  if (status === 422)
    return (
      <ErrorState
        message={`These filters are not valid: ${error.message}. Change or clear them.`}
        onRetry={onRetry}
      />
    );
  return (
    <ErrorState message={`Could not load the audit log: ${error.message}`} onRetry={onRetry} />
  );
}

export function AuditLog({ org }: { org: string }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const query = auditQuery(params);
  const events = useAuditEvents(org, query, AUDIT_PAGE_SIZE);
  const filtered = hasAuditFilter(params);

  // The history's own replaceState: the URL changes at once (Next.js follows it), so a filter
  // picked right after "Clear filters" builds on the cleared URL, not on the last render's.
  const go = (next: URLSearchParams) =>
    window.history.replaceState(null, "", `${pathname}${next.size ? `?${next}` : ""}`);
  const update = (key: AuditFilterKey, value: string) =>
    go(withAuditParam(new URLSearchParams(window.location.search), key, value));

  const rows = events.data?.pages.flatMap((p) => p.audit_events) ?? [];
  let body;
  if (events.isPending) body = <LoadingRows rows={5} />;
  else if (events.isError)
    body = <AuditError error={events.error} onRetry={() => void events.refetch()} />;
  else if (rows.length === 0)
    body = filtered ? (
      <EmptyState title="No events match">
        Nothing recorded matches these filters. Widen the dates or clear the filters.
      </EmptyState>
    ) : (
      <EmptyState title="No events yet">Changes in this organization are recorded here.</EmptyState>
    );
  else
    body = (
      <>
        <DataTable label="Audit log" columns={["When", "Who", "What", "Target", "Changes"]}>
          {rows.map((e) => (
            <AuditEventRow key={e.id} event={e} />
          ))}
        </DataTable>
        <div className="flex items-center justify-between text-sm text-slate-600">
          <span aria-live="polite">
            {rows.length} {rows.length === 1 ? "event" : "events"} shown
            {events.hasNextPage ? ", older ones follow" : ", the oldest included"}
          </span>
          {events.hasNextPage ? (
            <Button
              variant="secondary"
              disabled={events.isFetchingNextPage}
              onClick={() => void events.fetchNextPage()}
            >
              {events.isFetchingNextPage ? "Loading…" : "Show older events"}
            </Button>
          ) : null}
        </div>
      </>
    );

  return (
    <div className="space-y-4">
      <AuditFilters
        org={org}
        params={params}
        query={query}
        onChange={update}
        onClear={() => go(new URLSearchParams())}
      />
      {body}
    </div>
  );
}
