"use client";
// Settings → Audit log: every change in the org, newest first, paginated.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, EmptyState, ErrorState, LoadingRows } from "@/components/ui/card";
import { formatDate } from "@/components/ui/format";
import { DataTable } from "@/components/ui/table";
import { useAuditEvents } from "./hooks";

/** Long hex digests read as their first 12 characters. */
function shorten(v: string): string {
  return /^[0-9a-f]{40,}$/.test(v) ? `${v.slice(0, 12)}…` : v;
}

/** A summary value as text: lists joined, objects (say, flag overrides) as `key=value`. */
function valueText(v: unknown): string {
  if (Array.isArray(v)) return v.length ? v.map(valueText).join(", ") : "none";
  if (v && typeof v === "object") {
    const entries = Object.entries(v);
    return entries.length ? entries.map(([k, x]) => `${k}=${valueText(x)}`).join(", ") : "none";
  }
  return shorten(String(v));
}

function summaryText(summary: Record<string, unknown> | null): string {
  if (!summary) return "";
  return Object.entries(summary)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}: ${valueText(v)}`)
    .join(" · ");
}

export function AuditLog({ org }: { org: string }) {
  const [page, setPage] = useState(1);
  const events = useAuditEvents(org, page);
  if (events.isPending) return <LoadingRows rows={5} />;
  if (events.isError) {
    const forbidden = (events.error as { status?: number }).status === 403;
    return forbidden ? (
      <EmptyState title="Admins only">
        The audit log is visible to admins and owners of this organization.
      </EmptyState>
    ) : (
      <ErrorState
        message={`Could not load the audit log: ${events.error.message}`}
        onRetry={() => events.refetch()}
      />
    );
  }
  const data = events.data;
  if (data.total === 0)
    return (
      <EmptyState title="No events yet">Changes in this organization are recorded here.</EmptyState>
    );
  return (
    <div className="space-y-4">
      <DataTable columns={["When", "Action", "Actor", "Details"]}>
        {data.audit_events.map((e) => (
          <tr key={e.id}>
            <td className="whitespace-nowrap px-4 py-2 text-slate-600">
              {formatDate(e.created_at)}
            </td>
            <td className="px-4 py-2">
              <Badge tone="indigo">{e.action}</Badge>
            </td>
            <td className="px-4 py-2 text-slate-800">{e.actor.label}</td>
            <td className="max-w-md break-words px-4 py-2 text-slate-600">
              {summaryText(e.summary)}
            </td>
          </tr>
        ))}
      </DataTable>
      <div className="flex items-center justify-between text-sm text-slate-600">
        <span>
          Page {data.page} of {data.total_pages} · {data.total}{" "}
          {data.total === 1 ? "event" : "events"}
        </span>
        <div className="flex gap-2">
          <Button
            variant="secondary"
            disabled={!data.has_previous}
            onClick={() => setPage((p) => p - 1)}
          >
            Previous
          </Button>
          <Button
            variant="secondary"
            disabled={!data.has_next}
            onClick={() => setPage((p) => p + 1)}
          >
            Next
          </Button>
        </div>
      </div>
    </div>
  );
}
