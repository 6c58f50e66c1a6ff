// Unknown API paths answer in the API's envelope.
import { describe, it } from "vitest";
import { call, expectError } from "@/lib/testing/api";
import { GET, POST } from "./route";

describe("unknown /api/v1 routes", () => {
  it("answers 404 not_found_error for any method", async () => {
    expectError(
      await call(GET, { path: "/api/v1/nope", params: { path: "nope" } }),
      404,
      "not_found_error",
    );
    expectError(
      await call(POST, { method: "POST", path: "/api/v1/org/a/b/c", body: {} }),
      404,
      "not_found_error",
    );
  });
});
