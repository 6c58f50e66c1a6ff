// The demo seed on a server's first start: an instance that finds no users claims it with a row in
// _quiver_meta, so that of several instances starting at once exactly one seeds; it releases the
// claim if seeding fails. lib/db/bootstrap.ts calls it after migrating.
import type { Db } from "@/lib/db/client";

export async function claimDemoSeed(client: Db): Promise<boolean> {
  const users = await client.user.count();
  if (users > 0) return false;
  const inserted = await client.$executeRawUnsafe(
    `INSERT INTO "_quiver_meta" ("key", "value") VALUES ('demo_seed', 'claimed') ON CONFLICT ("key") DO NOTHING`,
  );
  return inserted === 1;
}

/** Seeds the demo data when this instance is the one to claim an empty database; whether it did. */
export async function seedDemoOnFirstStart(client: Db): Promise<boolean> {
  if (!(await claimDemoSeed(client))) return false;
  const { seedDemo } = await import("./demo");
  try {
    await seedDemo(client);
    return true;
  } catch (err) {
    await client.$executeRawUnsafe(`DELETE FROM "_quiver_meta" WHERE "key" = 'demo_seed'`);
    throw err;
  }
}
