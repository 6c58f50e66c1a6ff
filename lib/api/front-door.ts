// The server's front door: what scripts/start.mjs asks of every request before handing it to
// Next.js. instrumentation.ts installs it on the process (`installFrontDoor`), and the custom server
// looks it up after `app.prepare()`, which runs the instrumentation. Work here skips Next.js's
// request machinery (and proxy.ts) entirely, so it is kept to what every request needs:
// - the malformed-request check (lib/api/malformed-request.ts): a path whose escapes do not decode
//   or an unknown method, answered with a 400 before Next.js's router fails on it.
// Under `next dev` there is no custom server and nothing here runs.
import type { IncomingMessage, ServerResponse } from "node:http";
import { apiSecurityHeaders } from "@/lib/security/headers";
import { malformedRequestResponse } from "./malformed-request";

/** Answers the request and returns true, or returns false to let Next.js handle it. */
export type FrontDoor = (req: IncomingMessage, res: ServerResponse) => boolean;

const KEY = Symbol.for("quiver.frontDoor");

export const frontDoor: FrontDoor = (req, res) => {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const pathname = q === -1 ? url : url.slice(0, q);
  const requestId = req.headers["x-request-id"];
  const refused = malformedRequestResponse(
    req.method ?? "GET",
    pathname,
    typeof requestId === "string" ? requestId : null,
    apiSecurityHeaders,
  );
  if (!refused) return false;
  void send(refused, res);
  return true;
};

async function send(answer: Response, res: ServerResponse): Promise<void> {
  const body = Buffer.from(await answer.arrayBuffer());
  res.writeHead(answer.status, Object.fromEntries(answer.headers)).end(body);
}

/** Puts the front door where scripts/start.mjs finds it (one per process). */
export function installFrontDoor(): void {
  (globalThis as Record<symbol, unknown>)[KEY] = frontDoor;
}
