// Between Node's HTTP server and Web route handlers, for the routes the front door serves itself
// (./front-door.ts): a Web Request made from the Node request, whose signal aborts when the client
// goes away, and a Web Response written to the Node response, a stream chunk by chunk as it comes
// (server-sent events), anything else in one write with its length.
import type { IncomingMessage, ServerResponse } from "node:http";
import { log } from "@/lib/log";
import { errorBody, toApiError } from "./errors";
import { apiSecurityHeaders } from "@/lib/security/headers";

/** The reason a front-door request's signal gives when its client went away. */
const CLIENT_GONE = Object.freeze(new Error("The client closed the connection"));

/**
 * What route() and the watch handlers read of a request: its method, absolute URL, headers and
 * signal. The front door serves only GET and HEAD routes without a body, so this is all of a Web
 * Request they use; undici's own Request (URL parsing, a second signal following the first) was
 * a large share of each re-issued long-poll's CPU and garbage.
 */
class FrontDoorRequest {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly headers: Headers,
    readonly signal: AbortSignal,
  ) {}
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
    const abort = new AbortController();
    // Not after a complete answer (nothing waits any more), and with a reason made once: an
    // abort's default reason is a new DOMException with a stack trace, per request.
    res.once("close", () => {
      if (!res.writableFinished) abort.abort(CLIENT_GONE);
    });
    return new FrontDoorRequest(
      req.method ?? "GET",
      url,
      headers,
      abort.signal,
    ) as unknown as Request;
  } catch {
    return null;
  }
}

/** The response's headers for writeHead: Set-Cookie as its list, every other one as is. */
function nodeHeaders(answer: Response): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  answer.headers.forEach((value, name) => {
    if (name !== "set-cookie") out[name] = value;
  });
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) out["set-cookie"] = cookies;
  return out;
}

const isStream = (answer: Response) =>
  answer.headers.get("content-type")?.startsWith("text/event-stream") ?? false;

/** Writes the handler's answer; a handler that throws (route() never does) is a 500 envelope. */
export async function sendResponse(
  pending: Promise<Response>,
  head: boolean,
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
  if (!answer.body || head) {
    void answer.body?.cancel().catch(() => {});
    res.writeHead(answer.status, headers).end();
    return;
  }
  if (!isStream(answer)) {
    const body = Buffer.from(await answer.arrayBuffer());
    headers["content-length"] = String(body.length);
    res.writeHead(answer.status, headers).end(body);
    return;
  }
  res.writeHead(answer.status, headers);
  res.flushHeaders();
  await pipe(answer.body, res);
}

/** Copies the stream to the response as it comes, waiting when the client reads slower. */
async function pipe(body: ReadableStream<Uint8Array>, res: ServerResponse): Promise<void> {
  const reader = body.getReader();
  const gone = () => void reader.cancel().catch(() => {});
  res.once("close", gone);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done || res.destroyed) break;
      if (!res.write(value)) await drained(res);
    }
  } catch {
    // the stream failed or was cancelled: end what was sent
  } finally {
    res.off("close", gone);
    if (!res.destroyed) res.end();
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
