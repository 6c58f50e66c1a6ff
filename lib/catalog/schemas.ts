// API shapes of the catalog, field for field as seeds/000 (CapabilityArtifactDetail).
import { z } from "zod";
import { paginationMeta, repeated } from "../api/schemas";

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

const boolParam = z
  .enum(["true", "false", "1", "0"], { error: "must be true or false" })
  .transform((v) => v === "true" || v === "1");

export const listCapabilitiesQuery = z.object({
  name: z.string().trim().min(1).max(200).optional().meta({ description: "Filter by capability name" }),
  search: z.string().trim().max(200).optional().meta({ description: "Full-text search" }),
  keywords: repeated(z.string().trim().toLowerCase().min(1)).meta({ description: "Filter by keywords (overlap)" }),
  author: repeated(z.string().min(1)).meta({ description: "Filter by author name (OR)" }),
  license: repeated(z.string().min(1)).meta({ description: "Filter by license (OR)" }),
  sort_by: z.enum(["name", "author_name", "license", "created_at", "updated_at"]).optional().meta({ description: "Column to sort by (default created_at; with search, relevance)" }),
  sort_dir: z.enum(["asc", "desc"]).default("desc"),
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  include_public: boolParam.optional().meta({ description: "Include public capabilities from other orgs" }),
});

export const capabilityArtifactSummary = capabilityArtifactDetail
  .omit({ manifest: true, file_manifest: true, artifact_sha256: true, runtime_digest: true })
  .meta({ id: "CapabilityArtifactSummary", description: "Artifact summary for list/search endpoints." });

export const capabilityArtifactListResponse = z
  .object({ capabilities: z.array(capabilityArtifactSummary), ...paginationMeta })
  .meta({ id: "CapabilityArtifactListResponse", description: "Paginated list of capability artifact summaries." });

const facetValue = z.object({ value: z.string(), count: z.number().int() });

export const capabilityFacetsResponse = z
  .object({ keywords: z.array(facetValue), authors: z.array(facetValue), licenses: z.array(facetValue) })
  .meta({ id: "CapabilityFacetsResponse", description: "Counts per keyword, author and license under the list's filters." });

export const capabilityVersionList = z
  .object({
    name: z.string(),
    versions: z.array(
      z.object({ id: z.string(), version: z.string(), runtime_digest: z.string(), artifact_sha256: z.string(), origin: z.record(z.string(), z.unknown()), created_at: z.string() }),
    ),
  })
  .meta({ id: "CapabilityVersionList" });

export const capabilityFilePath = capabilityVersionPath.extend({ path: z.array(z.string()).min(1) });

export const visibilityBody = z.object({ is_public: z.boolean() }).meta({ id: "CapabilityVisibilityRequest" });

export const visibilityResponse = z
  .object({ name: z.string(), is_public: z.boolean(), version_count: z.number().int() })
  .meta({ id: "CapabilityVisibility" });
