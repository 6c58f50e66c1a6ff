// The resolved view as server-sent events (GET .../capabilities/resolved/stream): the current view
// first (its event id is its digest), then one event per change, a comment every HEARTBEAT_MS so
// that proxies and clients know the connection lives, and a final `event: error` (the API's error
// payload) before the stream closes when the token is revoked or the runtime deleted. A client that
// reconnects with `Last-Event-ID` equal to the current digest is not sent the view it has.
// One timer per process sends the heartbeats of every stream (a stream's own wait has no deadline):
// with thousands of streams open, a timer and a turn of each stream's loop per heartbeat were most
// of what idle streams cost.
import type { WorkspaceCtx } from "@/lib/api/context";
import { errorBody, toApiError } from "@/lib/api/errors";
import { log } from "@/lib/log";
import type { resolvedOf } from "./service";
import { watchRuntime } from "./watch";

/** A stream that sent nothing for this long is sent a heartbeat (QUIVER_SSE_HEARTBEAT_MS: tests). */
const HEARTBEAT_MS = Number(process.env.QUIVER_SSE_HEARTBEAT_MS) || 15_000;
/** How often the heartbeat timer looks: a heartbeat comes HEARTBEAT_MS to HEARTBEAT_MS + this after the last event. */
const BEAT_TICK_MS = Math.max(Math.round(HEARTBEAT_MS / 15), 50);
const encoder = new TextEncoder();
const heartbeat = encoder.encode(": heartbeat\n\n");

type ResolvedView = Awaited<ReturnType<typeof resolvedOf>>;

/** The headers that keep an event stream flowing: no caching, no compression, no proxy buffering. */
export const eventStreamHeaders = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
};

/** A view's event, encoded once: the streams woken by one change share the view and its bytes. */
const encodedViews = new WeakMap<ResolvedView, Uint8Array>();
function viewEvent(view: ResolvedView): Uint8Array {
  let bytes = encodedViews.get(view);
  if (!bytes) {
    bytes = encoder.encode(
      `id: ${view.runtime_digest}\nevent: resolved\ndata: ${JSON.stringify(view)}\n\n`,
    );
    encodedViews.set(view, bytes);
  }
  return bytes;
}

interface Beat {
  /** When the stream is next due a heartbeat (epoch ms): HEARTBEAT_MS after its last event. */
  due: number;
  send: () => void;
}

/** The open streams of this process, and the one timer that sends their due heartbeats. */
const beats = new Set<Beat>();
let beatTimer: NodeJS.Timeout | null = null;

function beatDue(): void {
  const now = Date.now();
  for (const beat of beats) if (beat.due <= now) beat.send();
}

function startBeats(send: () => void): Beat {
  const beat = { due: Date.now() + HEARTBEAT_MS, send };
  beats.add(beat);
  if (!beatTimer) {
    beatTimer = setInterval(beatDue, BEAT_TICK_MS);
    beatTimer.unref();
  }
  return beat;
}

function stopBeats(beat: Beat): void {
  beats.delete(beat);
  if (beats.size > 0 || !beatTimer) return;
  clearInterval(beatTimer);
  beatTimer = null;
}

export function resolvedEventStream(args: {
  ctx: WorkspaceCtx;
  runtimeId: string;
  reauthorize: () => Promise<WorkspaceCtx>;
  signal: AbortSignal;
  /** The view read before the stream started (so a missing runtime is a plain 404). */
  first: ResolvedView;
  lastEventId: string | null;
}): ReadableStream<Uint8Array> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  args.signal.addEventListener("abort", onAbort);

  const run = async (controller: ReadableStreamDefaultController<Uint8Array>) => {
    const send = (text: string | Uint8Array) => {
      if (stop.signal.aborted) return;
      beat.due = Date.now() + HEARTBEAT_MS;
      try {
        controller.enqueue(typeof text === "string" ? encoder.encode(text) : text);
      } catch {
        stop.abort(); // the client went away
      }
    };
    const beat = startBeats(() => send(heartbeat));
    // Reconnect after a second when the connection drops (the client's own backoff may be longer).
    send("retry: 1000\n\n");
    let last = args.lastEventId;
    let view = args.first;
    const watch = await watchRuntime({ ...args, signal: stop.signal }).catch((err: unknown) => {
      send(errorEvent(err));
      return null;
    });
    try {
      while (watch && !stop.signal.aborted) {
        if (view.runtime_digest !== last) {
          send(viewEvent(view));
          last = view.runtime_digest;
        }
        const current = last;
        // No deadline: null only when the stream was stopped (the heartbeats are beatDue's).
        const digest = await watch.until((d) => d === current, Infinity);
        if (digest === null || stop.signal.aborted) break;
        view = await watch.view(digest);
      }
    } catch (err) {
      send(errorEvent(err));
    } finally {
      stopBeats(beat);
      watch?.close();
      args.signal.removeEventListener("abort", onAbort);
      closeQuietly(controller);
    }
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      void run(controller);
    },
    cancel() {
      stop.abort();
    },
  });
}

function closeQuietly(controller: ReadableStreamDefaultController<Uint8Array>): void {
  try {
    controller.close();
  } catch {
    // already closed by the client
  }
}

/** Why the stream ends, as the API's error payload (401: token revoked; 404: runtime deleted). */
function errorEvent(err: unknown): string {
  const { error, unexpected } = toApiError(err);
  if (unexpected) log.error("event stream failed", { stack: (err as Error)?.stack ?? String(err) });
  return `event: error\ndata: ${JSON.stringify(errorBody(error, "canonical"))}\n\n`;
}
