// The catalog: pushing a bundle stores an immutable version (files content-addressed in Blob),
// and reading versions back. Every write is one transaction with its audit event.
import { Prisma } from "../db/generated/sqlite/client";
import { urlOf, type Tx } from "../db/client";
import type { OrgCtx } from "../api/context";
import { ApiError } from "../api/errors";
import { recordAudit } from "../audit/service";
import { writeBlobs } from "../db/blobs";
import { env } from "../env";
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

const versionInclude = { capability: true, files: { orderBy: { path: "asc" } } } as const;

export type StoredVersion = Prisma.CapabilityVersionGetPayload<{ include: typeof versionInclude }>;


/**
 * Pushes a bundle. New version → created (201). The same name and version with the same
 * runtime digest → the stored version, unchanged (200). Different content → 409: versions are
 * immutable. Of racing pushes of one version exactly one is stored; the others get 409.
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
  const existing = await ctx.db.capabilityVersion.findFirst({
    where: { version: m.version, capability: { orgId: ctx.org.id, name: m.name } },
    include: versionInclude,
  });
  if (existing) {
    if (existing.runtimeDigest === ingested.runtimeDigest) return { created: false, version: existing };
    throw new ApiError("already_exists", `${m.name} ${m.version} already exists with different content; versions are immutable, so push a new version`);
  }
  const contentAnalysis = analyzeContent(ingested.files, m, ingested.components);
  // Content-addressed, so written ahead of the version's transaction (lib/db/blobs.ts says why).
  await writeBlobs(urlOf(ctx.db), [...ingested.files, { sha256: ingested.artifactSha256, data: bundle }]);
  const version = await ctx.db
    .$transaction(
    async (tx) => {
      // Inside the transaction, so that a failed push leaves no capability row behind; an upsert,
      // so that pushes of different versions of a new capability do not collide on creating it.
      const capability = await tx.capability.upsert({
        where: { orgId_name: { orgId: ctx.org.id, name: m.name } },
        create: { orgId: ctx.org.id, name: m.name },
        update: {},
      });
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
            pushed_by: { id: ctx.actor.userId, email: ctx.actor.email, ...(ctx.actor.token ? { token: ctx.actor.token.name } : {}) },
            pushed_at: new Date().toISOString(),
          }) as Prisma.InputJsonValue,
          contentAnalysis: contentAnalysis as unknown as Prisma.InputJsonValue,
          createdById: ctx.actor.userId,
          files: { createMany: { data: ingested.files.map((f) => ({ path: f.path, sha256: f.sha256, size: f.size })) } },
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
        summary: { name: m.name, version: m.version, runtime_digest: ingested.runtimeDigest, files: ingested.files.length, via },
      });
      return created;
    },
    { timeout: 60_000 },
  )
    .catch((err: unknown) => {
      if ((err as { code?: string }).code === "P2002") {
        throw new ApiError("already_exists", `${m.name} ${m.version} was pushed by someone else a moment ago; versions are immutable`);
      }
      throw err;
    });
  return { created: true, version };
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
      description: latest?.description ?? "",
      authorName: latest?.authorName ?? null,
      license: latest?.license ?? null,
      versionCount: count,
      updatedAt: new Date(),
    },
  });
  await tx.capabilityKeyword.deleteMany({ where: { capabilityId } });
  if (keywords.length) await tx.capabilityKeyword.createMany({ data: keywords.map((keyword) => ({ capabilityId, keyword })) });
  const components = ((latest?.components as Component[] | undefined) ?? []).map((c) => `${c.name} ${c.description ?? ""}`).join(" ");
  await indexCapability(tx, capabilityId, { name: capability.name, description: latest?.description ?? "", keywords, author: latest?.authorName ?? null, components });
}

/** Versions of a capability, newest first (semver order). */
export async function versionsOf(ctx: Pick<OrgCtx, "db">, capabilityId: string): Promise<string[]> {
  const rows = await ctx.db.capabilityVersion.findMany({ where: { capabilityId }, select: { version: true }, orderBy: { versionKey: "desc" } });
  return rows.map((r) => r.version);
}

/**
 * The capability a path names: the org's own (`name`), or another org's public one (`owner/name`).
 * A private capability of another org is a 404, the same as one that does not exist.
 */
export async function resolveCapability(ctx: OrgCtx, name: string): Promise<{ id: string; name: string; own: boolean }> {
  const slash = name.indexOf("/");
  const owner = slash < 0 ? ctx.org.slug : name.slice(0, slash);
  const bare = slash < 0 ? name : name.slice(slash + 1);
  const own = owner === ctx.org.slug;
  const cap = await ctx.db.capability.findFirst({
    where: own ? { orgId: ctx.org.id, name: bare } : { org: { slug: owner }, name: bare, isPublic: true },
    select: { id: true },
  });
  if (!cap) throw new ApiError("not_found", `Capability '${name}' not found`);
  return { id: cap.id, name: own ? bare : `${owner}/${bare}`, own };
}

/** A version (the latest when `version` is omitted) of a capability the org can read, or 404. */
export async function getVersion(ctx: OrgCtx, name: string, version?: string): Promise<StoredVersion> {
  const cap = await resolveCapability(ctx, name);
  const found = await ctx.db.capabilityVersion.findFirst({
    where: { capabilityId: cap.id, ...(version ? { version } : {}) },
    orderBy: { versionKey: "desc" },
    include: versionInclude,
  });
  if (!found) throw new ApiError("not_found", version ? `Capability '${name}' has no version ${version}` : `Capability '${name}' not found`);
  // Another org's capability is named as the list names it: owner/name.
  return cap.own ? found : { ...found, capability: { ...found.capability, name: cap.name } };
}

/** Every version of a capability the org can read, newest first, or 404. */
export async function listVersions(ctx: OrgCtx, name: string) {
  const cap = await resolveCapability(ctx, name);
  const versions = await ctx.db.capabilityVersion.findMany({ where: { capabilityId: cap.id }, orderBy: { versionKey: "desc" } });
  return { name: cap.name, versions };
}

/** What changed from one version to another; `to` defaults to the latest, `from` to the one before it. */
export async function compareVersions(ctx: OrgCtx, name: string, from?: string, to?: string) {
  const target = await getVersion(ctx, name, to);
  let base: StoredVersion;
  if (from) base = await getVersion(ctx, name, from);
  else {
    const previous = await ctx.db.capabilityVersion.findFirst({ where: { capabilityId: target.capabilityId, versionKey: { lt: target.versionKey } }, orderBy: { versionKey: "desc" }, select: { version: true } });
    if (!previous) throw new ApiError("validation", `${name} ${target.version} is its first version; give 'from' to compare it with another`, { errors: [{ loc: ["query", "from"], msg: "no earlier version to compare with", type: "missing" }] });
    base = await getVersion(ctx, name, previous.version);
  }
  const [fromCard, toCard] = await Promise.all([trustCardOf(ctx, base), trustCardOf(ctx, target)]);
  return diffVersions(ctx, base, target, { from: fromCard, to: toCard });
}

/** The README of a version as text, or null when it has none. */
export async function readmeOf(ctx: Pick<OrgCtx, "db">, v: StoredVersion): Promise<string | null> {
  const file = v.files.find((f) => /^readme(\.md|\.markdown|\.txt)?$/i.test(f.path));
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
    const cap = await tx.capability.findUnique({ where: { orgId_name: { orgId: ctx.org.id, name } } });
    if (!cap || !cap.latestVersionId) throw new ApiError("not_found", `Capability '${name}' not found`);
    const updated = await tx.capability.update({ where: { id: cap.id }, data: { isPublic } });
    await recordAudit(tx, ctx, {
      orgId: ctx.org.id, action: "capability.visibility", targetType: "capability", targetId: cap.id,
      summary: { name, is_public: isPublic, was_public: cap.isPublic },
    });
    return updated;
  });
}

/** Deletes one version; the capability goes with its last version. Blobs stay (shared). */
export async function deleteVersion(ctx: OrgCtx, name: string, version: string): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const cap = await tx.capability.findUnique({ where: { orgId_name: { orgId: ctx.org.id, name } } });
    const v = cap ? await tx.capabilityVersion.findUnique({ where: { capabilityId_version: { capabilityId: cap.id, version } } }) : null;
    if (!cap || !v) throw new ApiError("not_found", `Capability '${name}' has no version ${version}`);
    const bound = await tx.runtimeBinding.findMany({
      where: { versionId: v.id },
      select: { runtime: { select: { name: true, workspace: { select: { slug: true, org: { select: { slug: true } } } } } } },
    });
    if (bound.length) {
      const names = bound.map((b) => `${b.runtime.workspace.org.slug}/${b.runtime.workspace.slug}/${b.runtime.name}`).sort();
      throw new ApiError("conflict", `${name} ${version} is bound by ${names.length === 1 ? "the runtime" : `${names.length} runtimes:`} ${names.join(", ")}; move or remove those bindings first`);
    }
    await tx.capabilityVersion.delete({ where: { id: v.id } });
    const left = await tx.capabilityVersion.count({ where: { capabilityId: cap.id } });
    if (left === 0) {
      await unindexCapability(tx, cap.id);
      await tx.capability.delete({ where: { id: cap.id } });
    } else {
      await refreshLatest(tx, cap.id);
    }
    await recordAudit(tx, ctx, {
      orgId: ctx.org.id, action: "capability.delete_version", targetType: "capability_version", targetId: v.id,
      summary: { name, version, runtime_digest: v.runtimeDigest, capability_deleted: left === 0 },
    });
  });
}
