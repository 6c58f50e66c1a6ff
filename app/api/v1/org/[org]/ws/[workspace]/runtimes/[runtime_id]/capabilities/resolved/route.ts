// GET .../runtimes/{runtime_id}/capabilities/resolved: what the runtime should load, and with
// `?wait=N` its long-poll. The handler is lib/runtimes/watch-routes.ts, which the server's front
// door (lib/api/front-door.ts) also calls directly, outside Next.js.
import { otherMethods } from "@/lib/api/method-not-allowed";
import { resolvedOp } from "@/lib/runtimes/operations";
import { getResolved } from "@/lib/runtimes/watch-routes";

export const GET = getResolved;

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(resolvedOp);
