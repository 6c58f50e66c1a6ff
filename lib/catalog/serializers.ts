// Capability versions in the shape of seeds/000 (CapabilityArtifactDetail); secrets in the manifest
// and component details are redacted (lib/catalog/redact.ts).
import type { z } from "zod";
import type { capabilityArtifactDetail } from "./schemas";
import { redactJson, redactManifest } from "./redact";
import type { StoredResult } from "./store-version";
import type { StoredVersion } from "./version-shape";

export function toArtifactDetail(
  v: StoredVersion,
  versions: string[],
): z.input<typeof capabilityArtifactDetail> {
  return {
    id: v.id,
    name: v.capability.name,
    version: v.version,
    description: v.description,
    author_name: v.authorName,
    license: v.license,
    keywords: v.keywords as string[],
    is_public: v.capability.isPublic,
    manifest: redactManifest(v.manifest),
    component_counts: v.componentCounts as Record<string, number>,
    component_details: redactJson(v.components) as z.input<
      typeof capabilityArtifactDetail
    >["component_details"],
    file_manifest: v.files.map((f) => ({ path: f.path, sha256: f.sha256, size_bytes: f.size })),
    artifact_sha256: v.artifactSha256,
    runtime_digest: v.runtimeDigest,
    origin: v.origin as Record<string, unknown>,
    created_at: v.createdAt.toISOString(),
    updated_at: v.updatedAt.toISOString(),
    version_count: versions.length,
    versions,
  };
}

/** A push's answer: 201 with the new version, or 200 with the identical one already stored. */
export function toPushResponse({ created, version, versions }: StoredResult) {
  const detail = toArtifactDetail(version, versions);
  return created ? detail : Response.json(detail, { status: 200 });
}
