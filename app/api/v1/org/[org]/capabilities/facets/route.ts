// GET /api/v1/org/{org}/capabilities/facets: counts per keyword, author and license.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { capabilityFacets } from "@/lib/catalog/list";
import { capabilityFacetsOp } from "@/lib/catalog/operations";

export const GET = route(capabilityFacetsOp, ({ ctx, query }) => capabilityFacets(ctx, query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(capabilityFacetsOp);
