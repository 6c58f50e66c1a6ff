// Runs before every request but static files. An API request only passes the malformed-request
// check (lib/api/malformed-request.ts); a page gets:
// - a fresh CSP nonce: the policy goes on the request, where Next.js reads the nonce and puts it on
//   its own scripts, and on the response with the other page security headers (lib/security);
// - the requested path and query for server components (as `x-quiver-path`), so that a signed-out
//   visitor is sent to sign in with a callbackUrl naming the page they asked for.
import { NextResponse, type NextRequest } from "next/server";
import { malformedRequestResponse } from "@/lib/api/malformed-request";
import { env } from "@/lib/env";
import { apiSecurityHeaders, newNonce, pageSecurityHeaders } from "@/lib/security/headers";

export function proxy(req: NextRequest) {
  // What Next's router would fail on (a path with malformed % escapes, an unknown method): a 400,
  // in the API's envelope under /api (lib/api/malformed-request.ts). API requests stop here.
  const refused = malformedRequestResponse(
    req.method,
    req.nextUrl.pathname,
    req.headers.get("x-request-id"),
    apiSecurityHeaders,
  );
  if (refused) return refused;
  if (req.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();
  const e = env();
  const nonce = newNonce();
  const security = pageSecurityHeaders({
    nonce,
    dev: e.NODE_ENV === "development",
    https: e.NEXTAUTH_URL?.startsWith("https:") ?? false,
  });

  const headers = new Headers(req.headers);
  headers.set("x-quiver-path", req.nextUrl.pathname + req.nextUrl.search);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", security["content-security-policy"]!);
  const res = NextResponse.next({ request: { headers } });
  for (const [k, v] of Object.entries(security)) res.headers.set(k, v);
  return res;
}

// The icons and the manifest in public/ are static files: no page headers to add (their names have
// a dot, which no org slug has, so they shadow no page).
export const config = {
  matcher: [
    "/((?!api/|_next/|favicon.ico|icon.svg|icon-32.png|icon-192.png|icon-512.png|apple-touch-icon.png|manifest.webmanifest).*)",
    "/api/:path*",
  ],
};
