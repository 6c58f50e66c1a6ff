// API shapes of the audit trail: the event, the audit log's filters, its cursor pages and export.
import { z } from "zod";
import { auditActions, auditTargetTypes } from "./actions";

/** An event as stored (a runtime's history shows these); the audit log's adds names and words. */
export const auditEvent = z.object({
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
});

const day = z.iso.date();
const instant = z.iso.datetime({ offset: true });
const when = (edge: string) =>
  z
    .union([day, instant])
    .optional()
    .meta({
      description: `${edge}: a date (YYYY-MM-DD, UTC, the whole day) or a date-time with its offset`,
    });

/** The audit log's selection, shared by the list and the export. */
export const auditFilterQuery = z.object({
  actor: z
    .string()
    .regex(/^(system|[0-9A-Za-z-]{1,64})$/)
    .optional()
    .meta({
      description:
        "A user's id (what they did, in person or with their API tokens), or `system` (the built-in executor)",
    }),
  action: z.enum(auditActions).optional(),
  target_type: z.enum(auditTargetTypes).optional(),
  from: when("Events at or after"),
  to: when("Events at or before"),
  q: z.string().trim().max(200).optional().meta({
    description:
      "Search: the actor, the action, the summary's values and the names of the targets (case-insensitive)",
  }),
});

export const listAuditEventsQuery = auditFilterQuery.extend({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional()
    .meta({ description: "`next_cursor` of the previous page; absent for the first page" }),
});

export const exportAuditEventsQuery = auditFilterQuery.extend({
  format: z.enum(["csv", "json"]).default("csv"),
});

const auditChange = z.object({
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

export const auditLogEvent = auditEvent
  .extend({
    action_label: z.string().meta({ description: "The action in words" }),
    target: z.object({
      type: z.string(),
      id: z.string().nullable(),
      name: z
        .string()
        .nullable()
        .meta({ description: "The target's name; a deleted target's as the event recorded it" }),
      label: z
        .string()
        .meta({ description: 'What changed in words, e.g. "prompt support-reply v3"' }),
      url: z.string().nullable().meta({ description: "The dashboard page of the target, if any" }),
      deleted: z.boolean().meta({ description: "The target no longer exists" }),
    }),
    changes: z
      .array(auditChange)
      .meta({ description: "Before and after, for the events that change a value" }),
  })
  .meta({ id: "AuditEvent" });

export const auditEventListResponse = z
  .object({
    audit_events: z.array(auditLogEvent),
    limit: z.number().int(),
    has_next: z.boolean(),
    next_cursor: z.string().nullable(),
  })
  .meta({ id: "AuditEventListResponse" });
