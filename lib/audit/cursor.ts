// The audit log's cursor: the last event of a page as (createdAt, id), opaque to callers
// (base64url), decoded and checked before any query. Newest first, so the next page holds the
// events strictly before it in that order.
import { ApiError } from "@/lib/api/errors";

export interface AuditCursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(c: AuditCursor): string {
  return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`, "utf8").toString("base64url");
}

const invalid = () =>
  new ApiError(
    "validation",
    "The cursor is not one this API gave out; start again from the first page",
    {
      errors: [{ loc: ["query", "cursor"], msg: "invalid cursor", type: "invalid_cursor" }],
    },
  );

/** The cursor's position, or a 422 naming `cursor` when it was not made by encodeCursor. */
export function decodeCursor(raw: string): AuditCursor {
  const text = Buffer.from(raw, "base64url").toString("utf8");
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9A-Za-z-]{1,64})$/.exec(text);
  if (!m) throw invalid();
  const createdAt = new Date(m[1]!);
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== m[1]) throw invalid();
  return { createdAt, id: m[2]! };
}
