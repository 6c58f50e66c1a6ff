// The catalog: pushing a bundle stores an immutable version (files content-addressed in Blob),
// and reading versions back. Every write is one transaction with its audit event.
import type { Prisma } from "@/lib/db/types";
import type { Tx } from "@/lib/db/client";
import type { OrgCtx } from "@/lib/api/context";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { env } from "@/lib/env";
import { detectKind } from "./ingest/archive";
import { ingestBundle, type IngestedBundle } from "./ingest";
import type { IngestLimits } from "./ingest/limits";
import { authorName } from "./ingest/manifest";
import { versionKey } from "./ingest/version";
import type { Component } from "./ingest/components";
import { indexCapability, unindexCapability } from "./search";
import { analyzeContent } from "./trust/analysis";
import { trustCardOf } from "./trust";
import { diffVersions } from "./diff";
import { inScope, versionScope, type ShareableCapability } from "./access";
import { versionInclude, type StoredVersion, type StoredVersionFile } from "./version-shape";

export type PushVia = "api" | "cli" | "seed" | "promotion";

export function ingestLimits(): IngestLimits {
  const e = env();
  return {
    maxBundleBytes: e.QUIVER_BUNDLE_MAX_BYTES,
    maxFiles: e.QUIVER_BUNDLE_MAX_FILES,
    maxUnpackedBytes: e.QUIVER_BUNDLE_MAX_UNPACKED_BYTES,
    maxCompressionRatio: e.QUIVER_BUNDLE_MAX_RATIO,
    maxManifestBytes: e.QUIVER_MANIFEST_MAX_BYTES,
    maxPathDepth: e.QUIVER_BUNDLE_MAX_PATH_DEPTH,
    maxPathBytes: e.QUIVER_BUNDLE_MAX_PATH_BYTES,
  };
}

// Semver order as string order, at any size a manifest allows (ingest/version.ts).
export { versionKey };

/**
 * Pushes a bundle. New version → created (201). The same name and version with the same
 * runtime digest → the stored version, unchanged (200). Different content → 409: versions are
 * immutable. Racing pushes of one capability are serialized by its row lock (`lockCapability`),
 * so each sees the versions stored before it: every new version is stored, the latest is the
 * highest, an identical re-push is a 200 and only different content under a taken version a 409.
 */
export async function pushBundle(
  ctx: OrgCtx,
  bundle: Buffer,
  via: PushVia,
  /** How the version arrived, when not a push (a promotion records its job). */
  originOverride?: Record<string, unknown>,
  /** More writes in the same transaction, given the new version's id (a promotion marks its job). */
  alsoInTx?: (tx: Tx, versionId: string) => Promise<void>,
): Promise<{ created: boolean; version: StoredVersion }> {
  const ingested: IngestedBundle = await ingestBundle(bundle, ingestLimits());
  const m = ingested.manifest;
  const same = (existing: StoredVersion) => {
    if (existing.runtimeDigest === ingested.runtimeDigest)
      return { created: false, version: existing };
    throw new ApiError(
      "already_exists",
      `${m.name} ${m.version} already exists with different content; versions are immutable, so push a new version`,
    );
  };
  // The common re-push answers without writing anything.
  const existing = await ctx.db.capabilityVersion.findFirst({
    where: { version: m.version, capability: { orgId: ctx.org.id, name: m.name } },
    include: versionInclude,
  });
  if (existing) return same(existing);
  const contentAnalysis = analyzeContent(ingested.files, m, ingested.components);
  // Content-addressed, so written ahead of the version's transaction (lib/db/blobs.ts says why).
  await ctx.db.blobs.write([...ingested.files, { sha256: ingested.artifactSha256, data: bundle }]);
  const store = () =>
    ctx.db.$transaction(
      async (tx): Promise<{ created: boolean; version: StoredVersion }> => {
        // Inside the transaction, so that a failed push leaves no capability row behind; an upsert,
        // so that pushes of different versions of a new capability do not collide on creating it.
        const capability = await tx.capability.upsert({
          where: { orgId_name: { orgId: ctx.org.id, name: m.name } },
          create: { orgId: ctx.org.id, name: m.name },
          update: {},
        });
        await lockCapability(tx, capability.id);
        // Read after the lock: a push that got it first has committed by now.
        const taken = await tx.capabilityVersion.findUnique({
          where: { capabilityId_version: { capabilityId: capability.id, version: m.version } },
          include: versionInclude,
        });
        if (taken) return same(taken);
        const created = await tx.capabilityVersion.create({
          data: {
            capabilityId: capability.id,
            version: m.version,
            versionKey: versionKey(m.version),
            description: m.description,
            authorName: authorName(m),
            license: m.license ?? null,
            repository: m.repository ?? null,
            keywords: m.keywords ?? [],
            manifest: m as Prisma.InputJsonValue,
            componentCounts: ingested.componentCounts,
            components: ingested.components as unknown as Prisma.InputJsonValue,
            artifactSha256: ingested.artifactSha256,
            runtimeDigest: ingested.runtimeDigest,
            bundleKind: detectKind(bundle) ?? "tar.gz",
            fileCount: ingested.files.length,
            totalBytes: ingested.files.reduce((n, f) => n + f.size, 0),
            origin: (originOverride ?? {
              type: "push",
              via,
              pushed_by: {
                id: ctx.actor.userId,
                email: ctx.actor.email,
                ...(ctx.actor.token ? { token: ctx.actor.token.name } : {}),
              },
              pushed_at: new Date().toISOString(),
            }) as Prisma.InputJsonValue,
            contentAnalysis: contentAnalysis as unknown as Prisma.InputJsonValue,
            createdById: ctx.actor.userId,
            files: {
              createMany: {
                data: ingested.files.map((f) => ({ path: f.path, sha256: f.sha256, size: f.size })),
              },
            },
          },
          include: versionInclude,
        });
        await refreshLatest(tx, capability.id);
        if (alsoInTx) await alsoInTx(tx, created.id);
        await recordAudit(tx, ctx, {
          orgId: ctx.org.id,
          action: "capability.push",
          targetType: "capability_version",
          targetId: created.id,
          summary: {
            name: m.name,
            version: m.version,
            runtime_digest: ingested.runtimeDigest,
            files: ingested.files.length,
            via,
          },
        });
        return { created: true, version: created };
      },
      // Pushes of one capability queue on its lock, each holding a connection: wait for one rather
      // than fail after Prisma's default 2 s.
      { timeout: 60_000, maxWait: 30_000 },
    );
  // Two first pushes of a new capability both try to create its row; the one that loses (a unique
  // violation) runs again and finds the row. Past that, a unique violation is a real conflict.
  for (let attempt = 1; ; attempt++) {
    try {
      return await store();
    } catch (err) {
      if ((err as { code?: string }).code !== "P2002") throw err;
      if (attempt >= 3)
        throw new ApiError(
          "already_exists",
          `${m.name} ${m.version} was pushed by someone else a moment ago; versions are immutable`,
        );
    }
  }
}

/**
 * Holds the capability's row lock until the transaction ends, so that changes to its versions
 * (pushes, deletes) run one at a time and each recomputes the latest from what the others stored.
 * PostgreSQL: a row lock (READ COMMITTED, so later statements see what the previous holder
 * committed); SQLite runs one write transaction at a time anyway. A no-op UPDATE, the same SQL
 * on both (not Prisma's update, which would move `updatedAt`).
 */
async function lockCapability(tx: Tx, capabilityId: string): Promise<void> {
  await tx.$executeRaw`UPDATE "Capability" SET "versionCount" = "versionCount" WHERE "id" = ${capabilityId}`;
}

/**
 * Copies the latest version's fields onto its capability (list, filters, facets) and re-indexes
 * it for search. Runs in the transaction of every change to a capability's versions.
 */
export async function refreshLatest(tx: Tx, capabilityId: string): Promise<void> {
  const [latest, count, capability] = await Promise.all([
    tx.capabilityVersion.findFirst({ where: { capabilityId }, orderBy: { versionKey: "desc" } }),
    tx.capabilityVersion.count({ where: { capabilityId } }),
    tx.capability.findUniqueOrThrow({ where: { id: capabilityId }, select: { name: true } }),
  ]);
  const keywords = (latest?.keywords as string[] | undefined) ?? [];
  await tx.capability.update({
    where: { id: capabilityId },
    data: {
      latestVersionId: latest?.id ?? null,
      latestVersion: latest?.version ?? null,
      latestVersionCreatedAt: latest?.createdAt ?? null,
      description: latest?.description ?? "",
      authorName: latest?.authorName ?? null,
      license: latest?.license ?? null,
      versionCount: count,
      updatedAt: new Date(),
    },
  });
  await tx.capabilityKeyword.deleteMany({ where: { capabilityId } });
  if (keywords.length)
    await tx.capabilityKeyword.createMany({
      data: keywords.map((keyword) => ({ capabilityId, keyword })),
    });
  const components = ((latest?.components as Component[] | undefined) ?? [])
    .map((c) => `${c.name} ${c.description ?? ""}`)
    .join(" ");
  await indexCapability(tx, capabilityId, {
    name: capability.name,
    description: latest?.description ?? "",
    keywords,
    author: latest?.authorName ?? null,
    components,
  });
}

/**
 * Versions of a capability that the org may read, newest first (semver order): every version of
 * its own or a public one; of one made private since, only those its bindings pin.
 */
export async function versionsOf(
  ctx: Pick<OrgCtx, "db" | "org">,
  capability: string | ShareableCapability,
): Promise<string[]> {
  const cap =
    typeof capability === "string"
      ? await ctx.db.capability.findUniqueOrThrow({
          where: { id: capability },
          select: { id: true, orgId: true, isPublic: true },
        })
      : capability;
  const scope = await versionScope(ctx.db, ctx.org.id, cap);
  const rows = await ctx.db.capabilityVersion.findMany({
    where: { capabilityId: cap.id, ...inScope(scope) },
    select: { version: true },
    orderBy: { versionKey: "desc" },
  });
  return rows.map((r) => r.version);
}

export interface CapabilityAccess {
  id: string;
  /** As this org names it: its own by name, another org's as owner/name. */
  name: string;
  own: boolean;
  /** The versions the org may read (lib/catalog/access.ts). */
  scope: "all" | string[];
}

/**
 * The capability a path names: the org's own (`name`), or another org's (`owner/name`), with the
 * versions the org may read (lib/catalog/access.ts). `need: "bind"` (a new binding or reference)
 * takes a capability shared with the org: its own or a public one. Anything else is a 404, the
 * same as a capability that does not exist.
 */
export async function capabilityAccess(
  ctx: Pick<OrgCtx, "db" | "org">,
  name: string,
  need: "read" | "bind" = "read",
): Promise<CapabilityAccess> {
  const slash = name.indexOf("/");
  const owner = slash < 0 ? ctx.org.slug : name.slice(0, slash);
  const bare = slash < 0 ? name : name.slice(slash + 1);
  const own = owner === ctx.org.slug;
  const cap = await ctx.db.capability.findFirst({
    where: own ? { orgId: ctx.org.id, name: bare } : { org: { slug: owner }, name: bare },
    select: { id: true, orgId: true, isPublic: true },
  });
  const scope = cap ? await versionScope(ctx.db, ctx.org.id, cap) : [];
  if (!cap || (scope !== "all" && (need === "bind" || scope.length === 0)))
    throw new ApiError("not_found", `Capability '${name}' not found`);
  return { id: cap.id, name: own ? bare : `${owner}/${bare}`, own, scope };
}

/** A capability the org may bind or reference: its own (`name`) or another org's public one (`owner/name`), or 404. */
export async function resolveCapability(
  ctx: Pick<OrgCtx, "db" | "org">,
  name: string,
): Promise<CapabilityAccess> {
  return capabilityAccess(ctx, name, "bind");
}

/** A version (the latest readable one when `version` is omitted) of a capability the org can read, or 404. */
export async function getVersion(
  ctx: OrgCtx,
  name: string,
  version?: string,
): Promise<StoredVersion> {
  const cap = await capabilityAccess(ctx, name);
  const found = await ctx.db.capabilityVersion.findFirst({
    where: { capabilityId: cap.id, ...inScope(cap.scope), ...(version ? { version } : {}) },
    orderBy: { versionKey: "desc" },
    include: versionInclude,
  });
  if (!found)
    throw new ApiError(
      "not_found",
      version ? `Capability '${name}' has no version ${version}` : `Capability '${name}' not found`,
    );
  // Another org's capability is named as the list names it: owner/name.
  return cap.own ? found : { ...found, capability: { ...found.capability, name: cap.name } };
}

/** Every version of a capability the org can read, newest first, or 404. */
export async function listVersions(ctx: OrgCtx, name: string) {
  const cap = await capabilityAccess(ctx, name);
  const versions = await ctx.db.capabilityVersion.findMany({
    where: { capabilityId: cap.id, ...inScope(cap.scope) },
    orderBy: { versionKey: "desc" },
  });
  return { name: cap.name, versions };
}

/** What changed from one version to another; `to` defaults to the latest, `from` to the one before it. */
export async function compareVersions(ctx: OrgCtx, name: string, from?: string, to?: string) {
  const target = await getVersion(ctx, name, to);
  let base: StoredVersion;
  if (from) base = await getVersion(ctx, name, from);
  else {
    const scope = await versionScope(ctx.db, ctx.org.id, target.capability);
    const previous = await ctx.db.capabilityVersion.findFirst({
      where: {
        capabilityId: target.capabilityId,
        versionKey: { lt: target.versionKey },
        ...inScope(scope),
      },
      orderBy: { versionKey: "desc" },
      select: { version: true },
    });
    if (!previous)
      throw new ApiError(
        "validation",
        `${name} ${target.version} is its first version; give 'from' to compare it with another`,
        {
          errors: [
            { loc: ["query", "from"], msg: "no earlier version to compare with", type: "missing" },
          ],
        },
      );
    base = await getVersion(ctx, name, previous.version);
  }
  const [fromCard, toCard] = await Promise.all([trustCardOf(ctx, base), trustCardOf(ctx, target)]);
  return diffVersions(ctx, base, target, { from: fromCard, to: toCard });
}

/** The README file of a version (README, README.md, .markdown or .txt at the top), if any. */
export function readmeFile(v: StoredVersion): StoredVersionFile | undefined {
  return v.files.find((f) => /^readme(\.md|\.markdown|\.txt)?$/i.test(f.path));
}

/** The README of a version as text, or null when it has none. */
export async function readmeOf(ctx: Pick<OrgCtx, "db">, v: StoredVersion): Promise<string | null> {
  const file = readmeFile(v);
  return file ? (await blobBytes(ctx, file.sha256)).toString("utf8") : null;
}

/** The stored bytes of a blob, or 404. */
export async function blobBytes(ctx: Pick<OrgCtx, "db">, sha256: string): Promise<Buffer> {
  const blob = await ctx.db.blob.findUnique({ where: { sha256 } });
  if (!blob) throw new ApiError("not_found", "Content not found");
  return Buffer.from(blob.data);
}

export async function setVisibility(ctx: OrgCtx, name: string, isPublic: boolean) {
  return ctx.db.$transaction(async (tx) => {
    const cap = await tx.capability.findUnique({
      where: { orgId_name: { orgId: ctx.org.id, name } },
    });
    if (!cap || !cap.latestVersionId)
      throw new ApiError("not_found", `Capability '${name}' not found`);
    const updated = await tx.capability.update({ where: { id: cap.id }, data: { isPublic } });
    await recordAudit(tx, ctx, {
      orgId: ctx.org.id,
      action: "capability.visibility",
      targetType: "capability",
      targetId: cap.id,
      summary: { name, is_public: isPublic, was_public: cap.isPublic },
    });
    return updated;
  });
}

/**
 * Why a bound version cannot be deleted: the org's own runtimes by workspace/name, and only how
 * many runtimes of other orgs (which bound it while it was public) hold it, never who they are.
 */
export function boundMessage(
  orgId: string,
  name: string,
  version: string,
  runtimes: { name: string; workspace: { slug: string; orgId: string } }[],
): string {
  const ours = runtimes
    .filter((r) => r.workspace.orgId === orgId)
    .map((r) => `${r.workspace.slug}/${r.name}`)
    .sort();
  const elsewhere = runtimes.length - ours.length;
  const parts = [
    ...(ours.length
      ? [`${ours.length === 1 ? "the runtime" : `${ours.length} runtimes:`} ${ours.join(", ")}`]
      : []),
    ...(elsewhere
      ? [`${elsewhere} ${elsewhere === 1 ? "runtime" : "runtimes"} of other orgs`]
      : []),
  ];
  const fix = elsewhere
    ? "it stays until every binding of it is moved or removed"
    : "move or remove those bindings first";
  return `${name} ${version} is bound by ${parts.join(" and ")}; ${fix}`;
}

/** Deletes one version; the capability goes with its last version. Blobs stay (shared). */
export async function deleteVersion(ctx: OrgCtx, name: string, version: string): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const cap = await tx.capability.findUnique({
      where: { orgId_name: { orgId: ctx.org.id, name } },
    });
    if (cap) await lockCapability(tx, cap.id);
    const v = cap
      ? await tx.capabilityVersion.findUnique({
          where: { capabilityId_version: { capabilityId: cap.id, version } },
        })
      : null;
    if (!cap || !v)
      throw new ApiError("not_found", `Capability '${name}' has no version ${version}`);
    const bound = await tx.runtimeBinding.findMany({
      where: { versionId: v.id },
      select: {
        runtime: { select: { name: true, workspace: { select: { slug: true, orgId: true } } } },
      },
    });
    if (bound.length)
      throw new ApiError(
        "conflict",
        boundMessage(
          ctx.org.id,
          name,
          version,
          bound.map((b) => b.runtime),
        ),
      );
    await tx.capabilityVersion.delete({ where: { id: v.id } });
    const left = await tx.capabilityVersion.count({ where: { capabilityId: cap.id } });
    if (left === 0) {
      await unindexCapability(tx, cap.id);
      await tx.capability.delete({ where: { id: cap.id } });
    } else {
      await refreshLatest(tx, cap.id);
    }
    await recordAudit(tx, ctx, {
      orgId: ctx.org.id,
      action: "capability.delete_version",
      targetType: "capability_version",
      targetId: v.id,
      summary: { name, version, runtime_digest: v.runtimeDigest, capability_deleted: left === 0 },
    });
  });
}
