// Promoting a completed capability-agent job: its winner becomes the agent's body in a new version
// of the capability, stored through the catalog with an origin that records the job.
import "server-only";
import type { WorkspaceCtx } from "@/lib/api/context";
import { ApiError } from "@/lib/api/errors";
import { MANIFEST_FILE } from "@/lib/catalog/ingest/manifest";
import { packTarGz } from "@/lib/catalog/ingest/pack";
import { ingestFiles } from "@/lib/catalog/ingest";
import { ingestLimits } from "@/lib/catalog/push";
import { prepareVersion, storeVersion, versionTransaction } from "@/lib/catalog/store-version";
import { splitFrontmatter } from "@/lib/text/frontmatter";
import { nextPatch } from "@/lib/versions";
import { placeOf, recordJobEvent } from "./journal";
import { chosenVariant, getJob, type Job } from "./read";

/**
 * Promotes the best candidate (the winner) of a completed capability-agent job into a new version
 * of the capability: the agent file's body replaced, its frontmatter kept, capability.yaml's
 * version (and name, when given) changed, every other file byte for byte the same; ingested and
 * stored as any push is (storeVersion), with an origin that records the job.
 */
export async function promoteJob(
  ctx: WorkspaceCtx,
  id: string,
  input: { name?: string | null; version?: string | null },
) {
  const { job, agentPath, variant, source } = await promotable(ctx, id);
  const name = input.name ?? source.capability.name;
  const version = input.version ?? nextPatch(source.version);
  const taken = await ctx.db.capabilityVersion.findFirst({
    where: { version, capability: { orgId: ctx.org.id, name } },
    select: { id: true },
  });
  if (taken)
    throw new ApiError(
      "already_exists",
      `Cannot promote: ${name} ${version} already exists; give another version`,
    );
  const entries = await promotedFiles(ctx, source.files, {
    agentPath,
    body: variant.content,
    name,
    version,
  });
  // Stored as a push stores, without a round trip through an archive: the files as they are, and
  // the download artifact packed once.
  const prepared = await prepareVersion(ctx.db, await ingestFiles(entries, ingestLimits()), {
    data: packTarGz(entries),
    kind: "tar.gz",
  });
  const origin = promotionOrigin(ctx, job, variant, source);
  return versionTransaction(ctx, { name, version }, async (tx) => {
    const stored = await storeVersion(tx, ctx, prepared, { via: "promotion", origin });
    // The same content stored under that version a moment ago: answered as it is, job unmarked.
    if (!stored.created) return stored;
    const claimed = await tx.optimizationJob.updateMany({
      where: { id: job.id, promotedVersionId: null },
      data: { promotedVersionId: stored.version.id },
    });
    if (claimed.count === 0)
      throw new ApiError("conflict", "Cannot promote: this job was promoted a moment ago");
    await recordJobEvent(tx, placeOf(ctx), job.id, "optimization.promote", {
      capability: name,
      version,
      variant: variant.name,
      artifact_id: stored.version.id,
    });
    return stored;
  });
}

/** The job, its winner and the version it optimized, or the 409 that says why it cannot promote. */
async function promotable(ctx: WorkspaceCtx, id: string) {
  const job = await getJob(ctx, id);
  if (job.status !== "completed")
    throw new ApiError("conflict", `Cannot promote: the job is ${job.status}, not completed`);
  if (job.targetKind !== "capability_agent" || !job.capabilityVersionId || !job.agentPath)
    throw new ApiError(
      "conflict",
      "Cannot promote: this job optimized a standalone prompt; apply it instead",
    );
  if (!job.winnerVariantId)
    throw new ApiError(
      "conflict",
      `Cannot promote: the run found no winner (${job.verdict ?? "no verdict"})`,
    );
  const variant = await chosenVariant(ctx.db, job, undefined, "promote");
  const source = await ctx.db.capabilityVersion.findUnique({
    where: { id: job.capabilityVersionId },
    include: { capability: true, files: { orderBy: { path: "asc" } } },
  });
  if (!source)
    throw new ApiError(
      "conflict",
      `Cannot promote: ${job.capabilityName} ${job.capabilityVersion} no longer exists`,
    );
  return { job, agentPath: job.agentPath, variant, source };
}

/**
 * The new version's files: the source's bytes (read in one query), with the agent file's body and
 * capability.yaml's name and version replaced.
 */
async function promotedFiles(
  ctx: WorkspaceCtx,
  files: { path: string; sha256: string }[],
  change: { agentPath: string; body: string; name: string; version: string },
): Promise<{ path: string; data: Buffer }[]> {
  const blobs = await ctx.db.blob.findMany({
    where: { sha256: { in: [...new Set(files.map((f) => f.sha256))] } },
  });
  const bytes = new Map(blobs.map((b) => [b.sha256, Buffer.from(b.data)]));
  return files.map((f) => {
    const data = bytes.get(f.sha256);
    if (!data) throw new ApiError("not_found", "Content not found");
    if (f.path === change.agentPath) {
      const text = splitFrontmatter(data.toString("utf8")).block + change.body;
      return { path: f.path, data: Buffer.from(text, "utf8") };
    }
    if (f.path === MANIFEST_FILE) {
      const text = rewriteManifest(data.toString("utf8"), change.name, change.version);
      return { path: f.path, data: Buffer.from(text, "utf8") };
    }
    return { path: f.path, data };
  });
}

/** How the version arrived: the job, its source and winner, and who promoted it when. */
function promotionOrigin(
  ctx: WorkspaceCtx,
  job: Job,
  variant: { id: string; key: string; name: string },
  source: { id: string; version: string },
) {
  return {
    type: "promotion",
    via: "promotion",
    job_id: job.id,
    source: { name: job.capabilityName, version: source.version, artifact_id: source.id },
    agent: job.agentName,
    variant: { id: variant.id, key: variant.key, name: variant.name },
    lift: job.lift,
    confidence: job.confidence,
    promoted_by: {
      id: ctx.actor.userId,
      email: ctx.actor.email,
      ...(ctx.actor.token ? { token: ctx.actor.token.name } : {}),
    },
    promoted_at: new Date().toISOString(),
  };
}

/** capability.yaml with its `version:` (and `name:`) lines replaced; everything else as it was. */
function rewriteManifest(yaml: string, name: string, version: string): string {
  const replaced = yaml
    .replace(/^version:[ \t]*.*$/m, `version: ${version}`)
    .replace(/^name:[ \t]*.*$/m, `name: ${name}`);
  if (!/^version:/m.test(yaml) || !/^name:/m.test(yaml))
    throw new ApiError(
      "conflict",
      "Cannot promote: capability.yaml has no top-level name or version line to rewrite",
    );
  return replaced;
}
