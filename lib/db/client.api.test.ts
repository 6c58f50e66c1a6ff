// The client of the database under test knows its provider, and so do its transaction clients
// (search and row locks branch on a `tx`); its blob writer stores each blob once; its direct
// reader sees what Prisma committed at once, and reads its timestamps as the same instants.
import { randomBytes, randomUUID, createHash } from "node:crypto";
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

  it("reads through the driver what Prisma committed, at once, with timestamps in UTC", async () => {
    const email = `direct-${randomUUID()}@test.quiver`;
    const createdAt = new Date("2026-01-02T03:04:05.678Z");
    const user = await db().user.create({ data: { email, name: "Before", createdAt } });
    const read = () =>
      db().direct.rows<{ name: string; createdAt: unknown }>(
        `SELECT "name", "createdAt" FROM "User" WHERE "id" = ? AND "email" = ?`,
        [user.id, email],
      );
    // pg reads a `timestamp` as local time unless told otherwise: a zone far from UTC shows it.
    const tz = process.env.TZ;
    process.env.TZ = "Asia/Kolkata";
    try {
      const [row] = await read();
      const at = row!.createdAt;
      expect((at instanceof Date ? at : new Date(at as string)).toISOString()).toBe(
        createdAt.toISOString(),
      );
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
    await db().user.update({ where: { id: user.id }, data: { name: "After" } });
    expect((await read())[0]?.name).toBe("After");
  });
});
