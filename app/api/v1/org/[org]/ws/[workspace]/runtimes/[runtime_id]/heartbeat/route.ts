// POST .../runtimes/{runtime_id}/heartbeat: what the runtime reports it loaded.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { heartbeatOp } from "@/lib/runtimes/operations";
import { heartbeat } from "@/lib/runtimes/service";

export const POST = route(heartbeatOp, ({ ctx, params, body }) =>
  heartbeat(ctx, params.runtime_id, body),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(heartbeatOp);
