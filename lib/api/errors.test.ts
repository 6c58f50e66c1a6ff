import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError, errorBody, toApiError, zodItems } from "./errors";

describe("toApiError", () => {
  it("keeps an ApiError as it is", () => {
    const err = new ApiError("not_found", "Nope");
    expect(toApiError(err)).toEqual({ error: err, unexpected: false });
  });

  it("maps Prisma's unique violation to 409 and missing record to 404", () => {
    const unique = Object.assign(new Error("x"), {
      name: "PrismaClientKnownRequestError",
      code: "P2002",
    });
    expect(toApiError(unique).error.status).toBe(409);
    expect(toApiError(unique).error.kind).toBe("already_exists");
    const missing = Object.assign(new Error("x"), {
      name: "PrismaClientKnownRequestError",
      code: "P2025",
    });
    expect(toApiError(missing).error.status).toBe(404);
  });

  it("turns anything else into a 500 that says nothing internal", () => {
    const { error, unexpected } = toApiError(
      new Error("connection to 10.0.0.5 refused: password=hunter2"),
    );
    expect(unexpected).toBe(true);
    expect(error.status).toBe(500);
    expect(error.message).toBe("Internal server error");
  });

  it("maps a ZodError to a 422 with locations", () => {
    const r = z.object({ a: z.number() }).safeParse({ a: "x" });
    expect(r.success).toBe(false);
    const { error } = toApiError(r.error);
    expect(error.status).toBe(422);
    expect(error.errors?.[0]?.loc).toEqual(["body", "a"]);
  });
});

describe("errorBody", () => {
  it("is the APIErrorPayload on the canonical surface", () => {
    const err = new ApiError("validation", "Validation failed", {
      errors: [{ loc: ["query", "limit"], msg: "too big", type: "too_big" }],
    });
    expect(errorBody(err, "canonical")).toEqual({
      code: 422,
      detail: "Validation failed",
      type: "validation_error",
      errors: [{ loc: ["query", "limit"], msg: "too big", type: "too_big" }],
    });
  });

  it("omits errors when there are none, and uses {error:{code,message}} on the compatibility surface", () => {
    const err = new ApiError("forbidden", "No");
    expect(errorBody(err, "canonical")).toEqual({
      code: 403,
      detail: "No",
      type: "forbidden_error",
    });
    expect(errorBody(err, "compat")).toEqual({ error: { code: "FORBIDDEN", message: "No" } });
  });

  it("names nested fields in zod locations", () => {
    const r = z.object({ a: z.array(z.string()) }).safeParse({ a: ["ok", 3] });
    expect(r.success).toBe(false);
    if (!r.success) expect(zodItems("body", r.error)[0]?.loc).toEqual(["body", "a", 1]);
  });
});
