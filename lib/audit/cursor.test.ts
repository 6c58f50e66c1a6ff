// The audit log's cursor: round trip, and anything else refused as a 422 on `cursor`.
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { decodeCursor, encodeCursor } from "./cursor";

describe("audit cursor", () => {
  it("round-trips (createdAt, id)", () => {
    const c = {
      createdAt: new Date("2026-12-05T12:00:00.123Z"),
      id: "5b1e0a4e-0000-4000-8000-0000000000aa",
    };
    const raw = encodeCursor(c);
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(raw)).toEqual(c);
  });

  it("refuses what it did not make", () => {
    const enc = (s: string) => Buffer.from(s).toString("base64url");
    for (const raw of [
      "",
      "not-a-cursor",
      enc("2026-12-05T12:00:00.123Z"),
      enc("2026-13-05T12:00:00.123Z|abc"),
      enc("2026-02-30T12:00:00.000Z|abc"),
      enc("2026-12-05T12:00:00.123Z|a b"),
      enc(`2026-12-05T12:00:00.123Z|${"a".repeat(65)}`),
    ]) {
      let err: unknown;
      try {
        decodeCursor(raw);
      } catch (e) {
        err = e;
      }
      expect(err, raw).toBeInstanceOf(ApiError);
      expect((err as ApiError).status).toBe(422);
      expect((err as ApiError).errors?.[0]?.loc).toEqual(["query", "cursor"]);
    }
  });
});
