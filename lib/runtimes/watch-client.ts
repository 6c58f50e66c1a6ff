// The CLI side of `runtime watch`: follows a runtime's resolved view over server-sent events
// (GET .../capabilities/resolved/stream), reconnecting with exponential backoff and resuming with
// Last-Event-ID, so a view already printed is not printed again. Ends when the server says the
// watch is over for good (token revoked: 401, runtime deleted: 404) or the signal aborts.

export interface WatchClientOptions {
  url: string;
  token: string;
  org: string;
  workspace: string;
  runtimeId: string;
  /** Each new resolved view, as the server sent it. */
  onView: (view: { runtime_digest: string } & Record<string, unknown>) => void;
  /** Connection news for a human: connected, lost, retrying. */
  onStatus?: (message: string) => void;
  signal?: AbortSignal;
  /** First and largest wait between reconnections, in ms. */
  backoff?: { min: number; max: number };
}

/** Why the watch ended for good. */
export class WatchEnded extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

interface SseEvent {
  event: string;
  id: string | null;
  data: string;
}

/** Server-sent events from a body, per the WHATWG parsing rules that matter here. */
async function* events(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let ev: SseEvent = { event: "message", id: null, data: "" };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + (buffer.startsWith("\r\n", nl) ? 2 : 1));
      if (line === "") {
        if (ev.data !== "" || ev.event !== "message")
          yield { ...ev, data: ev.data.replace(/\n$/, "") };
        ev = { event: "message", id: ev.id, data: "" };
        continue;
      }
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const val = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") ev.event = val;
      else if (field === "data") ev.data += `${val}\n`;
      else if (field === "id") ev.id = val;
    }
  }
}

const FINAL = new Set([400, 401, 403, 404, 422]);

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });

/** Follows the stream until it ends for good (throws WatchEnded) or `signal` aborts (returns). */
export async function watchResolved(opts: WatchClientOptions): Promise<void> {
  const { min, max } = opts.backoff ?? { min: 1_000, max: 30_000 };
  const path = `/api/v1/org/${encodeURIComponent(opts.org)}/ws/${encodeURIComponent(opts.workspace)}/runtimes/${encodeURIComponent(opts.runtimeId)}/capabilities/resolved/stream`;
  let lastId: string | null = null;
  let backoff = min;
  while (!opts.signal?.aborted) {
    try {
      const res: Response = await fetch(new URL(path, opts.url), {
        headers: {
          authorization: `Bearer ${opts.token}`,
          accept: "text/event-stream",
          "x-quiver-client": "cli",
          ...(lastId ? { "last-event-id": lastId } : {}),
        },
        signal: opts.signal,
      });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => ({}))) as { detail?: string };
        const why = body.detail ?? `HTTP ${res.status}`;
        if (FINAL.has(res.status)) throw new WatchEnded(why, res.status);
        throw new Error(why);
      }
      opts.onStatus?.(lastId ? `reconnected (after ${lastId.slice(0, 12)})` : "connected");
      backoff = min;
      for await (const ev of events(res.body)) {
        if (ev.event === "resolved") {
          lastId = ev.id;
          opts.onView(JSON.parse(ev.data) as Parameters<WatchClientOptions["onView"]>[0]);
        } else if (ev.event === "error") {
          const body = JSON.parse(ev.data) as { code?: number; detail?: string };
          throw new WatchEnded(body.detail ?? "the server ended the watch", body.code ?? 500);
        }
      }
      opts.onStatus?.("the server closed the stream");
    } catch (err) {
      if (err instanceof WatchEnded) throw err;
      if (opts.signal?.aborted) return;
      opts.onStatus?.(`connection lost (${(err as Error).message})`);
    }
    // Jitter spreads a fleet's reconnections after a server restart.
    const wait = Math.round(backoff * (0.5 + Math.random() / 2));
    opts.onStatus?.(`retrying in ${(wait / 1000).toFixed(1)} s`);
    await sleep(wait, opts.signal);
    backoff = Math.min(backoff * 2, max);
  }
}
