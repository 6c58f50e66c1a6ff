// The trust level kept on each version (and on its capability, for the latest), so that the
// catalog list can badge and filter by it in SQL. It is the level of the same card an org reads
// (cardFrom in index.ts), compared with the version just below it; a version's card changes when
// that neighbour does, so a store or delete recomputes the versions around it. Levels computed
// under older analysis or card rules are computed again at start-up (backfillTrustLevels).
import type { Prisma } from "@/lib/db/types";
import type { Db, Tx } from "@/lib/db/client";
import { log } from "@/lib/log";
import { versionInclude, type StoredVersion } from "@/lib/catalog/version-shape";
import { ANALYSIS_VERSION } from "./analysis";
import { CARD_RULES } from "./card";
import { cardFrom, contentAnalysisOf } from "./index";
import { levelOf } from "./level";

/** The analysis and card rules a stored level was computed with (the bench's data stores it too). */
export const TRUST_RULES = `${ANALYSIS_VERSION}.${CARD_RULES}`;

/** Computes the version's card against the version below it (every stored one), keeps its level and returns it. */
async function storeTrust(tx: Tx, v: StoredVersion): Promise<string> {
  const [analysis, previous] = await Promise.all([
    contentAnalysisOf({ db: tx }, v),
    tx.capabilityVersion.findFirst({
      where: { capabilityId: v.capabilityId, versionKey: { lt: v.versionKey } },
      orderBy: { versionKey: "desc" },
      select: { version: true, manifest: true, components: true },
    }),
  ]);
  const card = cardFrom(v, analysis, previous);
  const trustLevel = levelOf(card.status);
  await tx.capabilityVersion.update({
    where: { id: v.id },
    data: {
      trustLevel,
      trustCounts: card.counts as unknown as Prisma.InputJsonValue,
      trustRules: TRUST_RULES,
    },
    // Not the whole row back (its analysis, manifest and components).
    select: { id: true },
  });
  return trustLevel;
}

/**
 * After a version at `versionKey` was stored or deleted: the level of that version (when it is
 * there) and of the one just above it, whose previous version changed. refreshLatest calls it before
 * it copies the latest's level onto the capability. Returns the levels it stored, by version id.
 */
export async function refreshTrustAround(
  tx: Tx,
  capabilityId: string,
  versionKey: string,
  /** The version just stored, if it is one of them: not read again. */
  stored?: StoredVersion,
): Promise<Map<string, string>> {
  const rows = await tx.capabilityVersion.findMany({
    where: { capabilityId, versionKey: { gte: versionKey } },
    orderBy: { versionKey: "asc" },
    take: 2,
    select: { id: true, versionKey: true },
  });
  const affected = rows[0]?.versionKey === versionKey ? rows : rows.slice(0, 1);
  const levels = new Map<string, string>();
  for (const { id } of affected) {
    const v =
      stored?.id === id
        ? stored
        : await tx.capabilityVersion.findUniqueOrThrow({ where: { id }, include: versionInclude });
    levels.set(id, await storeTrust(tx, v));
  }
  return levels;
}

const outdated = { OR: [{ trustRules: null }, { trustRules: { not: TRUST_RULES } }] };

/**
 * Computes every missing or outdated level, one capability per transaction under its row lock
 * (so a push running meanwhile cannot leave a level computed against a stale neighbour), and
 * copies each capability's latest level onto it. Returns how many versions it computed.
 */
export async function backfillTrustLevels(db: Db, batch = 50): Promise<number> {
  let done = 0;
  for (;;) {
    const caps = await db.capabilityVersion.findMany({
      where: outdated,
      select: { capabilityId: true },
      distinct: ["capabilityId"],
      take: batch,
    });
    if (!caps.length) return done;
    for (const { capabilityId } of caps) {
      done += await db.$transaction(
        async (tx) => {
          // lockCapability's lock (lib/catalog/service.ts, which imports this module).
          await tx.$executeRaw`UPDATE "Capability" SET "versionCount" = "versionCount" WHERE "id" = ${capabilityId}`;
          const versions = await tx.capabilityVersion.findMany({
            where: { capabilityId, ...outdated },
            include: versionInclude,
          });
          for (const v of versions) await storeTrust(tx, v);
          const latest = await tx.capabilityVersion.findFirst({
            where: { capabilityId },
            orderBy: { versionKey: "desc" },
            select: { trustLevel: true },
          });
          await tx.$executeRaw`UPDATE "Capability" SET "trustLevel" = ${latest?.trustLevel ?? null} WHERE "id" = ${capabilityId}`;
          return versions.length;
        },
        { timeout: 120_000, maxWait: 30_000 },
      );
    }
    log.info("trust levels computed", { versions: done });
  }
}
