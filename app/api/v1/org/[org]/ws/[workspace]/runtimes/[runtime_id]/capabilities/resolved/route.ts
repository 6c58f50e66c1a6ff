// GET .../runtimes/{runtime_id}/capabilities/resolved: what the runtime should load. The ETag is
// the stored combined digest, so a poll with a current If-None-Match reads one row and gets 304.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { resolvedOp } from "@/lib/runtimes/operations";
import { resolvedDigestOf, resolvedOf } from "@/lib/runtimes/service";

/** Whether an If-None-Match header names this entity tag (weak or strong, or `*`). */
function matches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((t) => {
    const tag = t.trim().replace(/^W\//, "");
    return tag === "*" || tag === etag;
  });
}

export const GET = route(resolvedOp, async ({ ctx, params, req }) => {
  const ifNoneMatch = req.headers.get("if-none-match");
  if (ifNoneMatch) {
    const etag = `"${await resolvedDigestOf(ctx, params.runtime_id)}"`;
    if (matches(ifNoneMatch, etag)) return new Response(null, { status: 304, headers: { etag } });
  }
  const resolved = await resolvedOf(ctx, params.runtime_id);
  return Response.json(resolved, { headers: { etag: `"${resolved.runtime_digest}"` } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(resolvedOp);
