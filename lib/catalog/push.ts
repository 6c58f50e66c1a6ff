// A push: bundle bytes → files (unpacked once) → a validated version → stored (storeVersion) in
// the push's own transaction. The route reads the bytes (the route wrapper's raw body); the seed
// and tests call it directly.
import type { OrgCtx } from "@/lib/api/context";
import { env } from "@/lib/env";
import { ingestBundle } from "./ingest";
import type { IngestLimits } from "./ingest/limits";
import {
  prepareVersion,
  sameVersion,
  storeVersion,
  versionTransaction,
  type PushVia,
  type StoredResult,
} from "./store-version";
import { versionInclude } from "./version-shape";

/** The limits on a bundle, from the settings (QUIVER_BUNDLE_* and QUIVER_MANIFEST_MAX_BYTES). */
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

/**
 * Pushes a bundle. New version → created (201). The same name and version with the same
 * runtime digest → the stored version, unchanged (200). Different content → 409: versions are
 * immutable. Racing pushes of one capability queue on its row lock (storeVersion): every new
 * version is stored, the latest is the highest, an identical re-push is a 200 and only
 * different content under a taken version a 409.
 */
export async function pushBundle(
  ctx: OrgCtx,
  bundle: Buffer,
  via: Exclude<PushVia, "promotion">,
): Promise<StoredResult> {
  const ingested = await ingestBundle(bundle, ingestLimits());
  const m = ingested.manifest;
  // The common re-push answers without writing anything. One statement for a new version (an
  // include would read the capability and files too, even of no row).
  const existing = await ctx.db.capabilityVersion.findFirst({
    where: { version: m.version, capability: { orgId: ctx.org.id, name: m.name } },
    select: { id: true },
  });
  if (existing) {
    const stored = await ctx.db.capabilityVersion.findUniqueOrThrow({
      where: { id: existing.id },
      include: versionInclude,
    });
    return sameVersion(ctx.db, stored, ingested.runtimeDigest);
  }
  const prepared = await prepareVersion(ctx.db, ingested, {
    data: bundle,
    kind: ingested.kind,
    sha256: ingested.artifactSha256,
  });
  const origin = {
    type: "push",
    via,
    pushed_by: {
      id: ctx.actor.userId,
      email: ctx.actor.email,
      ...(ctx.actor.token ? { token: ctx.actor.token.name } : {}),
    },
    pushed_at: new Date().toISOString(),
  };
  return versionTransaction(ctx, m, (tx) => storeVersion(tx, ctx, prepared, { via, origin }));
}
