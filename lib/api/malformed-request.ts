// Requests that Next.js' own router fails on before any route or page runs, answered by the
// server's front door (lib/api/front-door.ts, called by scripts/start.mjs before Next.js):
// - a path whose percent escapes do not decode (`/api/v1/org/%E0%A4%A/workspaces`, `…/%ZZ`): the
//   router's dynamic-segment matcher throws and the server answered a plain-text 500;
// - a method outside GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE (PROPFIND and the like were an
//   empty 400), TRACE included (Next.js could not build a Fetch Request for it). TRACK and CONNECT
//   never get here: Node's parser does not know them, so scripts/start.mjs answers them itself.
// Both get a 400: in the error envelope of the API surface the path falls under, or as plain text
// for a page. Nothing else is decided here; every other request passes through untouched.
import { ApiError, errorBody, type Surface } from "./errors";

const HTTP_METHODS = new Set(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]);
const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** The first path segment whose percent-encoding is not valid UTF-8 escapes, or null. */
export function undecodableSegment(pathname: string): string | null {
  if (!pathname.includes("%")) return null;
  for (const seg of pathname.split("/")) {
    try {
      decodeURIComponent(seg);
    } catch {
      return seg;
    }
  }
  return null;
}

/** The surface whose error envelope a path under /api answers in. */
function surfaceOf(pathname: string): Surface {
  if (/^\/api\/v1\/ai\/releases(\/|$)/.test(pathname)) return "releases";
  return /^\/api\/v1\/(optimizations|prompts)(\/|$)/.test(pathname) ? "compat" : "canonical";
}

/**
 * A 400 for a request the router cannot handle, or null to let it through. `extraHeaders` are the
 * security headers of the kind of answer (API or page).
 */
export function malformedRequestResponse(
  method: string,
  pathname: string,
  requestId: string | null,
  extraHeaders: Record<string, string> = {},
): Response | null {
  const bad = undecodableSegment(pathname);
  const detail =
    bad !== null
      ? `The path is not valid percent-encoding: '${bad.length > 60 ? `${bad.slice(0, 60)}…` : bad}' does not decode to UTF-8`
      : !HTTP_METHODS.has(method.toUpperCase())
        ? `Unsupported HTTP method '${method.slice(0, 20)}'; use GET, HEAD, OPTIONS, POST, PUT, PATCH or DELETE`
        : null;
  if (detail === null) return null;
  const headers: Record<string, string> = { "cache-control": "no-store", ...extraHeaders };
  if (!pathname.startsWith("/api/")) {
    return new Response(`Bad request: ${detail}\n`, {
      status: 400,
      headers: { ...headers, "content-type": "text/plain; charset=utf-8" },
    });
  }
  headers["x-request-id"] =
    requestId && REQUEST_ID.test(requestId) ? requestId : crypto.randomUUID();
  return Response.json(errorBody(new ApiError("bad_request", detail), surfaceOf(pathname)), {
    status: 400,
    headers,
  });
}
