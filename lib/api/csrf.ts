// Cross-site request forgery: a write authenticated by the session cookie must come from a page
// of this app. Browsers say where a request comes from in Sec-Fetch-Site (every current browser)
// and Origin (older ones too); a page on another site, or on another origin of the same site (a
// sibling subdomain), cannot forge either. Requests with an API token are not affected: a browser
// never adds an Authorization header on its own, so they cannot be forged cross-site.
import { env } from "@/lib/env";
import { ApiError } from "./errors";
import { isTrustedProxyRequest } from "./client-address";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The origins this app is reached at: its configured URL, and the one this request names. */
function appOrigins(req: Request): Set<string> {
  const origins = new Set<string>();
  const configured = env().NEXTAUTH_URL;
  if (configured) origins.add(new URL(configured).origin);
  const url = new URL(req.url);
  // Behind a trusted proxy, the host and scheme the browser used are in its X-Forwarded-* headers;
  // otherwise they are forgeable, and the Host header (which a browser sets itself) is used.
  const proxied = isTrustedProxyRequest(req);
  const host =
    (proxied && req.headers.get("x-forwarded-host")?.split(",")[0]?.trim()) ||
    req.headers.get("host") ||
    url.host;
  const proto =
    (proxied && req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim()) ||
    url.protocol.replace(/:$/, "");
  origins.add(`${proto}://${host}`.toLowerCase());
  return origins;
}

/**
 * Refuses (403) an unsafe request authenticated by the session cookie unless the browser says it
 * comes from this app: `Sec-Fetch-Site: same-origin` (or `none`, the user's own navigation), or,
 * from a browser that does not send Sec-Fetch-Site, an `Origin` that is one of the app's origins.
 */
export function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return;
  const site = req.headers.get("sec-fetch-site");
  if (site !== null) {
    if (site === "same-origin" || site === "none") return;
    throw new ApiError(
      "forbidden",
      `Cross-site request refused: a ${site} page may not change data with your session (Sec-Fetch-Site: ${site})`,
    );
  }
  const origin = req.headers.get("origin");
  if (origin && appOrigins(req).has(origin.toLowerCase())) return;
  throw new ApiError(
    "forbidden",
    origin
      ? `Cross-site request refused: a page on ${origin} may not change data with your session`
      : "Cross-site request refused: a write with a session cookie must come from this app's pages (no Origin or Sec-Fetch-Site header); API clients authenticate with 'Authorization: Bearer <token>'",
  );
}

/**
 * A cookie-authenticated write with a body must say it is JSON: a cross-site HTML form can only
 * send text/plain, urlencoded or multipart bodies without a preflight. Token clients are not held
 * to it (some send JSON without a content type).
 */
export function assertJsonBody(req: Request): void {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return;
  const length = req.headers.get("content-length");
  if (length === "0" || (length === null && !req.body)) return;
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type)) return;
  throw new ApiError(
    "bad_request",
    `This endpoint takes a JSON body: send 'Content-Type: application/json'${type ? ` (not ${type})` : ""}`,
  );
}
