// What a server does once at start: apply pending migrations (under the migrator's lock), then,
// on an empty database, seed the demo data (prisma/seed/first-start.ts: exactly one of several
// instances starting at once seeds).
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { backfillTrustLevels } from "@/lib/catalog/trust/stored";
import { seedDemoOnFirstStart } from "@/prisma/seed/first-start";
import { db, type Db } from "./client";
import { migrate } from "./migrate";

export async function bootstrap(
  client: Db = db(),
): Promise<{ migrated: string[]; seeded: boolean }> {
  const e = env();
  const { applied } = await migrate(e.DATABASE_URL);
  if (applied.length) log.info("migrations applied", { applied });
  const seeded = e.QUIVER_DEMO && (await seedDemoOnFirstStart(client));
  // Versions stored before trust levels existed, or under older rules: in the background, since
  // a large catalog takes a while; their list rows show no badge until then.
  void backfillTrustLevels(client).catch((err: unknown) =>
    log.error("computing trust levels failed", { error: String(err) }),
  );
  return { migrated: applied, seeded };
}
