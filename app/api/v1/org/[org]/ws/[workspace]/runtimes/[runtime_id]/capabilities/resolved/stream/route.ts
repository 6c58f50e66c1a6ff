// GET .../runtimes/{runtime_id}/capabilities/resolved/stream: the resolved view as server-sent
// events. The handler is lib/runtimes/watch-routes.ts, which the server's front door
// (lib/api/front-door.ts) also calls directly, outside Next.js.
import { otherMethods } from "@/lib/api/method-not-allowed";
import { resolvedStreamOp } from "@/lib/runtimes/operations";
import { getResolvedStream } from "@/lib/runtimes/watch-routes";

export const GET = getResolvedStream;

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(resolvedStreamOp);
