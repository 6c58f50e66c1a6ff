// The trust card of a stored version: its stored content analysis (computed at push, or now for a
// version stored before analyses existed, and then kept), and the previous version to compare.
import type { Prisma } from "@/lib/db/types";
import type { Db, Tx } from "@/lib/db/client";
import type { Component } from "@/lib/catalog/ingest/components";
import type { Manifest } from "@/lib/catalog/ingest/manifest";
import type { StoredVersion } from "@/lib/catalog/version-shape";
import { inScope, versionScope } from "@/lib/catalog/access";
import { redactJson, redactManifest } from "@/lib/catalog/redact";
import { ANALYSIS_VERSION, analyzeContent, type ContentAnalysis } from "./analysis";
import { buildTrustCard, type TrustCard } from "./card";

export type { TrustCard } from "./card";

/** The version's content analysis; computed from its blobs and stored when missing or outdated. */
export async function contentAnalysisOf(
  ctx: { db: Db | Tx },
  v: StoredVersion,
): Promise<ContentAnalysis> {
  const stored = v.contentAnalysis as ContentAnalysis | null;
  if (stored && stored.analysis_version === ANALYSIS_VERSION) return stored;
  const blobs = await ctx.db.blob.findMany({
    where: { sha256: { in: [...new Set(v.files.map((f) => f.sha256))] } },
  });
  const data = new Map(blobs.map((b) => [b.sha256, Buffer.from(b.data)]));
  const files = v.files.map((f) => ({ path: f.path, data: data.get(f.sha256) ?? Buffer.alloc(0) }));
  const analysis = analyzeContent(
    files,
    v.manifest as Manifest,
    v.components as unknown as Component[],
  );
  await ctx.db.capabilityVersion.update({
    where: { id: v.id },
    data: { contentAnalysis: analysis as unknown as Prisma.InputJsonValue },
  });
  return analysis;
}

/** The version just below this one in semver order that the org may read (lib/catalog/access.ts), if any. */
async function previousOf(ctx: { db: Db; org: { id: string } }, v: StoredVersion) {
  const scope = await versionScope(ctx.db, ctx.org.id, v.capability);
  return ctx.db.capabilityVersion.findFirst({
    where: { capabilityId: v.capabilityId, versionKey: { lt: v.versionKey }, ...inScope(scope) },
    orderBy: { versionKey: "desc" },
    select: { version: true, manifest: true, components: true },
  });
}

type PreviousVersion = { version: string; manifest: unknown; components: unknown } | null;

/**
 * The card of a stored version, its analysis and the version to compare with: the one builder
 * behind the card an org reads (trustCardOf) and the level stored for lists (stored.ts).
 */
export function cardFrom(
  v: StoredVersion,
  analysis: ContentAnalysis,
  previous: PreviousVersion,
): TrustCard {
  return buildTrustCard(
    {
      name: v.capability.name,
      version: v.version,
      // Shown as the API shows them: command lines and URLs with secrets redacted (lib/catalog/redact.ts).
      manifest: redactManifest(v.manifest),
      components: redactJson(v.components as unknown as Component[]),
      componentCounts: v.componentCounts as Record<string, number>,
      files: v.files,
      fileCount: v.fileCount,
      totalBytes: v.totalBytes,
      artifactSha256: v.artifactSha256,
      runtimeDigest: v.runtimeDigest,
      bundleKind: v.bundleKind,
      license: v.license,
      repository: v.repository,
      origin: v.origin as Record<string, unknown>,
      analysis,
    },
    previous
      ? {
          version: previous.version,
          manifest: redactManifest(previous.manifest),
          components: redactJson(previous.components as unknown as Component[]),
        }
      : null,
  );
}

/** A stored version's card with the content analysis it was built from (the upgrade preview reads both). */
export async function trustOf(
  ctx: { db: Db; org: { id: string } },
  v: StoredVersion,
): Promise<{ card: TrustCard; analysis: ContentAnalysis }> {
  const [analysis, previous] = await Promise.all([contentAnalysisOf(ctx, v), previousOf(ctx, v)]);
  return { card: cardFrom(v, analysis, previous), analysis };
}

export const trustCardOf = (
  ctx: { db: Db; org: { id: string } },
  v: StoredVersion,
): Promise<TrustCard> => trustOf(ctx, v).then((t) => t.card);
