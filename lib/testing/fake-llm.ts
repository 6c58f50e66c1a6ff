// A fake OpenAI-compatible model provider for tests: a real node:http server on 127.0.0.1 that
// serves POST /v1/chat/completions with answers a test scripts (content, error statuses with
// Retry-After, raw bodies, delays, hangs) and records every request it receives.
import http, { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeReply {
  /** The assistant's text, wrapped in a chat.completion; "ok" when neither content nor rawBody is given. */
  content?: string;
  /** HTTP status, default 200. A status >= 400 without rawBody answers an OpenAI error body. */
  status?: number;
  /** The message of the OpenAI error body (`{error:{message}}`) for a status >= 400. */
  error?: string;
  headers?: Record<string, string>;
  /** Sent as-is instead of a completion or error body. */
  rawBody?: string;
  delayMs?: number;
  /** Never answer; the socket stays open until the client gives up or the fake is closed. */
  hang?: boolean;
  usage?: { prompt_tokens: number; completion_tokens: number };
}

interface FakeRequest {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary request fields
  body: any;
  headers: Record<string, string | undefined>;
  /** 0 for the first chat completion request this fake received. */
  index: number;
}

export type FakeHandler = (req: FakeRequest) => FakeReply | Promise<FakeReply>;

interface RecordedRequest extends FakeRequest {
  method: string;
  path: string;
  /** Date.now() when the request arrived. */
  time: number;
}

export interface FakeLlm {
  /** The API root to use as baseUrl, e.g. http://127.0.0.1:PORT/v1. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  setHandler(handler: FakeHandler): void;
  close(): Promise<void>;
  /** Chat completion requests being served right now, and the most at once so far. */
  readonly inFlight: number;
  readonly maxInFlight: number;
}

const FAKE_MODEL = "fake-model";

/** The default handler: every call answers "ok". */
const echoOk: FakeHandler = () => ({ content: "ok" });

/** Ready-made handlers and replies for scripting faults. */
export const faults = {
  /** Serves the listed replies for the first calls (counted from when it is installed), then delegates. */
  sequence(replies: FakeReply[], then: FakeHandler = echoOk): FakeHandler {
    let served = 0;
    return (req) => (served < replies.length ? replies[served++]! : then(req));
  },
  always(reply: FakeReply): FakeHandler {
    return () => reply;
  },
  /** A 429, with Retry-After when given (seconds or an HTTP-date). */
  rateLimited(retryAfter?: number | string): FakeReply {
    return {
      status: 429,
      error: "Rate limit reached for requests",
      headers: retryAfter === undefined ? undefined : { "retry-after": String(retryAfter) },
    };
  },
  serverError(
    status = 500,
    error = "The server had an error while processing your request",
  ): FakeReply {
    return { status, error };
  },
  error(status: number, error: string): FakeReply {
    return { status, error };
  },
  hang(): FakeReply {
    return { hang: true };
  },
};

export async function startFakeLlm(handler: FakeHandler = echoOk): Promise<FakeLlm> {
  let current = handler;
  let chatCount = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let closed: Promise<void> | undefined;
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const method = req.method ?? "GET";
    const path = (req.url ?? "/").split("?")[0]!;
    if (method === "GET" && path === "/v1/models") {
      return send(
        res,
        200,
        {},
        JSON.stringify({
          object: "list",
          data: [{ id: FAKE_MODEL, object: "model", created: 0, owned_by: "quiver-tests" }],
        }),
      );
    }
    if (method !== "POST" || path !== "/v1/chat/completions") {
      return send(res, 404, {}, errorBody(404, `No route for ${method} ${path}`));
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return send(res, 400, {}, errorBody(400, "The request body is not valid JSON."));
    }
    const headers = flattenHeaders(req.headers);
    const index = chatCount++;
    requests.push({ index, method, path, body, headers, time: Date.now() });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on("close", () => inFlight--); // after the answer, or when the client goes away

    let reply: FakeReply;
    try {
      reply = await current({ body, headers, index });
    } catch (err) {
      reply = {
        status: 500,
        error: `The fake handler threw: ${err instanceof Error ? err.message : String(err)}`,
      };
    }
    if (reply.hang) return;
    if (reply.delayMs) await wait(reply.delayMs);
    if (res.destroyed || res.writableEnded) return;
    const status = reply.status ?? 200;
    const model =
      typeof (body as { model?: unknown }).model === "string"
        ? (body as { model: string }).model
        : FAKE_MODEL;
    const payload =
      reply.rawBody ??
      (status >= 400
        ? errorBody(status, reply.error)
        : JSON.stringify(completion(model, reply.content ?? "ok", reply.usage)));
    send(res, status, reply.headers ?? {}, payload);
  }

  const server = http.createServer((req, res) => {
    serve(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    setHandler(h) {
      current = h;
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections(); // including hanging and keep-alive sockets
      });
      return closed;
    },
  };
}

function completion(model: string, content: string, usage: FakeReply["usage"]) {
  const u = usage ?? { prompt_tokens: 10, completion_tokens: 5 };
  return {
    id: `chatcmpl-fake-${Math.random().toString(36).slice(2, 10)}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: { ...u, total_tokens: u.prompt_tokens + u.completion_tokens },
  };
}

function errorBody(status: number, message?: string): string {
  const type =
    status === 401 || status === 403
      ? "authentication_error"
      : status === 429
        ? "rate_limit_exceeded"
        : status >= 500
          ? "server_error"
          : "invalid_request_error";
  return JSON.stringify({
    error: { message: message ?? STATUS_CODES[status] ?? "Error", type, param: null, code: null },
  });
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  payload: string,
): void {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  res.writeHead(status, { "content-type": "application/json", ...lower });
  res.end(payload);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function flattenHeaders(headers: IncomingMessage["headers"]): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : v]),
  );
}
