// Any /api/v1/prompts/… path that no route serves: a 404 in the seeds/004 envelope of this surface.
import { unknownRoute } from "@/lib/api/unknown-route";

export const { GET, POST, PUT, PATCH, DELETE } = unknownRoute("compat");
