// Runs before every page request (not the API, not static files). The malformed-request check
// comes earlier, in the server's front door (lib/api/front-door.ts). A page gets:
// - a fresh CSP nonce: the policy goes on the request, where Next.js reads the nonce and puts it on
//   its own scripts, and on the response with the other page security headers (lib/security);
// - the requested path and query for server components (as `x-quiver-path`), so that a signed-out
//   visitor is sent to sign in with a callbackUrl naming the page they asked for.
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { newNonce, pageSecurityHeaders } from "@/lib/security/headers";

export function proxy(req: NextRequest) {
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
// a dot, which no org slug has, so they shadow no page). The API sets its own headers (route()):
// running this on API requests cost about a fifth of a trivial route's throughput
// (docs/benchmarks.md, "Scale").
export const config = {
  matcher: [
    "/((?!api/|_next/|favicon.ico|icon.svg|icon-32.png|icon-192.png|icon-512.png|apple-touch-icon.png|manifest.webmanifest).*)",
  ],
};
