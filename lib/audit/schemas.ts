// API shapes of the audit trail.
import { z } from "zod";
import { paginationMeta, paginationQuery } from "@/lib/api/schemas";

export const listAuditEventsQuery = paginationQuery;

export const auditEvent = z
  .object({
    id: z.string(),
    action: z.string().meta({ description: "What happened, e.g. `token.create`" }),
    actor: z.object({
      type: z.enum(["user", "token", "system"]),
      id: z.string().nullable(),
      label: z.string(),
    }),
    target: z.object({ type: z.string(), id: z.string().nullable() }),
    org: z.string().meta({ description: "Organization slug" }),
    workspace_id: z.string().nullable(),
    request_id: z.string().nullable(),
    summary: z.record(z.string(), z.unknown()).nullable(),
    created_at: z.string(),
  })
  .meta({ id: "AuditEvent" });

export const auditEventListResponse = z
  .object({ audit_events: z.array(auditEvent), ...paginationMeta })
  .meta({ id: "AuditEventListResponse" });
