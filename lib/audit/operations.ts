// Canonical API operations of the audit trail (admins and owners only).
import { defineOperation } from "@/lib/api/operation";
import { orgPathParams } from "@/lib/orgs/schemas";
import { auditEventListResponse, exportAuditEventsQuery, listAuditEventsQuery } from "./schemas";

export const listAuditEventsOp = defineOperation({
  method: "GET",
  path: "/api/v1/org/{org}/audit-events",
  tag: "Audit",
  summary: "List audit events, newest first",
  description:
    "Cursor pages: pass the `next_cursor` of a page as `cursor` to read the next one. Filters (actor, action, target type, dates) and the search combine.",
  auth: "required",
  scope: "org",
  permission: "audit:read",
  params: orgPathParams,
  query: listAuditEventsQuery,
  response: auditEventListResponse,
});

export const exportAuditEventsOp = defineOperation({
  method: "GET",
  path: "/api/v1/org/{org}/audit-events/export",
  tag: "Audit",
  summary: "Export the audit events a filter selects, as CSV or JSON",
  description:
    "A download (`Content-Disposition: attachment`), newest first: CSV (cells that a spreadsheet would run as a formula start with `'`) or a JSON array of AuditEvent. At most 100,000 events: a larger selection is a 422 that gives the count.",
  auth: "required",
  scope: "org",
  permission: "audit:read",
  params: orgPathParams,
  query: exportAuditEventsQuery,
});
