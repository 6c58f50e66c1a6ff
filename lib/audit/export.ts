// The audit log's export: what the filter selects, as CSV or JSON, streamed a chunk of events at a
// time (each chunk one cursor query and one query per target type), never held in memory whole.
// Bounded: a selection over EXPORT_MAX events is refused up front, with the count, so that the
// caller narrows it instead of waiting for a file nobody opens.
import "server-only";
import { create as contentDisposition } from "content-disposition";
import type { OrgCtx } from "@/lib/api/context";
import type { Prisma } from "@/lib/db/types";
import { ApiError } from "@/lib/api/errors";
import { log } from "@/lib/log";
import { auditChanges, fieldLabel, formatValue } from "./changes";
import { csvRow } from "./csv";
import { encodeCursor, type AuditCursor } from "./cursor";
import { auditWhere, type AuditFilter } from "./filters";
import { toAuditLogEvent } from "./serializers";
import { beforeCursor, newestFirst } from "./list";
import { resolveTargets } from "./targets";

const EXPORT_MAX = 100_000;
const CHUNK = 500;

type LogEvent = ReturnType<typeof toAuditLogEvent>;

const CSV_COLUMNS = [
  "created_at",
  "actor",
  "actor_type",
  "action",
  "action_label",
  "target",
  "target_name",
  "target_type",
  "target_id",
  "target_deleted",
  "changes",
  "details",
  "workspace_id",
  "request_id",
  "id",
];

function csvLine(e: LogEvent): string {
  const { details } = auditChanges(e.action, e.summary);
  return csvRow([
    e.created_at,
    e.actor.label,
    e.actor.type,
    e.action,
    e.action_label,
    e.target.label,
    e.target.name ?? "",
    e.target.type,
    e.target.id ?? "",
    e.target.deleted ? "yes" : "no",
    e.changes
      .map((c) => `${fieldLabel(c.field)}: ${formatValue(c.before)} → ${formatValue(c.after)}`)
      .join("; "),
    details.map(([k, v]) => `${fieldLabel(k)}: ${formatValue(v)}`).join("; "),
    e.workspace_id ?? "",
    e.request_id ?? "",
    e.id,
  ]);
}

/** The events of `where`, newest first, a chunk at a time as the reader asks for more. */
function eventStream(
  ctx: OrgCtx,
  where: Prisma.AuditEventWhereInput,
  format: "csv" | "json",
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: AuditCursor | null = null;
  let sep = "\n";
  let done = false;
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (format === "csv") controller.enqueue(encoder.encode(csvRow(CSV_COLUMNS)));
      else controller.enqueue(encoder.encode("["));
    },
    async pull(controller) {
      if (done) return;
      try {
        const rows = await ctx.db.auditEvent.findMany({
          where: cursor ? { AND: [where, beforeCursor(cursor)] } : where,
          orderBy: newestFirst,
          take: Math.min(CHUNK, EXPORT_MAX - sent),
        });
        sent += rows.length;
        const targets = await resolveTargets(ctx, rows);
        const events = rows.map((r) => toAuditLogEvent(r, ctx.org.slug, targets.get(r.id)!));
        let text = "";
        for (const e of events) {
          if (format === "csv") text += csvLine(e);
          else [text, sep] = [`${text}${sep}${JSON.stringify(e)}`, ",\n"];
        }
        controller.enqueue(encoder.encode(text));
        cursor = rows.length ? rows[rows.length - 1]! : cursor;
        if (rows.length < CHUNK || sent >= EXPORT_MAX) {
          done = true;
          if (format === "json") controller.enqueue(encoder.encode("\n]\n"));
          controller.close();
        }
      } catch (err) {
        log.error("audit export failed", {
          requestId: ctx.requestId,
          cursor: cursor ? encodeCursor(cursor) : null,
          error: (err as Error).message,
        });
        controller.error(err);
      }
    },
  });
}

/** The filter's events as a streamed download, or a 422 when they are more than EXPORT_MAX. */
export async function exportAuditEvents(
  ctx: OrgCtx,
  f: AuditFilter,
  format: "csv" | "json",
  max = EXPORT_MAX,
): Promise<Response> {
  const where = await auditWhere(ctx, f);
  const total = await ctx.db.auditEvent.count({ where });
  if (total > max)
    throw new ApiError(
      "validation",
      `The filter selects ${total.toLocaleString("en-US")} events; an export holds at most ${max.toLocaleString("en-US")}. Narrow the dates or add a filter.`,
      { errors: [{ loc: ["query"], msg: "selection too large to export", type: "too_large" }] },
    );
  const stream = eventStream(ctx, where, format);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json",
      "content-disposition": contentDisposition(`audit-log-${ctx.org.slug}-${day}.${format}`),
      "cache-control": "no-store",
      "x-audit-event-count": String(total),
    },
  });
}
