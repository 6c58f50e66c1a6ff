// GET /api/health: database reachable, which one, which version.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { health, healthOp } from "@/lib/system/health";

export const GET = route(healthOp, ({ ctx }) => health(ctx.db));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(healthOp);
