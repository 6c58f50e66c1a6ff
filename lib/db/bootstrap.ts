// What a server does once at start: apply pending migrations (under the migrator's lock), then,
// on an empty database, seed the demo data. The demo seed is claimed with a row in _quiver_meta,
// so that of several instances starting at once exactly one seeds.
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { db, type Db } from "./client";
import { migrate } from "./migrate";

export async function claimDemoSeed(client: Db): Promise<boolean> {
  const users = await client.user.count();
  if (users > 0) return false;
  const inserted = await client.$executeRawUnsafe(
    `INSERT INTO "_quiver_meta" ("key", "value") VALUES ('demo_seed', 'claimed') ON CONFLICT ("key") DO NOTHING`,
  );
  return inserted === 1;
}

export async function bootstrap(
  client: Db = db(),
): Promise<{ migrated: string[]; seeded: boolean }> {
  const e = env();
  const { applied } = await migrate(e.DATABASE_URL);
  if (applied.length) log.info("migrations applied", { applied });
  let seeded = false;
  if (e.QUIVER_DEMO && (await claimDemoSeed(client))) {
    const { seedDemo } = await import("@/prisma/seed/demo");
    try {
      await seedDemo(client);
      seeded = true;
    } catch (err) {
      await client.$executeRawUnsafe(`DELETE FROM "_quiver_meta" WHERE "key" = 'demo_seed'`);
      throw err;
    }
  }
  return { migrated: applied, seeded };
}
