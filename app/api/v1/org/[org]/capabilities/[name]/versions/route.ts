// GET /api/v1/org/{org}/capabilities/{name}/versions
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { listVersionsOp } from "@/lib/catalog/operations";
import { listVersions } from "@/lib/catalog/service";

export const GET = route(listVersionsOp, async ({ ctx, params }) => {
  const { name, versions } = await listVersions(ctx, params.name);
  return {
    name,
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      runtime_digest: v.runtimeDigest,
      artifact_sha256: v.artifactSha256,
      origin: v.origin as Record<string, unknown>,
      created_at: v.createdAt.toISOString(),
    })),
  };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(listVersionsOp);
