// The client side of the watch run (scripts/bench/watch-suite.ts): thousands of watchers of
// resolved views from one process, on raw node:http with one socket each. Server-sent events are
// parsed only as far as each event's id (the view's digest); a long-poll's new digest is its ETag,
// its body is not parsed. Each watcher keeps the last digest it received and when.
import http from "node:http";
import { performance } from "node:perf_hooks";

export interface Watcher {
  kind: "sse" | "poll";
  runtime: number;
  /** The digest of the last view received, and when it arrived (performance.now()). */
  digest: string;
  at: number;
  req: http.ClientRequest | null;
}

/** How many watchers are being opened at once (each waits for its first view or its request sent). */
const OPENING = 200;

export class WatchClient {
  readonly watchers: Watcher[] = [];
  errors = 0;
  firstError: string | null = null;
  private readonly agent = new http.Agent({
    keepAlive: true,
    maxSockets: Infinity,
    maxFreeSockets: Infinity,
  });
  private stopped = false;
  private next = 0;

  /**
   * `count` watchers, the i-th watching runtime i mod paths.length (`paths` are the resolved views,
   * `digests` their current digests), SSE and long-poll alternately. `onOpen` is called once per
   * watcher: an SSE watcher when its first view arrives (the server has subscribed it by then), a
   * long-poller when its request is sent.
   */
  constructor(
    private readonly base: string,
    private readonly token: string,
    private readonly paths: string[],
    digests: string[],
    count: number,
    private readonly onOpen: () => void,
  ) {
    for (let i = 0; i < count; i++) {
      const runtime = i % paths.length;
      this.watchers.push({
        kind: i % 2 === 0 ? "sse" : "poll",
        runtime,
        digest: digests[runtime]!,
        at: 0,
        req: null,
      });
    }
    for (let i = 0; i < OPENING; i++) this.openNext();
  }

  stop(): void {
    this.stopped = true;
    for (const w of this.watchers) w.req?.destroy();
    this.agent.destroy();
  }

  private openNext(): void {
    if (this.stopped || this.next >= this.watchers.length) return;
    const w = this.watchers[this.next++]!;
    if (w.kind === "sse") this.sse(w, true);
    else this.poll(w, true);
  }

  private opened(): void {
    this.onOpen();
    this.openNext();
  }

  private fail(w: Watcher, why: string): void {
    if (this.stopped) return;
    this.errors++;
    this.firstError ??= `${w.kind} watcher of runtime ${w.runtime}: ${why}`;
  }

  private received(w: Watcher, digest: string): void {
    if (digest === w.digest) return;
    w.digest = digest;
    w.at = performance.now();
  }

  private retry(w: Watcher, err: Error, again: () => void): void {
    if (this.stopped) return;
    this.fail(w, err.message);
    setTimeout(again, 1000);
  }

  /** A new SSE watcher is sent the current view first; one that reconnects names the view it has. */
  private sse(w: Watcher, first: boolean): void {
    if (this.stopped) return;
    let waiting = first;
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.token}`,
      accept: "text/event-stream",
    };
    if (!first) headers["last-event-id"] = w.digest;
    const req = http.get(
      new URL(`${this.paths[w.runtime]}/stream`, this.base),
      { agent: this.agent, headers },
      (res) => {
        if (res.statusCode !== 200) {
          this.fail(w, `stream answered ${res.statusCode}`);
          res.resume();
          return;
        }
        res.setEncoding("utf8");
        let buf = "";
        res.on("data", (chunk: string) => {
          buf += chunk;
          for (let end = buf.indexOf("\n\n"); end >= 0; end = buf.indexOf("\n\n")) {
            const event = buf.slice(0, end);
            buf = buf.slice(end + 2);
            if (event.startsWith("id: ")) {
              this.received(w, event.slice(4, event.indexOf("\n")));
              if (waiting) {
                waiting = false;
                this.opened();
              }
            } else if (event.startsWith("event: error")) this.fail(w, event.slice(0, 300));
          }
        });
        res.on("end", () => this.retry(w, new Error("stream ended"), () => this.sse(w, false)));
      },
    );
    req.on("error", (err) => this.retry(w, err, () => this.sse(w, false)));
    w.req = req;
  }

  /** A long-poll with the digest held, re-issued at once after each answer (with the new ETag). */
  private poll(w: Watcher, first: boolean): void {
    if (this.stopped) return;
    const req = http.get(
      new URL(`${this.paths[w.runtime]}?wait=60`, this.base),
      {
        agent: this.agent,
        headers: { authorization: `Bearer ${this.token}`, "if-none-match": `"${w.digest}"` },
      },
      (res) => {
        const etag = res.headers.etag;
        res.resume();
        res.on("end", () => {
          if (res.statusCode === 200 && etag) this.received(w, etag.slice(1, -1));
          else if (res.statusCode !== 304) this.fail(w, `long-poll answered ${res.statusCode}`);
          // On the same connection, as a runtime's HTTP client would: Node's agent frees the socket
          // for reuse only after the response's 'end' listeners have run (in a process.nextTick),
          // so a request made here would open a new connection, and the old one would idle until
          // the server's keep-alive timeout closed it: two sockets per re-issued long-poll.
          if (!this.stopped) setImmediate(() => this.poll(w, false));
        });
      },
    );
    req.on("error", (err: NodeJS.ErrnoException) => {
      // A kept-alive socket the server closed as it was reused: send again, as Node's docs advise.
      if (req.reusedSocket && err.code === "ECONNRESET") this.poll(w, false);
      else this.retry(w, err, () => this.poll(w, false));
    });
    if (first) req.on("finish", () => this.opened());
    w.req = req;
  }
}
