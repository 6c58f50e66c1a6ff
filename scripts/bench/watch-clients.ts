// The client side of the watch run (scripts/bench/watch-suite.ts): thousands of watchers of
// resolved views from one process, one TCP connection each, speaking HTTP/1.1 directly on the
// socket. It is a load generator, like wrk: it shares the machine's two cores with the servers it
// measures, and node:http's client spent 0.8–1.1 s of CPU per change of 10,000 watchers here (its
// response objects, header maps and agent bookkeeping), time the servers then lacked. This one
// parses an answer's status line and the headers it needs, skips a long-poll's body by its length,
// and reads server-sent events only as far as each event's id (the view's digest). Each watcher
// keeps the last digest it received and when.
import net from "node:net";
import { performance } from "node:perf_hooks";

export interface Watcher {
  kind: "sse" | "poll";
  runtime: number;
  /** The digest of the last view received, and when it arrived (performance.now()). */
  digest: string;
  at: number;
}

/** How many watchers are being opened at once (each waits for its first view or its request sent). */
const OPENING = 200;
const HEAD_END = Buffer.from("\r\n\r\n");

/** An answer's status and the headers the watchers use. */
interface Head {
  status: number;
  etag: string | null;
  length: number | null;
  chunked: boolean;
}

function parseHead(text: string): Head {
  const lines = text.split("\r\n");
  const head: Head = {
    status: Number(lines[0]!.split(" ")[1]),
    etag: null,
    length: null,
    chunked: false,
  };
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "etag") head.etag = value;
    else if (name === "content-length") head.length = Number(value);
    else if (name === "transfer-encoding") head.chunked = value.toLowerCase().includes("chunked");
  }
  return head;
}

/**
 * A chunked body's data, fed as it arrives: `push` returns the data decoded so far, and `done`
 * tells whether the last chunk has been read.
 */
class Dechunker {
  private pending: Buffer = Buffer.alloc(0);
  /** Bytes left of the current chunk's data (then its CRLF); -1: a size line is next. */
  private left = -1;
  done = false;

  push(data: Buffer): Buffer[] {
    let buf: Buffer = this.pending.length > 0 ? Buffer.concat([this.pending, data]) : data;
    const out: Buffer[] = [];
    for (;;) {
      if (this.left < 0) {
        const eol = buf.indexOf("\r\n");
        if (eol < 0) break;
        const size = parseInt(buf.toString("latin1", 0, eol), 16);
        buf = buf.subarray(eol + 2);
        if (size === 0) {
          this.done = true;
          break;
        }
        this.left = size;
      }
      if (buf.length < this.left + 2) {
        if (buf.length > this.left) break;
        out.push(buf);
        this.left -= buf.length;
        buf = Buffer.alloc(0);
        break;
      }
      out.push(buf.subarray(0, this.left));
      buf = buf.subarray(this.left + 2);
      this.left = -1;
    }
    this.pending = buf;
    return out;
  }
}

export class WatchClient {
  readonly watchers: Watcher[] = [];
  errors = 0;
  firstError: string | null = null;
  private readonly sockets = new Set<net.Socket>();
  private readonly host: string;
  private readonly port: number;
  private stopped = false;
  private next = 0;

  /**
   * `count` watchers, the i-th watching runtime i mod paths.length (`paths` are the resolved views,
   * `digests` their current digests), SSE and long-poll alternately. `onOpen` is called once per
   * watcher: an SSE watcher when its first view arrives (the server has subscribed it by then), a
   * long-poller when its request is sent.
   */
  constructor(
    base: string,
    private readonly token: string,
    private readonly paths: string[],
    digests: string[],
    count: number,
    private readonly onOpen: () => void,
  ) {
    const url = new URL(base);
    this.host = url.hostname;
    this.port = Number(url.port || 80);
    for (let i = 0; i < count; i++) {
      const runtime = i % paths.length;
      this.watchers.push({
        kind: i % 2 === 0 ? "sse" : "poll",
        runtime,
        digest: digests[runtime]!,
        at: 0,
      });
    }
    for (let i = 0; i < OPENING; i++) this.openNext();
  }

  stop(): void {
    this.stopped = true;
    for (const s of this.sockets) s.destroy();
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

  private connect(): net.Socket {
    const socket = net.connect({ host: this.host, port: this.port, noDelay: true });
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    return socket;
  }

  private request(path: string, headers: string): string {
    return `GET ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\nauthorization: Bearer ${this.token}\r\n${headers}\r\n`;
  }

  /** A new SSE watcher is sent the current view first; one that reconnects names the view it has. */
  private sse(w: Watcher, first: boolean): void {
    if (this.stopped) return;
    let waiting = first;
    const socket = this.connect();
    let head: Head | null = null;
    let raw: Buffer = Buffer.alloc(0);
    let dechunk: Dechunker | null = null;
    let text = "";
    let failed = false;
    socket.write(
      this.request(
        `${this.paths[w.runtime]}/stream`,
        `accept: text/event-stream\r\n${first ? "" : `last-event-id: ${w.digest}\r\n`}`,
      ),
    );
    const events = (data: Buffer) => {
      text += data.toString("latin1");
      for (let end = text.indexOf("\n\n"); end >= 0; end = text.indexOf("\n\n")) {
        const event = text.slice(0, end);
        text = text.slice(end + 2);
        if (event.startsWith("id: ")) {
          this.received(w, event.slice(4, event.indexOf("\n")));
          if (waiting) {
            waiting = false;
            this.opened();
          }
        } else if (event.startsWith("event: error")) this.fail(w, event.slice(0, 300));
      }
    };
    socket.on("data", (data: Buffer) => {
      if (head === null) {
        raw = raw.length > 0 ? Buffer.concat([raw, data]) : data;
        const end = raw.indexOf(HEAD_END);
        if (end < 0) return;
        head = parseHead(raw.toString("latin1", 0, end));
        data = raw.subarray(end + 4);
        raw = Buffer.alloc(0);
        if (head.status !== 200) {
          failed = true;
          this.fail(w, `stream answered ${head.status}`);
          socket.destroy();
          return;
        }
        if (head.chunked) dechunk = new Dechunker();
      }
      if (dechunk) for (const part of dechunk.push(data)) events(part);
      else events(data);
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      if (this.stopped || failed) return;
      this.fail(w, "stream ended");
      setTimeout(() => this.sse(w, false), 1000);
    });
  }

  /**
   * A long-poll with the digest held, re-issued at once after each answer (with the new ETag), on
   * the same connection, as a runtime's HTTP client would.
   */
  private poll(w: Watcher, first: boolean): void {
    if (this.stopped) return;
    const conn = this.connect();
    let raw: Buffer = Buffer.alloc(0);
    let head: Head | null = null;
    let dechunk: Dechunker | null = null;
    let answered = 0;
    let awaiting = true;
    const send = (sent?: () => void) => {
      head = null;
      awaiting = true;
      conn.write(
        this.request(`${this.paths[w.runtime]}?wait=60`, `if-none-match: "${w.digest}"\r\n`),
        sent,
      );
    };
    const done = (h: Head) => {
      answered++;
      awaiting = false;
      if (h.status === 200 && h.etag) this.received(w, h.etag.slice(1, -1));
      else if (h.status !== 304) this.fail(w, `long-poll answered ${h.status}`);
      if (!this.stopped) send();
    };
    conn.on("data", (data: Buffer) => {
      raw = raw.length > 0 ? Buffer.concat([raw, data]) : data;
      for (;;) {
        if (head === null) {
          const end = raw.indexOf(HEAD_END);
          if (end < 0) return;
          head = parseHead(raw.toString("latin1", 0, end));
          raw = raw.subarray(end + 4);
          dechunk = head.chunked ? new Dechunker() : null;
        }
        const h: Head = head;
        if (dechunk) {
          dechunk.push(raw);
          raw = Buffer.alloc(0);
          if (!dechunk.done) return;
        } else {
          const length = h.length ?? 0;
          if (raw.length < length) return;
          raw = raw.subarray(length);
        }
        done(h);
        if (raw.length === 0) return;
      }
    });
    conn.on("error", () => {});
    conn.on("close", () => {
      if (this.stopped) return;
      // A kept-alive connection the server closed before answering the next request: send it
      // again on a new one, as Node's docs advise. Anything else is an error, retried in 1 s.
      if (awaiting && answered > 0 && raw.length === 0 && head === null) this.poll(w, false);
      else {
        this.fail(w, "long-poll connection closed");
        setTimeout(() => this.poll(w, false), 1000);
      }
    });
    // Opened once the request is on its way (the connection made).
    send(first ? () => this.opened() : undefined);
  }
}
