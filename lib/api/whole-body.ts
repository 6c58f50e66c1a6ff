// Answers whose whole body is known as text, for the requests the server's front door serves
// (./front-door.ts): the front door writes the text itself, so the Response is made without a
// body and no Web stream is made and read for it. A JSON answer's Response.json made and read a
// ReadableStream per request: about a tenth of a trivial route's CPU. Requests that come through
// Next.js (or a test calling a handler) get ordinary Responses.

const frontDoorRequests = new WeakSet<object>();
const wholeBodies = new WeakMap<Response, string>();

/** Marks a request made by the front door (whose answer it writes itself). */
export function markFrontDoorRequest(req: object): void {
  frontDoorRequests.add(req);
}

/** An answer with `text` as its body; without a Web stream when the front door serves `req`. */
export function textResponse(req: Request, text: string, init: ResponseInit): Response {
  if (!frontDoorRequests.has(req)) return new Response(text, init);
  const res = new Response(null, init);
  wholeBodies.set(res, text);
  return res;
}

/** `data` as JSON (Response.json's content type), as textResponse makes it. */
export function jsonResponse(req: Request, data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  if (!headers.has("content-type")) headers.set("content-type", "application/json");
  return textResponse(req, JSON.stringify(data), { ...init, headers });
}

/** The body textResponse kept for the front door to write; undefined for any other Response. */
export function wholeBodyOf(res: Response): string | undefined {
  return wholeBodies.get(res);
}
