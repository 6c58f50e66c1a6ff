// Passes the requested path and query to server components (as `x-quiver-path`), so that a
// signed-out visitor is sent to sign in with a callbackUrl naming the page they asked for.
import { NextResponse, type NextRequest } from "next/server";

export function proxy(req: NextRequest) {
  const headers = new Headers(req.headers);
  headers.set("x-quiver-path", req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/((?!api/|_next/|favicon.ico).*)"] };
