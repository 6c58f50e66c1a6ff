// The server's front door: what scripts/start.mjs asks of every request before handing it to
// Next.js. instrumentation.ts installs it on the process (`installFrontDoor`), and the custom server
// looks it up after `app.prepare()`, which runs the instrumentation. Work here skips Next.js's
// request machinery (and proxy.ts) entirely:
// - the malformed-request check (lib/api/malformed-request.ts): a path whose escapes do not decode
//   or an unknown method, answered with a 400 before Next.js's router fails on it;
// - GET and HEAD of the API's routes (./front-door-routes.ts, every app/api route file but
//   next-auth's and the prerendered OpenAPI document): the same handlers the route files export
//   to Next.js, matched as its router matches them (./route-match.ts), called with the request's
//   parts and answered through ./node-response.ts (gzip as Next.js would, an event stream chunk
//   by chunk). Through Next.js, most of a trivial GET's CPU was Next.js's own request path (the
//   token route ran at 74% of a bare Next.js route's requests/s; here it runs at 3-4 times it),
//   and each held watch request cost ~100-270 KB. Writes (POST, PUT, PATCH, DELETE, with their
//   bodies) and everything else still go through Next.js.
// Under `next dev` there is no custom server and nothing here runs.
import type { IncomingMessage, ServerResponse } from "node:http";
import { log } from "@/lib/log";
import { apiSecurityHeaders } from "@/lib/security/headers";
import { malformedRequestResponse } from "./malformed-request";
import { frontDoorRoutes } from "./front-door-routes";
import { routeMatcher, type RouteHandler, type RouteModule } from "./route-match";
import { sendResponse, toWebRequest } from "./node-response";

/** Answers the request and returns true, or returns false to let Next.js handle it. */
export type FrontDoor = (req: IncomingMessage, res: ServerResponse) => boolean;

const KEY = Symbol.for("quiver.frontDoor");

const match = routeMatcher(frontDoorRoutes.map((r) => r.path));

// Each route file is loaded on its first request (it brings its services and the database client).
const modules = new Map<number, RouteModule>();
const loading = new Map<number, Promise<RouteModule>>();

function load(index: number): Promise<RouteModule> {
  let pending = loading.get(index);
  if (!pending) {
    pending = frontDoorRoutes[index]!.load!().then(
      (mod) => {
        modules.set(index, mod);
        return mod;
      },
      (err: unknown) => {
        loading.delete(index); // the next request tries again
        throw err;
      },
    );
    loading.set(index, pending);
  }
  return pending;
}

/**
 * Whether the front door serves API routes yet. Next.js may take requests before the
 * instrumentation's start-up (migrations, the demo seed) has finished, and holds them until it
 * has; the front door leaves them to it until instrumentation.ts opens it.
 */
let open = false;

export function openFrontDoor(): void {
  open = true;
}

const handlerOf = (mod: RouteModule, method: string) =>
  (method === "HEAD" ? (mod.HEAD ?? mod.GET) : mod.GET) as RouteHandler | undefined;

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
    settle(sendResponse(Promise.resolve(refused), req, res), res);
    return true;
  }
  if (!open || (method !== "GET" && method !== "HEAD") || !pathname.startsWith("/api/"))
    return false;
  // The path passed the malformed-request check, so every segment decodes.
  const found = match(pathname);
  if (!found || !frontDoorRoutes[found.index]!.load) return false;
  const loaded = modules.get(found.index);
  // A loaded route file without a GET handler: Next.js answers (its 405) as it always has.
  if (loaded && !handlerOf(loaded, method)) return false;
  const request = toWebRequest(req, res);
  if (!request) return false; // headers a Web Request refuses: Next.js answers as it always has
  const context = { params: Promise.resolve(found.params) };
  const run = (handler: RouteHandler | undefined) => {
    if (!handler) throw new Error(`${frontDoorRoutes[found.index]!.path} has no GET handler`);
    return handler(request, context);
  };
  let answer: Promise<Response>;
  try {
    answer = loaded
      ? Promise.resolve(run(handlerOf(loaded, method)))
      : load(found.index).then((mod) => run(handlerOf(mod, method)));
  } catch (err) {
    answer = Promise.reject(err); // a handler that threw before its first await: a 500
  }
  settle(sendResponse(answer, req, res), res);
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
