// The catalog: reading versions back, and the changes around them (visibility, deletion, the
// denormalized latest). Storing a version is lib/catalog/store-version.ts; a push, push.ts. Every
// write is one transaction with its audit event.
import type { Tx } from "@/lib/db/client";
import type { OrgCtx } from "@/lib/api/context";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { notifyChange } from "@/lib/runtimes/changes";
import type { Component } from "./ingest/components";
import { indexCapability, unindexCapability } from "./search";
import { trustCardOf } from "./trust";
import { refreshTrustAround } from "./trust/stored";
import { diffVersions } from "./diff";
import { inScope, versionScope, type ShareableCapability } from "./access";
import { versionInclude, type StoredVersion, type StoredVersionFile } from "./version-shape";

/**
 * Holds the capability's row lock until the transaction ends, so that changes to its versions
 * (pushes, deletes) run one at a time and each recomputes the latest from what the others stored.
 * PostgreSQL: a row lock (READ COMMITTED, so later statements see what the previous holder
 * committed); SQLite runs one write transaction at a time anyway. A no-op UPDATE, the same SQL
 * on both (not Prisma's update, which would move `updatedAt`).
 */
export async function lockCapability(tx: Tx, capabilityId: string): Promise<void> {
  await tx.$executeRaw`UPDATE "Capability" SET "versionCount" = "versionCount" WHERE "id" = ${capabilityId}`;
}

/** What refreshLatest copies from the latest version. */
const latestFields = {
  id: true,
  version: true,
  createdAt: true,
  description: true,
  authorName: true,
  license: true,
  trustLevel: true,
  keywords: true,
  components: true,
} as const;

/** The latest version's fields: a push of a new latest has them in hand, with the level just stored. */
async function latestOf(
  tx: Tx,
  id: string | undefined,
  stored: StoredVersion | undefined,
  levels: Map<string, string>,
) {
  if (id === undefined) return null;
  const level = levels.get(id);
  if (stored?.id === id && level !== undefined) return { ...stored, trustLevel: level };
  return tx.capabilityVersion.findUniqueOrThrow({ where: { id }, select: latestFields });
}

/**
 * Copies the latest version's fields onto its capability (list, filters, facets) and re-indexes
 * it for search. Runs in the transaction of every change to a capability's versions. Returns
 * every version, newest first: what a write answers with, so it need not read them again.
 * `changedKey` is the key of the version stored or deleted: the trust levels around it are
 * computed again first (lib/catalog/trust/stored.ts).
 */
export async function refreshLatest(
  tx: Tx,
  capabilityId: string,
  changedKey?: string,
  /** The version just stored, as its store read it back (not read again). */
  stored?: StoredVersion,
): Promise<string[]> {
  const levels =
    changedKey !== undefined
      ? await refreshTrustAround(tx, capabilityId, changedKey, stored)
      : new Map<string, string>();
  const [all, capability] = await Promise.all([
    tx.capabilityVersion.findMany({
      where: { capabilityId },
      select: { id: true, version: true },
      orderBy: { versionKey: "desc" },
    }),
    stored?.capability ??
      tx.capability.findUniqueOrThrow({ where: { id: capabilityId }, select: { name: true } }),
  ]);
  const versions = all.map((v) => v.version);
  const latest = await latestOf(tx, all[0]?.id, stored, levels);
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
      trustLevel: latest?.trustLevel ?? null,
      versionCount: versions.length,
      updatedAt: new Date(),
    },
    select: { id: true },
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
  return versions;
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
async function capabilityAccess(
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

/** The orgs with a runtime that binds a version of the capability. */
async function orgsBinding(tx: Tx, capabilityId: string): Promise<string[]> {
  const rows = await tx.runtimeBinding.findMany({
    where: { capabilityId },
    select: { runtime: { select: { workspace: { select: { orgId: true } } } } },
  });
  return rows.map((r) => r.runtime.workspace.orgId);
}

export async function setVisibility(ctx: OrgCtx, name: string, isPublic: boolean) {
  return ctx.db.$transaction(async (tx) => {
    const cap = await tx.capability.findUnique({
      where: { orgId_name: { orgId: ctx.org.id, name } },
    });
    if (!cap || !cap.latestVersionId)
      throw new ApiError("not_found", `Capability '${name}' not found`);
    const updated = await tx.capability.update({ where: { id: cap.id }, data: { isPublic } });
    // The orgs whose runtimes bind it look again (what they may upgrade to changes).
    await notifyChange(tx, [ctx.org.id, ...(await orgsBinding(tx, cap.id))]);
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
function boundMessage(
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
      await refreshLatest(tx, cap.id, v.versionKey);
    }
    await recordAudit(tx, ctx, {
      orgId: ctx.org.id,
      action: "capability.delete_version",
      targetType: "capability_version",
      targetId: v.id,
      summary: { name, version, runtime_digest: v.runtimeDigest, capability_deleted: left === 0 },
    });
    await notifyChange(tx, ctx.org.id);
  });
}
