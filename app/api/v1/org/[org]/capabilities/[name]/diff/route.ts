// GET /api/v1/org/{org}/capabilities/{name}/diff?from=&to=: what changed between two versions.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { diffVersionsOp } from "@/lib/catalog/operations";
import { compareVersions } from "@/lib/catalog/service";

export const GET = route(diffVersionsOp, ({ ctx, params, query }) =>
  compareVersions(ctx, params.name, query.from, query.to),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(diffVersionsOp);
