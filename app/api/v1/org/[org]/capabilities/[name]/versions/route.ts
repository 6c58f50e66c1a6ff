// GET /api/v1/org/{org}/capabilities/{name}/versions
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { listVersionsOp } from "@/lib/catalog/operations";

export const GET = route(listVersionsOp, async ({ ctx, params }) => {
  const cap = await ctx.db.capability.findUnique({ where: { orgId_name: { orgId: ctx.org.id, name: params.name } }, select: { id: true, name: true } });
  if (!cap) throw new ApiError("not_found", `Capability '${params.name}' not found`);
  const versions = await ctx.db.capabilityVersion.findMany({ where: { capabilityId: cap.id }, orderBy: { versionKey: "desc" } });
  return {
    name: cap.name,
    versions: versions.map((v) => ({
      id: v.id, version: v.version, runtime_digest: v.runtimeDigest, artifact_sha256: v.artifactSha256,
      origin: v.origin as Record<string, unknown>, created_at: v.createdAt.toISOString(),
    })),
  };
});
