// The client of the database under test knows its provider, and so do its transaction clients
// (search and row locks branch on a `tx`); its blob writer stores each blob once.
import { randomBytes, createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "./client";
import { providerOf } from "./provider";

describe("db()", () => {
  it("knows its provider, inside a transaction too", async () => {
    const provider = providerOf(process.env.DATABASE_URL!);
    expect(db().provider).toBe(provider);
    expect(await db().$transaction(async (tx) => tx.provider)).toBe(provider);
  });

  it("writes a blob through its writer, and a repeat changes nothing", async () => {
    const data = randomBytes(64);
    const sha256 = createHash("sha256").update(data).digest("hex");
    await db().blobs.write([
      { sha256, data },
      { sha256, data },
    ]);
    await db().blobs.write([{ sha256, data: Buffer.from("other bytes") }]);
    const row = await db().blob.findUnique({ where: { sha256 } });
    expect(row?.size).toBe(64);
    expect(Buffer.from(row!.data).equals(data)).toBe(true);
  });
});
