// One way to store a capability version, however it arrived: pushed as a bundle (lib/catalog/push.ts)
// or promoted from an optimization job (its winner written into a stored version's files). The
// caller ingests the files (lib/catalog/ingest), `prepareVersion` analyses them and writes their
// blobs, and `storeVersion` stores the version inside the caller's own transaction, which
// `versionTransaction` opens (and runs again when two first pushes of a capability collide).
import type { Prisma } from "@/lib/db/types";
import type { Db, Tx } from "@/lib/db/client";
import { claimBlobs, isDeadlock, type BlobRow } from "@/lib/db/blobs";
import type { OrgCtx } from "@/lib/api/context";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import type { IngestedVersion } from "./ingest";
import type { ArchiveKind } from "./ingest/archive";
import { sha256Async } from "./ingest/digest";
import { authorName } from "./ingest/manifest";
import { versionKey } from "@/lib/versions";
import { analyzeContent, type ContentAnalysis } from "./trust/analysis";
import { lockCapability, refreshLatest } from "./service";

/**
 * The capability named `name` of the org, locked (lockCapability); created first when it is new.
 * The common case (it exists) is one statement: the lock's UPDATE returns its id.
 */
async function lockCapabilityNamed(tx: Tx, orgId: string, name: string): Promise<{ id: string }> {
  const [locked] = await tx.$queryRaw<{ id: string }[]>`UPDATE "Capability"
    SET "versionCount" = "versionCount" WHERE "orgId" = ${orgId} AND "name" = ${name} RETURNING "id"`;
  if (locked) return locked;
  const capability = await tx.capability.upsert({
    where: { orgId_name: { orgId, name } },
    create: { orgId, name },
    update: {},
    select: { id: true },
  });
  await lockCapability(tx, capability.id);
  return capability;
}
import { versionInclude, type StoredVersion } from "./version-shape";

export type PushVia = "api" | "cli" | "seed" | "promotion";

/** A validated version with its download artifact and analysis, its blobs written: ready to store. */
export interface PreparedVersion extends IngestedVersion {
  artifact: { sha256: string; kind: ArchiveKind };
  contentAnalysis: ContentAnalysis;
  /** The blobs written for it (files and artifact): written again if collected before the store (claimBlobs). */
  blobs: BlobRow[];
}

/** The version stored (or the identical one found), and every version of its capability, newest first. */
export interface StoredResult {
  created: boolean;
  version: StoredVersion;
  versions: string[];
}

/**
 * Analyses an ingested version and writes its files and its artifact (the archive a download
 * serves) as blobs: content-addressed, so ahead of the version's transaction (lib/db/blobs.ts
 * says why).
 */
export async function prepareVersion(
  db: Db,
  ingested: IngestedVersion,
  /** The archive as downloaded; its sha256 when the caller has it already (a push's ingest). */
  artifact: { data: Buffer; kind: ArchiveKind; sha256?: string },
): Promise<PreparedVersion> {
  const sha256 = artifact.sha256 ?? (await sha256Async(artifact.data));
  const blobs = [...ingested.files, { sha256, data: artifact.data }];
  // The analysis (here, on the CPU) runs while the database stores the bytes: the write is sent
  // first (a turn of the event loop hands its bytes to the socket).
  const written = db.blobs.write(blobs);
  let contentAnalysis: ContentAnalysis;
  try {
    await new Promise((resolve) => setImmediate(resolve));
    contentAnalysis = analyzeContent(ingested.files, ingested.manifest, ingested.components);
  } finally {
    await written;
  }
  return { ...ingested, artifact: { sha256, kind: artifact.kind }, contentAnalysis, blobs };
}

/**
 * The stored version when it has the same content (the same runtime digest); a 409 when a
 * version of that number holds different content: versions are immutable.
 */
export async function sameVersion(
  db: Db | Tx,
  existing: StoredVersion,
  runtimeDigest: string,
): Promise<StoredResult> {
  if (existing.runtimeDigest !== runtimeDigest)
    throw new ApiError(
      "already_exists",
      `${existing.capability.name} ${existing.version} already exists with different content; versions are immutable, so push a new version`,
    );
  const rows = await db.capabilityVersion.findMany({
    where: { capabilityId: existing.capabilityId },
    select: { version: true },
    orderBy: { versionKey: "desc" },
  });
  return { created: false, version: existing, versions: rows.map((r) => r.version) };
}

/**
 * Runs `fn` in a transaction that may queue on a capability's lock. Two first pushes of a new
 * capability both try to create its row; the one that loses (a unique violation) runs again and
 * finds the row. Past that, a unique violation is a real conflict. A transaction PostgreSQL picks
 * as a deadlock's victim (crossing a blob writer) has rolled back whole, and runs again too.
 */
export async function versionTransaction<T>(
  ctx: Pick<OrgCtx, "db">,
  what: { name: string; version: string },
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      // Pushes of one capability queue on its lock, each holding a connection: wait for one
      // rather than fail after Prisma's default 2 s.
      return await ctx.db.$transaction(fn, { timeout: 60_000, maxWait: 30_000 });
    } catch (err) {
      if (isDeadlock(err) && attempt < 3) continue;
      if ((err as { code?: string }).code !== "P2002") throw err;
      if (attempt >= 3)
        throw new ApiError(
          "already_exists",
          `${what.name} ${what.version} was pushed by someone else a moment ago; versions are immutable`,
        );
    }
  }
}

/**
 * Stores a prepared version in `tx`, with its audit event. Racing stores of one capability are
 * serialized by its row lock (`lockCapability`), so each sees the versions stored before it: a
 * new version is created, the same content under its number is returned unchanged
 * (`created: false`), and different content is a 409.
 */
export async function storeVersion(
  tx: Tx,
  ctx: OrgCtx,
  v: PreparedVersion,
  how: { via: PushVia; origin: Record<string, unknown> },
): Promise<StoredResult> {
  const m = v.manifest;
  // Inside the transaction, so that a failed store leaves no capability row behind; an upsert,
  // so that stores of different versions of a new capability do not collide on creating it.
  const capability = await lockCapabilityNamed(tx, ctx.org.id, m.name);
  // Read after the lock: a store that got it first has committed by now.
  const taken = await tx.capabilityVersion.findUnique({
    where: { capabilityId_version: { capabilityId: capability.id, version: m.version } },
    include: versionInclude,
  });
  if (taken) return sameVersion(tx, taken, v.runtimeDigest);
  // After the lock and before the rows that refer to them (lib/db/blobs.ts says why).
  await claimBlobs(tx, v.blobs);
  const created = await tx.capabilityVersion.create({
    data: {
      ...versionRow(v, how.origin),
      capabilityId: capability.id,
      createdById: ctx.actor.userId,
    },
    include: versionInclude,
  });
  const versions = await refreshLatest(tx, capability.id, created.versionKey, created);
  await recordAudit(tx, ctx, {
    orgId: ctx.org.id,
    action: "capability.push",
    targetType: "capability_version",
    targetId: created.id,
    summary: {
      name: m.name,
      version: m.version,
      runtime_digest: v.runtimeDigest,
      files: v.files.length,
      via: how.via,
    },
  });
  return { created: true, version: created, versions };
}

/** The version's own columns and its file rows (the blobs are already written). */
function versionRow(v: PreparedVersion, origin: Record<string, unknown>) {
  const m = v.manifest;
  return {
    version: m.version,
    versionKey: versionKey(m.version),
    description: m.description,
    authorName: authorName(m),
    license: m.license ?? null,
    repository: m.repository ?? null,
    keywords: m.keywords ?? [],
    manifest: m as Prisma.InputJsonValue,
    componentCounts: v.componentCounts,
    components: v.components as unknown as Prisma.InputJsonValue,
    artifactSha256: v.artifact.sha256,
    runtimeDigest: v.runtimeDigest,
    bundleKind: v.artifact.kind,
    fileCount: v.files.length,
    totalBytes: v.files.reduce((n, f) => n + f.size, 0),
    origin: origin as Prisma.InputJsonValue,
    contentAnalysis: v.contentAnalysis as unknown as Prisma.InputJsonValue,
    files: {
      createMany: {
        data: v.files.map((f) => ({ path: f.path, sha256: f.sha256, size: f.size })),
      },
    },
  };
}
