// The answer to a path under /api/v1 that no route serves: a 404 in the envelope of the surface
// the path falls under (a catch-all route file per surface binds it), never Next's HTML page.
import { defineOperation } from "./operation";
import type { Surface } from "./errors";
import { ApiError } from "./errors";
import { route } from "./route";

const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** One 404 handler for every method, exported by a catch-all route file as GET, POST, … */
export function unknownRoute(surface: Surface) {
  const op = defineOperation({
    method: "GET",
    path: "/api/v1/{path}",
    tag: "System",
    summary: "Unknown route",
    auth: "none",
    scope: "none",
    surface,
  });
  const notFound = route(op, async ({ req }) => {
    throw new ApiError("not_found", `No API route ${req.method} ${new URL(req.url).pathname}`);
  });
  return Object.fromEntries(methods.map((m) => [m, notFound])) as Record<
    (typeof methods)[number],
    typeof notFound
  >;
}
