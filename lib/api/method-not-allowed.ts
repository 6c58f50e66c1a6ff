// The methods a route file does not serve. Left to Next.js, they answer 405 with an empty body and
// an OPTIONS that lists nothing useful; each route file instead exports these handlers for the
// methods it lacks, built from its own operations, so a 405 is in the envelope of the route's
// surface and names the allowed methods in `Allow` (RFC 9110 §15.5.6):
//
//   export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(listTokensOp, createTokenOp);
//
// app/api/v1/method-matrix.test.ts checks that every route file does this, and does it right.
import { randomUUID } from "node:crypto";
import { ApiError, errorBody } from "./errors";
import type { Method, Operation } from "./operation";
import { apiSecurityHeaders } from "@/lib/security/headers";

export const routeMethods: readonly Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

type Handler = (req: Request) => Promise<Response>;

/** Handlers made here, so a test can tell them from a route's own. */
export const notAllowedHandlers = new WeakSet<object>();

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** The `Allow` value for a route serving `methods` (HEAD comes with GET; OPTIONS always). */
export function allowHeader(methods: readonly Method[]): string {
  const all = new Set<string>([...methods, "OPTIONS"]);
  if (all.has("GET")) all.add("HEAD");
  return [...all].sort().join(", ");
}

/**
 * 405 handlers for every method the operations do not serve, and an OPTIONS naming the ones they
 * do. `ops` are the route file's operations (only their method and surface are read).
 */
export function otherMethods(
  ...ops: Pick<Operation, "method" | "surface">[]
): Record<Method | "OPTIONS", Handler> {
  const served = ops.map((op) => op.method);
  const allow = allowHeader(served);
  const surface = ops[0]?.surface ?? "canonical";
  const notAllowed: Handler = async (req) => {
    const incoming = req.headers.get("x-request-id");
    const error = new ApiError(
      "method_not_allowed",
      `Method ${req.method} is not allowed here; this route allows ${allow}`,
    );
    return Response.json(errorBody(error, surface), {
      status: error.status,
      headers: {
        allow,
        "x-request-id": incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID(),
        "cache-control": "no-store",
        ...apiSecurityHeaders,
      },
    });
  };
  notAllowedHandlers.add(notAllowed);
  const options: Handler = async () =>
    new Response(null, { status: 204, headers: { allow, ...apiSecurityHeaders } });
  notAllowedHandlers.add(options);
  const out = { OPTIONS: options } as Record<Method | "OPTIONS", Handler>;
  for (const m of routeMethods) if (!served.includes(m)) out[m] = notAllowed;
  return out;
}
