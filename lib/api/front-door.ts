// The server's front door: what scripts/start.mjs asks of every request before handing it to
// Next.js. instrumentation.ts installs it on the process (`installFrontDoor`), and the custom server
// looks it up after `app.prepare()`, which runs the instrumentation. Work here skips Next.js's
// request machinery (and proxy.ts) entirely, so it is kept to what every request needs, and to
// requests that are held open by the thousand:
// - the malformed-request check (lib/api/malformed-request.ts): a path whose escapes do not decode
//   or an unknown method, answered with a 400 before Next.js's router fails on it;
// - the watch routes (GET and HEAD of .../runtimes/{runtime_id}/capabilities/resolved and
//   .../resolved/stream, lib/runtimes/watch-routes.ts): the same handlers the app route files
//   export, called with a Web Request made here and answered through ./node-response.ts. Through
//   Next.js each held request cost ~100-270 KB and each answer ~2 ms of CPU, mostly Next.js's own.
// Under `next dev` there is no custom server and nothing here runs.
import type { IncomingMessage, ServerResponse } from "node:http";
import { log } from "@/lib/log";
import { apiSecurityHeaders } from "@/lib/security/headers";
import { malformedRequestResponse } from "./malformed-request";
import type * as WatchRoutes from "@/lib/runtimes/watch-routes";
import { sendResponse, toWebRequest } from "./node-response";

/** Answers the request and returns true, or returns false to let Next.js handle it. */
export type FrontDoor = (req: IncomingMessage, res: ServerResponse) => boolean;

type Handler = (
  req: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

const KEY = Symbol.for("quiver.frontDoor");

/** The watch routes' paths (no trailing slash: Next.js redirects those). */
const WATCH_PATH =
  /^\/api\/v1\/org\/([^/]+)\/ws\/([^/]+)\/runtimes\/([^/]+)\/capabilities\/resolved(\/stream)?$/;

// Loaded on the first watch request: the handlers bring the services and the database client.
let watchRoutes: Promise<typeof WatchRoutes> | null = null;

export const frontDoor: FrontDoor = (req, res) => {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const pathname = q === -1 ? url : url.slice(0, q);
  const method = req.method ?? "GET";
  const requestId = req.headers["x-request-id"];
  const refused = malformedRequestResponse(
    method,
    pathname,
    typeof requestId === "string" ? requestId : null,
    apiSecurityHeaders,
  );
  if (refused) {
    settle(sendResponse(Promise.resolve(refused), method === "HEAD", res), res);
    return true;
  }
  if (method !== "GET" && method !== "HEAD") return false;
  const watch = WATCH_PATH.exec(pathname);
  if (!watch) return false;
  const request = toWebRequest(req, res);
  if (!request) return false; // headers a Web Request refuses: Next.js answers as it always has
  // The path passed the malformed-request check, so every segment decodes.
  const params = {
    org: decodeURIComponent(watch[1]!),
    workspace: decodeURIComponent(watch[2]!),
    runtime_id: decodeURIComponent(watch[3]!),
  };
  const stream = watch[4] !== undefined;
  watchRoutes ??= import("@/lib/runtimes/watch-routes");
  const answer = watchRoutes.then((routes) => {
    const handler: Handler = stream ? routes.getResolvedStream : routes.getResolved;
    return handler(request, { params: Promise.resolve(params) });
  });
  settle(sendResponse(answer, method === "HEAD", res), res);
  return true;
};

/**
 * An answer that failed while it was written (a header Node refuses, a socket error) is logged and
 * its connection closed: nothing here may become an unhandled rejection, which ends the process.
 */
function settle(writing: Promise<void>, res: ServerResponse): void {
  writing.catch((err: unknown) => {
    log.error("front door answer failed", { stack: (err as Error)?.stack ?? String(err) });
    res.destroy();
  });
}

/** Puts the front door where scripts/start.mjs finds it (one per process). */
export function installFrontDoor(): void {
  (globalThis as Record<symbol, unknown>)[KEY] = frontDoor;
}
