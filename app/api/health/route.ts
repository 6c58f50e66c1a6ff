// GET /api/health: database reachable, which one, which version.
import { route } from "@/lib/api/route";
import { health, healthOp } from "@/lib/system/health";

export const GET = route(healthOp, ({ ctx }) => health(ctx.db));
