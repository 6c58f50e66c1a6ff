// Between Node's HTTP server and Web route handlers, for the routes the front door serves itself
// (./front-door.ts): a Web Request made from the Node request, whose signal aborts when the client
// goes away, and a Web Response written to the Node response: a one-chunk body in one write with
// its length, a longer stream (an export, server-sent events) chunk by chunk as it comes, each
// gzipped as Next.js's compression would (sendResponse).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Writable } from "node:stream";
import { promisify } from "node:util";
import zlib from "node:zlib";
import compressible from "compressible";
import Negotiator from "negotiator";
import { log } from "@/lib/log";
import { errorBody, toApiError } from "./errors";
import { apiSecurityHeaders } from "@/lib/security/headers";
import { markFrontDoorRequest, wholeBodyOf } from "./whole-body";

/** The reason a front-door request's signal gives when its client went away. */
const CLIENT_GONE = Object.freeze(new Error("The client closed the connection"));

/**
 * What route() and the watch handlers read of a request: its method, absolute URL, headers and
 * signal. The front door serves only GET and HEAD routes without a body, so this is all of a Web
 * Request they use; undici's own Request (URL parsing, a second signal following the first) was
 * a large share of each re-issued long-poll's CPU and garbage.
 */
class FrontDoorRequest {
  private abort: AbortController | null = null;
  private gone = false;

  constructor(
    readonly method: string,
    readonly url: string,
    readonly headers: Headers,
  ) {}

  /**
   * Made when first asked for (only the watch routes ask): an AbortSignal costs a few percent of a
   * trivial request's CPU. Already aborted when the client went away before.
   */
  get signal(): AbortSignal {
    if (!this.abort) {
      this.abort = new AbortController();
      if (this.gone) this.abort.abort(CLIENT_GONE);
    }
    return this.abort.signal;
  }

  /** The connection closed before the answer was complete. */
  clientGone(): void {
    this.gone = true;
    this.abort?.abort(CLIENT_GONE);
  }
}

/**
 * The request as a Web Request's readable parts (absolute URL from the Host header, the same
 * headers, a signal aborted when the connection closes before the answer was sent); null when the
 * headers are ones a Web Request refuses.
 */
export function toWebRequest(req: IncomingMessage, res: ServerResponse): Request | null {
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || name.startsWith(":")) continue;
      if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      else headers.set(name, value);
    }
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`).href;
    const request = new FrontDoorRequest(req.method ?? "GET", url, headers);
    markFrontDoorRequest(request);
    // Not after a complete answer (nothing waits any more), and with a reason made once: an
    // abort's default reason is a new DOMException with a stack trace, per request.
    res.once("close", () => {
      if (!res.writableFinished) request.clientGone();
    });
    return request as unknown as Request;
  } catch {
    return null;
  }
}

/** The response's headers for writeHead: Set-Cookie as its list, every other one as is. */
type NodeHeaders = Record<string, string | string[]>;

function nodeHeaders(answer: Response): NodeHeaders {
  const out: NodeHeaders = {};
  answer.headers.forEach((value, name) => {
    if (name !== "set-cookie") out[name] = value;
  });
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) out["set-cookie"] = cookies;
  return out;
}

const isEventStream = (answer: Response) =>
  answer.headers.get("content-type")?.startsWith("text/event-stream") ?? false;

/** Bodies smaller than this are sent as they are (the threshold of Next.js's compression). */
const GZIP_THRESHOLD = 1024;

/**
 * Whether the answer is one Next.js would gzip: a compressible type, not marked no-transform,
 * not already encoded, to a client that accepts gzip. Decided per answer, as Next.js's
 * `compression` does, and with the same `Vary: Accept-Encoding` on every compressible answer.
 */
function gzipWanted(req: IncomingMessage, answer: Response, headers: NodeHeaders): boolean {
  const type = answer.headers.get("content-type");
  if (!type || !compressible(type.split(";")[0]!.trim())) return false;
  headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : "Accept-Encoding";
  if (answer.headers.has("content-encoding")) return false;
  if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(answer.headers.get("cache-control") ?? ""))
    return false;
  return acceptsGzip(req.headers["accept-encoding"]);
}

/** Accept-Encoding values seen, and whether gzip is the one to use: clients send few distinct ones. */
const gzipByAccept = new Map<string, boolean>();

function acceptsGzip(accept: string | undefined): boolean {
  if (!accept) return false; // no header: identity (a watch's thousands of answers skip the parse)
  let gzip = gzipByAccept.get(accept);
  if (gzip === undefined) {
    gzip =
      new Negotiator({ headers: { "accept-encoding": accept } }).encodings([
        "gzip",
        "identity",
      ])[0] === "gzip";
    if (gzipByAccept.size >= 100) gzipByAccept.clear();
    gzipByAccept.set(accept, gzip);
  }
  return gzip;
}

/**
 * Writes the handler's answer; a handler that throws (route() never does) is a 500 envelope.
 * A body of one chunk (any JSON or text answer) goes in one write with its length, gzipped from
 * 1 KB when the client accepts it; a longer stream (an export, server-sent events) is copied as
 * it comes, gzipped on the way when it is compressible (an event stream is no-transform).
 */
export async function sendResponse(
  pending: Promise<Response>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let answer: Response;
  try {
    answer = await pending;
  } catch (err) {
    const { error } = toApiError(err);
    log.error("front door handler failed", { stack: (err as Error)?.stack ?? String(err) });
    answer = Response.json(errorBody(error, "canonical"), {
      status: error.status,
      headers: { "cache-control": "no-store", ...apiSecurityHeaders },
    });
  }
  if (res.destroyed) {
    void answer.body?.cancel().catch(() => {});
    return;
  }
  const headers = nodeHeaders(answer);
  const whole = wholeBodyOf(answer);
  if (whole !== undefined && req.method !== "HEAD") {
    await sendWhole(req, res, answer, headers, Buffer.from(whole));
    return;
  }
  if (!answer.body || req.method === "HEAD") {
    void answer.body?.cancel().catch(() => {});
    res.writeHead(answer.status, headers).end();
    return;
  }
  const gzip = gzipWanted(req, answer, headers);
  const reader = answer.body.getReader();
  if (isEventStream(answer)) {
    res.writeHead(answer.status, headers);
    res.flushHeaders();
    await pipe(reader, res);
    return;
  }
  const first = await reader.read();
  const second = first.done ? first : await reader.read();
  if (second.done) {
    const body = first.done
      ? Buffer.alloc(0)
      : Buffer.from(first.value.buffer, first.value.byteOffset, first.value.byteLength);
    await sendWhole(req, res, answer, headers, body, gzip);
    return;
  }
  if (gzip) headers["content-encoding"] = "gzip";
  res.writeHead(answer.status, headers);
  const out = gzip ? gzipTo(res) : res;
  out.write(first.value);
  out.write(second.value);
  await pipe(reader, out);
}

/** A whole body in one write with its length, gzipped from GZIP_THRESHOLD when `gzip`. */
async function sendWhole(
  req: IncomingMessage,
  res: ServerResponse,
  answer: Response,
  headers: NodeHeaders,
  body: Buffer,
  gzip = gzipWanted(req, answer, headers),
): Promise<void> {
  if (gzip && body.length >= GZIP_THRESHOLD) {
    body = await gzipped(body);
    headers["content-encoding"] = "gzip";
  }
  headers["content-length"] = String(body.length);
  if (!res.destroyed) res.writeHead(answer.status, headers).end(body);
}

const gzipped = promisify(zlib.gzip);

/** A gzip stream into the response, ended with it; the response's close destroys it. */
function gzipTo(res: ServerResponse): Writable {
  const gz = zlib.createGzip();
  gz.pipe(res);
  gz.on("error", () => res.destroy());
  res.once("close", () => gz.destroy());
  return gz;
}

/** Copies the stream to `out` as it comes, waiting when the client reads slower. */
async function pipe(reader: ReadableStreamDefaultReader<Uint8Array>, out: Writable): Promise<void> {
  const gone = () => void reader.cancel().catch(() => {});
  out.once("close", gone);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done || out.destroyed) break;
      if (!out.write(value)) await drained(out);
    }
  } catch {
    // the stream failed or was cancelled: end what was sent
  } finally {
    out.off("close", gone);
    if (!out.destroyed) out.end();
  }
}

function drained(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off("drain", done);
      out.off("close", done);
      resolve();
    };
    out.on("drain", done);
    out.on("close", done);
  });
}
