// Writing a Web Response to Node's HTTP response (lib/api/node-response.ts), on a real server:
// a one-chunk body with its length, gzipped from 1 KB for clients that accept gzip (as Next.js's
// compression does), a stream chunk by chunk (gzipped when compressible, never an event stream),
// HEAD without a body, and a handler that throws answered with the 500 envelope. And the Web
// request made from Node's (toWebRequest): its parts, and a signal aborted only when the client
// goes away before the answer is complete, made when first asked for.
import {
  createServer,
  request,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendResponse, toWebRequest } from "./node-response";
import { jsonResponse, textResponse } from "./whole-body";
import { apiErrorPayload } from "./schemas";

let answer: () => Promise<Response>;
let port = 0;
const server = createServer((req, res) => void sendResponse(answer(), req, res));

beforeAll(() => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve)));
beforeAll(() => {
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

function get(headers: Record<string, string> = {}, method = "GET", at = port) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      const req = request({ host: "127.0.0.1", port: at, path: "/", method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      });
      req.on("error", reject);
      req.end();
    },
  );
}

const json = (size: number) => JSON.stringify({ text: "x".repeat(size) });
const gzip = { "accept-encoding": "gzip, deflate" };

/** A body of several chunks, as an export streams it. */
const chunked = (parts: string[], type: string) => () =>
  Promise.resolve(
    new Response(
      new ReadableStream<Uint8Array>({
        async pull(controller) {
          const next = parts.shift();
          if (next === undefined) return controller.close();
          await new Promise((r) => setTimeout(r, 5));
          controller.enqueue(new TextEncoder().encode(next));
        },
      }),
      { headers: { "content-type": type } },
    ),
  );

describe("sendResponse", () => {
  it("sends a one-chunk body with its length, gzipped from 1 KB when gzip is accepted", async () => {
    answer = () => Promise.resolve(Response.json(JSON.parse(json(4000)), { status: 201 }));
    const zipped = await get(gzip);
    expect(zipped.status).toBe(201);
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toBe("Accept-Encoding");
    expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
    expect(zipped.body.length).toBeLessThan(1000);
    expect(gunzipSync(zipped.body).toString()).toBe(json(4000));

    const plain = await get();
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toBe("Accept-Encoding");
    expect(plain.body.toString()).toBe(json(4000));
    expect(Number(plain.headers["content-length"])).toBe(plain.body.length);
  });

  it("does not gzip below 1 KB, refused gzip, no-transform, encoded or incompressible answers", async () => {
    answer = () => Promise.resolve(Response.json(JSON.parse(json(100))));
    expect((await get(gzip)).headers["content-encoding"]).toBeUndefined();
    answer = () => Promise.resolve(Response.json(JSON.parse(json(4000))));
    for (const refused of ["identity", "gzip;q=0", "br", "*;q=0"])
      expect(
        (await get({ "accept-encoding": refused })).headers["content-encoding"],
        refused,
      ).toBeUndefined();
    expect((await get({ "accept-encoding": "*" })).headers["content-encoding"]).toBe("gzip");
    answer = () =>
      Promise.resolve(
        Response.json(JSON.parse(json(4000)), { headers: { "cache-control": "no-transform" } }),
      );
    expect((await get(gzip)).headers["content-encoding"]).toBeUndefined();
    answer = () =>
      Promise.resolve(new Response("y".repeat(4000), { headers: { "content-type": "image/png" } }));
    const png = await get(gzip);
    expect(png.headers["content-encoding"]).toBeUndefined();
    expect(png.headers.vary).toBeUndefined();
    expect(png.body.toString()).toBe("y".repeat(4000));
  });

  it("streams a longer body chunk by chunk, gzipped when compressible", async () => {
    const parts = ["id,action\n", "1,created\n", "2,deleted\n", "3,renamed\n"];
    answer = chunked([...parts], "text/csv; charset=utf-8");
    const zipped = await get(gzip);
    expect(zipped.headers["transfer-encoding"]).toBe("chunked");
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(zipped.body).toString()).toBe(parts.join(""));
    answer = chunked([...parts], "text/csv; charset=utf-8");
    const plain = await get();
    expect(plain.headers["content-length"]).toBeUndefined();
    expect(plain.body.toString()).toBe(parts.join(""));
  });

  it("never gzips an event stream, and sends its first event before the stream ends", async () => {
    const parts = ["retry: 1000\n\n", "event: a\ndata: 1\n\n"];
    answer = chunked([...parts], "text/event-stream; charset=utf-8");
    const res = await get(gzip);
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.body.toString()).toBe(parts.join(""));
  });

  it("answers HEAD with the headers and no body", async () => {
    answer = () =>
      Promise.resolve(Response.json(JSON.parse(json(4000)), { headers: { etag: '"e"' } }));
    const res = await get(gzip, "HEAD");
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"e"');
    expect(res.body.length).toBe(0);
  });

  it("answers a handler that throws with the 500 envelope", async () => {
    answer = () => Promise.reject(new Error("boom"));
    const res = await get();
    expect(res.status).toBe(500);
    expect(res.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(apiErrorPayload.parse(JSON.parse(res.body.toString())).code).toBe(500);
  });
});

/** A server of its own whose handler gets the front door's Web request; `run` is given its port. */
async function withServer(
  handle: (web: Request, res: ServerResponse, req: IncomingMessage) => void,
  run: (port: number) => Promise<void>,
) {
  const s = createServer((req, res) => handle(toWebRequest(req, res)!, res, req));
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  try {
    await run((s.address() as AddressInfo).port);
  } finally {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
}

describe("toWebRequest", () => {
  it("gives the method, absolute URL and headers, and a signal that a complete answer never aborts", async () => {
    let seen: Request | null = null;
    await withServer(
      (web, res) => {
        seen = web;
        expect(web.signal.aborted).toBe(false);
        res.end("ok");
      },
      async (p) => {
        const res = await fetch(`http://127.0.0.1:${p}/`, { headers: { "x-one": "1" } });
        expect(res.status).toBe(200);
        expect(await res.text()).toBe("ok");
      },
    );
    const web = seen! as Request;
    expect(web.method).toBe("GET");
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(web.headers.get("x-one")).toBe("1");
    await new Promise((r) => setTimeout(r, 50));
    expect(web.signal.aborted).toBe(false);
  });

  it("aborts the signal when the client goes away first, whether it was asked for before or after", async () => {
    const early: AbortSignal[] = [];
    const webs: Request[] = [];
    await withServer(
      (web) => {
        webs.push(web);
        if (webs.length === 1) early.push(web.signal); // asked for at once; the other only later
      },
      async (p) => {
        for (let i = 0; i < 2; i++) {
          const req = request({ host: "127.0.0.1", port: p, path: "/" });
          req.on("error", () => {});
          req.end();
          while (webs.length <= i) await new Promise((r) => setTimeout(r, 10));
          req.destroy();
        }
        await new Promise((r) => setTimeout(r, 100));
      },
    );
    expect(early[0]!.aborted).toBe(true);
    expect(early[0]!.reason).toBeInstanceOf(Error);
    expect(webs[1]!.signal.aborted).toBe(true);
    expect(webs[1]!.signal.reason).toBe(early[0]!.reason);
  });
});

describe("whole bodies (./whole-body.ts)", () => {
  it("makes a front-door request's JSON answer without a stream, and writes it as Response.json's would be", async () => {
    const data = { text: "x".repeat(2000), n: 1 };
    const made: Response[] = [];
    await withServer(
      (web, res, req) => {
        const answer = jsonResponse(web, data, { status: 201, headers: { "x-one": "1" } });
        made.push(answer);
        void sendResponse(Promise.resolve(answer), req, res);
      },
      async (p) => {
        const plain = await get({}, "GET", p);
        expect(plain.status).toBe(201);
        expect(plain.headers["content-type"]).toBe("application/json");
        expect(plain.headers["x-one"]).toBe("1");
        expect(plain.headers["content-length"]).toBe(String(plain.body.length));
        expect(JSON.parse(plain.body.toString())).toEqual(data);
        const zipped = await get(gzip, "GET", p);
        expect(zipped.headers["content-encoding"]).toBe("gzip");
        expect(JSON.parse(gunzipSync(zipped.body).toString())).toEqual(data);
        const head = await get({}, "HEAD", p);
        expect(head.status).toBe(201);
        expect(head.body.length).toBe(0);
      },
    );
    // No Web stream was made for them.
    expect(made.map((m) => m.body)).toEqual([null, null, null]);
  });

  it("gives a request the front door did not make an ordinary Response", async () => {
    const answer = jsonResponse(new Request("http://localhost/"), { a: 1 }, { status: 200 });
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(await answer.json()).toEqual({ a: 1 });
    expect(textResponse(new Request("http://localhost/"), "hi", {}).body).not.toBeNull();
  });
});
