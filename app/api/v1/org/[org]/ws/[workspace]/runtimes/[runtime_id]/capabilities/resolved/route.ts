// GET .../runtimes/{runtime_id}/capabilities/resolved: what the runtime should load. The ETag is
// the stored combined digest, so a poll with a current If-None-Match reads one row and gets 304.
// With `?wait=N` such a poll is held until the digest changes or N seconds pass (lib/runtimes/watch.ts).
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { resolvedOp } from "@/lib/runtimes/operations";
import { resolvedDigestOf, resolvedOf } from "@/lib/runtimes/service";
import { watchRuntime } from "@/lib/runtimes/watch";

/** Whether an If-None-Match header names this entity tag (weak or strong, or `*`). */
function matches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((t) => {
    const tag = t.trim().replace(/^W\//, "");
    return tag === "*" || tag === etag;
  });
}

const etagOf = (digest: string) => `"${digest}"`;

export const GET = route(resolvedOp, async ({ ctx, params, query, req, reauthorize }) => {
  const ifNoneMatch = req.headers.get("if-none-match");
  if (ifNoneMatch) {
    const current = (digest: string) => matches(ifNoneMatch, etagOf(digest));
    const digest = await resolvedDigestOf(ctx, params.runtime_id);
    if (current(digest) && query.wait) {
      const watch = await watchRuntime({
        ctx,
        runtimeId: params.runtime_id,
        reauthorize,
        signal: req.signal,
      });
      try {
        const changed = await watch.until(current, Date.now() + query.wait * 1000);
        if (changed === null)
          return new Response(null, { status: 304, headers: { etag: etagOf(digest) } });
        // Watches woken by the same change share the read of the new view.
        const resolved = await watch.view(changed);
        return Response.json(resolved, { headers: { etag: etagOf(resolved.runtime_digest) } });
      } finally {
        watch.close();
      }
    }
    if (current(digest))
      return new Response(null, { status: 304, headers: { etag: etagOf(digest) } });
  }
  const resolved = await resolvedOf(ctx, params.runtime_id);
  return Response.json(resolved, { headers: { etag: etagOf(resolved.runtime_digest) } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(resolvedOp);
