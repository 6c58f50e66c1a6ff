// Canonical API operations of the audit trail.
import { defineOperation } from "@/lib/api/operation";
import { orgPathParams } from "@/lib/orgs/schemas";
import { auditEventListResponse, listAuditEventsQuery } from "./schemas";

export const listAuditEventsOp = defineOperation({
  method: "GET",
  path: "/api/v1/org/{org}/audit-events",
  tag: "Audit",
  summary: "List audit events, newest first",
  auth: "required",
  scope: "org",
  permission: "audit:read",
  params: orgPathParams,
  query: listAuditEventsQuery,
  response: auditEventListResponse,
});
