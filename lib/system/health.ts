// The health check: is the database answering, which one is it, which version runs.
import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { defineOperation } from "@/lib/api/operation";
import pkg from "@/package.json" with { type: "json" };

export const healthResponse = z
  .object({
    status: z.enum(["ok"]),
    database: z.enum(["sqlite", "postgresql"]),
    version: z.string(),
  })
  .meta({ id: "HealthResponse" });

export const healthOp = defineOperation({
  method: "GET",
  path: "/api/health",
  tag: "System",
  summary: "Health check",
  auth: "none",
  scope: "none",
  response: healthResponse,
});

export async function health(db: Db): Promise<z.input<typeof healthResponse>> {
  // Through the driver (lib/db/direct.ts): load balancers and the benchmarks call this often, and a
  // Prisma query costs about a tenth of this request's CPU.
  await db.direct.rows("SELECT 1", []);
  return { status: "ok", database: env().databaseProvider, version: pkg.version };
}

/** Every /api/v1 path that no route serves (not part of the OpenAPI document). */
export const unknownRouteOp = defineOperation({
  method: "GET",
  path: "/api/v1/{path}",
  tag: "System",
  summary: "Unknown route",
  auth: "none",
  scope: "none",
});
