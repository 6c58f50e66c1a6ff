// GET .../runtimes/{runtime_id}/capabilities/resolved/stream: the resolved view as server-sent
// events, pushed on every change (lib/runtimes/event-stream.ts).
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { resolvedStreamOp } from "@/lib/runtimes/operations";
import { eventStreamHeaders, resolvedEventStream } from "@/lib/runtimes/event-stream";
import { resolvedOf } from "@/lib/runtimes/service";

export const GET = route(resolvedStreamOp, async ({ ctx, params, req, reauthorize }) => {
  // Read before the stream starts: a missing runtime is a plain 404, not an event.
  const first = await resolvedOf(ctx, params.runtime_id);
  const body = resolvedEventStream({
    ctx,
    runtimeId: params.runtime_id,
    reauthorize,
    signal: req.signal,
    first,
    lastEventId: req.headers.get("last-event-id")?.trim() || null,
  });
  return new Response(body, { headers: eventStreamHeaders });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(resolvedStreamOp);
