// The two watch routes, GET .../runtimes/{runtime_id}/capabilities/resolved (the view, and with
// `?wait=N` its long-poll) and GET .../resolved/stream (server-sent events): one implementation
// for both of their ways in. The app route files re-export them for Next.js (`next dev`, tests),
// and the server's front door (lib/api/front-door.ts) calls them directly, outside Next.js's
// request path, since a watcher's cost there is mostly Next.js's own per-request machinery.
// The route wrapper is the same either way: authorization, rate limits, request ids, the error
// envelope and the security headers do not depend on which door a request came through.
import { route } from "@/lib/api/route";
import { textResponse } from "@/lib/api/whole-body";
import { resolvedOp, resolvedStreamOp } from "./operations";
import { eventStreamHeaders, resolvedEventStream } from "./event-stream";
import { resolvedDigestOf, type resolvedOf } from "./service";
import { sharedView, watchRuntime } from "./watch";

/** Whether an If-None-Match header names this entity tag (weak or strong, or `*`). */
function matches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((t) => {
    const tag = t.trim().replace(/^W\//, "");
    return tag === "*" || tag === etag;
  });
}

const etagOf = (digest: string) => `"${digest}"`;

type ResolvedView = Awaited<ReturnType<typeof resolvedOf>>;

/** A view's JSON, made once: the thousands of long-polls one change wakes share the view. */
const viewJson = new WeakMap<ResolvedView, string>();

function viewResponse(req: Request, view: ResolvedView): Response {
  let json = viewJson.get(view);
  if (json === undefined) {
    json = JSON.stringify(view);
    viewJson.set(view, json);
  }
  return textResponse(req, json, {
    headers: { "content-type": "application/json", etag: etagOf(view.runtime_digest) },
  });
}

/**
 * GET .../capabilities/resolved: what the runtime should load. The ETag is the stored combined
 * digest, so a poll with a current If-None-Match reads one row and gets 304. With `?wait=N` such a
 * poll is held until the digest changes or N seconds pass (./watch.ts).
 */
export const getResolved = route(resolvedOp, async ({ ctx, params, query, req, reauthorize }) => {
  const ifNoneMatch = req.headers.get("if-none-match");
  const current = (digest: string) => matches(ifNoneMatch, etagOf(digest));
  if (ifNoneMatch && query.wait) {
    // Subscribed before the watch's first read of the digest (a 404 for a missing runtime), so
    // no change slips between; a digest that is not current answers at once.
    const watch = await watchRuntime({
      ctx,
      runtimeId: params.runtime_id,
      reauthorize,
      signal: req.signal,
    });
    try {
      const changed = await watch.until(current, Date.now() + query.wait * 1000);
      // The deadline passed (or the client went away, perhaps before the first read).
      if (changed === null)
        return new Response(null, {
          status: 304,
          headers: watch.digest === null ? {} : { etag: etagOf(watch.digest) },
        });
      // Watches woken by the same change share the read of the new view, and its JSON.
      return viewResponse(req, await watch.view(changed));
    } finally {
      watch.close();
    }
  }
  // The digest first (one indexed read, a 404 for a missing runtime), then the view at it, which
  // this runtime's watches and polls share.
  const digest = await resolvedDigestOf(ctx, params.runtime_id);
  if (current(digest))
    return new Response(null, { status: 304, headers: { etag: etagOf(digest) } });
  return viewResponse(req, await sharedView(ctx, params.runtime_id, digest));
});

/** GET .../capabilities/resolved/stream: the resolved view as server-sent events (./event-stream.ts). */
export const getResolvedStream = route(
  resolvedStreamOp,
  async ({ ctx, params, req, reauthorize }) => {
    // Read before the stream starts: a missing runtime is a plain 404, not an event.
    const first = await sharedView(
      ctx,
      params.runtime_id,
      await resolvedDigestOf(ctx, params.runtime_id),
    );
    const body = resolvedEventStream({
      ctx,
      runtimeId: params.runtime_id,
      reauthorize,
      signal: req.signal,
      first,
      lastEventId: req.headers.get("last-event-id")?.trim() || null,
    });
    return new Response(body, { headers: eventStreamHeaders });
  },
);
