// GET /api/health
import { describe, expect, it } from "vitest";
import { providerOf } from "@/lib/db/provider";
import { healthResponse } from "@/lib/system/health";
import { call, expectBody } from "@/lib/testing/api";
import { GET } from "./route";

describe("GET /api/health", () => {
  it("reports ok, the database in use and the version, without credentials", async () => {
    const body = expectBody(await call(GET), 200, healthResponse);
    expect(body.status).toBe("ok");
    expect(body.database).toBe(providerOf(process.env.DATABASE_URL!));
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
