// GET .../runtimes/{runtime_id}/tool-drift: the tools the runtime reports against the approved ones.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { toolDriftOp } from "@/lib/runtimes/operations";
import { toolDriftReportOf } from "@/lib/runtimes/service";

export const GET = route(toolDriftOp, ({ ctx, params }) =>
  toolDriftReportOf(ctx, params.runtime_id),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(toolDriftOp);
