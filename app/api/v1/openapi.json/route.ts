// GET /api/v1/openapi.json: the OpenAPI 3.1 document of the API.
import { openApiDocument } from "@/lib/api/openapi";
import { otherMethods } from "@/lib/api/method-not-allowed";

export const dynamic = "force-static";

export function GET() {
  return Response.json(openApiDocument());
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ method: "GET" });
