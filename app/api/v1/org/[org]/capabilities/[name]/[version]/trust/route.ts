// GET /api/v1/org/{org}/capabilities/{name}/{version}/trust: the trust card as data.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { getTrustCardOp } from "@/lib/catalog/operations";
import { getVersion } from "@/lib/catalog/service";
import { trustCardOf } from "@/lib/catalog/trust";

export const GET = route(getTrustCardOp, async ({ ctx, params }) =>
  trustCardOf(ctx, await getVersion(ctx, params.name, params.version)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(getTrustCardOp);
