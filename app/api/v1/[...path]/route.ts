// Any /api/v1 path that no route serves: a 404 in the API's own envelope, not an HTML page.
import { route } from "@/lib/api/route";
import { ApiError } from "@/lib/api/errors";
import { unknownRouteOp } from "@/lib/system/health";

const notFound = route(unknownRouteOp, async ({ req }) => {
  throw new ApiError("not_found", `No API route ${req.method} ${new URL(req.url).pathname}`);
});

export {
  notFound as GET,
  notFound as POST,
  notFound as PUT,
  notFound as PATCH,
  notFound as DELETE,
};
