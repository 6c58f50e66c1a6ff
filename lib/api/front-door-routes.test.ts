// The front door's route table is generated from app/api (scripts/front-door-routes.mjs): a route
// file added or removed without generating it again fails here, naming the command.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { frontDoorRoutesSource, TABLE_FILE } from "@/scripts/front-door-routes.mjs";

const root = path.resolve(__dirname, "../..");

describe("lib/api/front-door-routes.ts", () => {
  it("lists every API route file (run `node scripts/front-door-routes.mjs` when it does not)", async () => {
    const stored = readFileSync(path.join(root, TABLE_FILE), "utf8");
    expect(stored).toBe(await frontDoorRoutesSource(root));
  });

  it("leaves next-auth's routes and the prerendered OpenAPI document to Next.js", async () => {
    const { frontDoorRoutes } = await import("./front-door-routes");
    const left = frontDoorRoutes.filter((r) => r.load === null).map((r) => r.path);
    expect(left).toEqual(["/api/auth/[...nextauth]", "/api/v1/openapi.json"]);
    expect(frontDoorRoutes.length).toBeGreaterThan(80);
  });
});
