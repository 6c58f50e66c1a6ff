// GET /api/v1/org/{org}/audit-events/export?format=csv|json&…the list's filters
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { exportAuditEventsOp } from "@/lib/audit/operations";
import { exportAuditEvents } from "@/lib/audit/export";

export const GET = route(exportAuditEventsOp, ({ ctx, query }) =>
  exportAuditEvents(ctx, query, query.format),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(exportAuditEventsOp);
