// API shapes of the catalog, field for field as seeds/000 (CapabilityArtifactDetail).
import { z } from "zod";

export const capabilityComponentDetail = z
  .object({
    name: z.string(),
    path: z.string(),
    type: z.string().meta({ description: "agent, tool, skill, mcp_server or worker" }),
    description: z.string().nullable().optional(),
    metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  })
  .meta({ id: "CapabilityComponentDetail" });

export const capabilityArtifactFileEntry = z
  .object({ path: z.string(), sha256: z.string(), size_bytes: z.number().int() })
  .meta({ id: "CapabilityArtifactFileEntry" });

export const capabilityArtifactDetail = z
  .object({
    id: z.string().meta({ description: "Artifact UUID" }),
    name: z.string(),
    version: z.string(),
    description: z.string().nullable().optional(),
    author_name: z.string().nullable().optional(),
    license: z.string().nullable().optional(),
    keywords: z.array(z.string()),
    is_public: z.boolean(),
    manifest: z.record(z.string(), z.unknown()),
    component_counts: z.record(z.string(), z.number().int()),
    component_details: z.array(capabilityComponentDetail),
    file_manifest: z.array(capabilityArtifactFileEntry),
    artifact_sha256: z.string(),
    runtime_digest: z.string(),
    origin: z.record(z.string(), z.unknown()),
    created_at: z.string(),
    updated_at: z.string(),
    version_count: z.number().int(),
    versions: z.array(z.string()).meta({ description: "Available versions, newest first" }),
  })
  .meta({ id: "CapabilityArtifactDetail", description: "Full artifact detail for version-specific endpoint." });

export const capabilityPath = z.object({ org: z.string(), name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "not a capability name") });
export const capabilityVersionPath = capabilityPath.extend({
  version: z.string().regex(/^\d+\.\d+\.\d+$/, "not a version (X.Y.Z)"),
});
