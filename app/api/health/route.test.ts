// GET /api/health
import { describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { providerOf } from "@/lib/db/provider";
import { health, healthResponse } from "@/lib/system/health";
import { call, expectBody } from "@/lib/testing/api";
import { GET } from "./route";

describe("GET /api/health", () => {
  it("reports ok, the database in use and the version, without credentials", async () => {
    const body = expectBody(await call(GET), 200, healthResponse);
    expect(body.status).toBe("ok");
    expect(body.database).toBe(providerOf(process.env.DATABASE_URL!));
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("fails when the database does not answer", async () => {
    const unreachable = createDb("postgresql://postgres@127.0.0.1:1/quiver_unreachable_test");
    try {
      await expect(health(unreachable)).rejects.toThrow(/ECONNREFUSED|connect/);
    } finally {
      await unreachable.$disconnect();
    }
  });
});
