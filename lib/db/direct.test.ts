// Numbering the direct reader's `?` placeholders for PostgreSQL: only bare ones are placeholders.
import { describe, expect, it } from "vitest";
import { numberPlaceholders } from "./direct";

describe("numberPlaceholders", () => {
  it("numbers the placeholders in order", () => {
    expect(numberPlaceholders(`SELECT * FROM "T" WHERE "a" = ? AND "b" IN (?, ?)`)).toBe(
      `SELECT * FROM "T" WHERE "a" = $1 AND "b" IN ($2, $3)`,
    );
    expect(numberPlaceholders("SELECT 1")).toBe("SELECT 1");
  });

  it("leaves a ? inside a quoted string or identifier alone, escaped quotes included", () => {
    expect(
      numberPlaceholders(`SELECT 'why?' AS "q?", ? AS x WHERE y LIKE 'it''s ?' AND z = ?`),
    ).toBe(`SELECT 'why?' AS "q?", $1 AS x WHERE y LIKE 'it''s ?' AND z = $2`);
    expect(numberPlaceholders(`SELECT "a""?" FROM t WHERE b = ?`)).toBe(
      `SELECT "a""?" FROM t WHERE b = $1`,
    );
  });
});
