// API shapes of the catalog, field for field as seeds/000 (CapabilityArtifactDetail).
import { z } from "zod";
import { paginationMeta, repeated } from "@/lib/api/schemas";
import { VERSION_PATTERN } from "@/lib/versions";
import { TRUST_LEVELS } from "./trust/level";

export const componentType = z.enum(["agent", "tool", "skill", "mcp_server", "worker"]);

const jsonObject = z.record(z.string(), z.unknown());
const fingerprint = z
  .string()
  .meta({ description: "Lowercase hex SHA-256 of the tool's RFC 8785 canonical JSON" });

const approvedTool = z
  .object({
    name: z.string(),
    description: z.string().optional(),
    input_schema: jsonObject,
    output_schema: jsonObject.optional(),
    annotations: jsonObject.optional(),
    fingerprint,
  })
  .meta({
    id: "ApprovedTool",
    description:
      "A tool an MCP server declares it is approved to expose. `fingerprint` covers name, description, input_schema, output_schema and annotations (absent ones left out), so reordered keys and whitespace never change it.",
  });

const mcpServerMetadata = z
  .looseObject({
    tools: z.array(approvedTool).optional().meta({
      description:
        "Present exactly when the server declares its tools (an empty list included): the approved tools, each with its fingerprint",
    }),
  })
  .meta({
    id: "McpServerMetadata",
    description:
      "An mcp_server's metadata: how it is reached or started (url, command, args, env_keys, header_keys, when) and its approved `tools`.",
  });

const capabilityComponentDetail = z
  .object({
    name: z.string(),
    path: z.string(),
    type: componentType,
    description: z.string().nullable().optional(),
    metadata: z.union([mcpServerMetadata, jsonObject]).nullable().optional().meta({
      description: "Per type; for an mcp_server, McpServerMetadata",
    }),
  })
  .meta({ id: "CapabilityComponentDetail" });

const capabilityArtifactFileEntry = z
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
  .meta({
    id: "CapabilityArtifactDetail",
    description: "Full artifact detail for version-specific endpoint.",
  });

export const capabilityPath = z.object({
  org: z.string(),
  name: z
    .string()
    .regex(/^([a-z0-9][a-z0-9-]*\/)?[a-z0-9][a-z0-9-]*$/, "not a capability name")
    .meta({
      description:
        "The org's own capability, or another org's public one as `owner/name` (URL-encoded: `owner%2Fname`)",
    }),
});
export const capabilityVersionPath = capabilityPath.extend({
  version: z.string().regex(/^\d+\.\d+\.\d+$/, "not a version (X.Y.Z)"),
});

// The spellings FastAPI (seeds/002's server) accepts for a bool, in any case: Python's `requests`
// sends `True`/`False` for a bool parameter.
const boolParam = z
  .stringbool({
    truthy: ["true", "1", "yes", "on", "t", "y"],
    falsy: ["false", "0", "no", "off", "f", "n"],
    case: "insensitive",
    error: "must be true or false",
  })
  .meta({ type: "boolean" });

export const listCapabilitiesQuery = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: "Filter by capability name" }),
  search: z.string().trim().max(200).optional().meta({ description: "Full-text search" }),
  keywords: repeated(z.string().trim().toLowerCase().min(1)).meta({
    description: "Filter by keywords (overlap)",
  }),
  author: repeated(z.string().min(1)).meta({ description: "Filter by author name (OR)" }),
  license: repeated(z.string().min(1)).meta({ description: "Filter by license (OR)" }),
  trust: repeated(z.enum(TRUST_LEVELS)).meta({
    description:
      "Filter by the latest version's trust level (OR): `fail` (a failing signal), `warn` (warnings only), `clean`",
  }),
  // Left out, a search sorts by relevance; the documented default is what every other list uses.
  sort_by: z.enum(["name", "author_name", "license", "created_at", "updated_at"]).optional().meta({
    default: "created_at",
    description:
      "Column to sort by. Default: created_at (the latest version's push), or relevance when `search` is given",
  }),
  sort_dir: z.enum(["asc", "desc"]).default("desc"),
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  include_public: boolParam
    .optional()
    .meta({ description: "Include public capabilities from other orgs" }),
});

const trustLevel = z.enum(TRUST_LEVELS).nullable().optional().meta({
  description:
    "The trust card's level for this version: `fail` (a failing signal), `warn` (warnings only) or `clean`; null while not yet computed",
});
const trustCounts = z
  .object({
    fail: z.number().int(),
    warn: z.number().int(),
    pass: z.number().int(),
    info: z.number().int(),
  })
  .nullable()
  .optional()
  .meta({ description: "The trust card's signals per status; null while not yet computed" });

export const capabilityArtifactSummary = capabilityArtifactDetail
  .omit({ manifest: true, file_manifest: true, artifact_sha256: true, runtime_digest: true })
  .extend({ trust_level: trustLevel, trust_counts: trustCounts })
  .meta({
    id: "CapabilityArtifactSummary",
    description: "Artifact summary for list/search endpoints.",
  });

export const capabilityArtifactListResponse = z
  .object({ capabilities: z.array(capabilityArtifactSummary), ...paginationMeta })
  .meta({
    id: "CapabilityArtifactListResponse",
    description: "Paginated list of capability artifact summaries.",
  });

const facetValue = z.object({ value: z.string(), count: z.number().int() });

export const capabilityFacetsResponse = z
  .object({
    keywords: z.array(facetValue),
    authors: z.array(facetValue),
    licenses: z.array(facetValue),
    trust_levels: z.array(facetValue).optional().meta({
      description: "Counts per trust level (`fail`, `warn`, `clean`) of the latest versions",
    }),
  })
  .meta({
    id: "CapabilityFacetsResponse",
    description: "Counts per keyword, author, license and trust level under the list's filters.",
  });

export const capabilityVersionList = z
  .object({
    name: z.string(),
    versions: z.array(
      z.object({
        id: z.string(),
        version: z.string(),
        runtime_digest: z.string(),
        artifact_sha256: z.string(),
        origin: z.record(z.string(), z.unknown()),
        created_at: z.string(),
      }),
    ),
  })
  .meta({ id: "CapabilityVersionList" });

export const capabilityFilePath = capabilityVersionPath.extend({
  path: z.array(z.string()).min(1),
});

export const visibilityBody = z
  .object({ is_public: z.boolean() })
  .meta({ id: "CapabilityVisibilityRequest" });

export const visibilityResponse = z
  .object({ name: z.string(), is_public: z.boolean(), version_count: z.number().int() })
  .meta({ id: "CapabilityVisibility" });

export const trustStatus = z.enum(["pass", "warn", "fail", "info"]);

const trustSignal = z
  .object({
    id: z
      .string()
      .meta({ description: "Stable id, e.g. `content.secrets` or `capabilities.mcp.<server>`" }),
    status: trustStatus,
    title: z.string(),
    explanation: z.string().meta({ description: "One line on what the signal means" }),
    evidence: z
      .array(
        z.object({
          path: z.string().nullable(),
          line: z.number().int().nullable(),
          detail: z.string(),
        }),
      )
      .meta({ description: "Where it was seen; secrets are never shown" }),
  })
  .meta({ id: "TrustSignal" });

export const trustCard = z
  .object({
    name: z.string(),
    version: z.string(),
    status: trustStatus.meta({
      description: "The worst status of any signal (info does not count)",
    }),
    counts: z.object({
      pass: z.number().int(),
      warn: z.number().int(),
      fail: z.number().int(),
      info: z.number().int(),
    }),
    summary: z.object({
      contains: z.record(z.string(), z.number().int()),
      origin: z.string(),
      may_do: z.array(z.string()),
      risks: z
        .array(z.string())
        .meta({ description: "Titles of the fail and warn signals, worst first" }),
    }),
    previous_version: z.string().nullable(),
    sections: z.array(
      z.object({
        id: z.enum(["integrity", "provenance", "license", "capabilities", "content", "changes"]),
        title: z.string(),
        status: trustStatus,
        signals: z.array(trustSignal),
      }),
    ),
  })
  .meta({
    id: "TrustCard",
    description:
      "Evidence about a capability version: integrity, provenance, license, what it may do, content scans, changes since the previous version.",
  });

const semver = z.string().regex(VERSION_PATTERN, "not a version (X.Y.Z)");

export const diffQuery = z.object({
  from: semver
    .optional()
    .meta({ description: "The older side (default: the version before `to`)" }),
  to: semver.optional().meta({ description: "The newer side (default: the latest version)" }),
});

/** A file's text diff, or why there is none: for changed files, and for added or removed ones. */
const fileContentDiff = {
  binary: z.boolean(),
  additions: z.number().int().nullable(),
  deletions: z.number().int().nullable(),
  diff: z.string().nullable().meta({ description: "Unified diff with 3 lines of context" }),
  diff_omitted: z.enum(["binary", "too_large", "too_different"]).nullable(),
};
const diffFileEntry = z.object({
  path: z.string(),
  sha256: z.string(),
  size_bytes: z.number().int(),
  ...fileContentDiff,
});

const trustSide = z.object({ status: trustStatus, title: z.string() }).nullable();

const toolRef = z.object({
  server: z.string(),
  name: z.string(),
  fingerprint,
  description: z.string().optional(),
});

export const toolComparison = z
  .object({
    added: z.array(toolRef),
    removed: z.array(toolRef),
    changed: z.array(
      z.object({
        server: z.string(),
        name: z.string(),
        fields: z
          .array(z.enum(["description", "input_schema", "output_schema", "annotations"]))
          .meta({
            description:
              "The covered fields that differ (empty when a side gave only its fingerprint)",
          }),
        from_fingerprint: z.string(),
        to_fingerprint: z.string(),
        description_diff: z
          .object({
            words: z
              .array(z.object({ op: z.enum(["equal", "added", "removed"]), text: z.string() }))
              .nullable()
              .meta({ description: "Changed words; null when too different to diff word by word" }),
            diff: z
              .string()
              .nullable()
              .meta({ description: "Unified diff of the lines, 3 lines of context" }),
          })
          .optional()
          .meta({ description: "When the description changed" }),
      }),
    ),
  })
  .meta({
    id: "ToolComparison",
    description:
      "Approved MCP tools added, removed or changed, per server (fingerprints first: reordered keys or whitespace are no change; a rename is a removal and an addition).",
  });

export const capabilityVersionDiff = z
  .object({
    name: z.string(),
    from: z.string(),
    to: z.string(),
    summary: z.object({
      files_added: z.number().int(),
      files_removed: z.number().int(),
      files_changed: z.number().int(),
      components_added: z.number().int(),
      components_removed: z.number().int(),
      components_changed: z.number().int(),
      manifest_changes: z.number().int(),
      trust_changes: z.number().int(),
      tools_added: z.number().int(),
      tools_removed: z.number().int(),
      tools_changed: z.number().int(),
    }),
    files: z.object({
      added: z.array(diffFileEntry).meta({
        description: "Files only in `to`, each with its content as a diff from nothing",
      }),
      removed: z.array(diffFileEntry).meta({
        description: "Files only in `from`, each with its content as a diff to nothing",
      }),
      changed: z.array(
        z.object({
          path: z.string(),
          from_sha256: z.string(),
          to_sha256: z.string(),
          from_size_bytes: z.number().int(),
          to_size_bytes: z.number().int(),
          ...fileContentDiff,
        }),
      ),
      unchanged: z.number().int(),
    }),
    components: z.object({
      added: z.array(capabilityComponentDetail),
      removed: z.array(capabilityComponentDetail),
      changed: z.array(
        z.object({
          type: componentType,
          name: z.string(),
          fields: z.array(z.string()),
          from: capabilityComponentDetail,
          to: capabilityComponentDetail,
        }),
      ),
    }),
    tools: toolComparison,
    manifest: z.array(
      z.object({
        path: z.string(),
        change: z.enum(["added", "removed", "changed"]),
        from: z.unknown().optional(),
        to: z.unknown().optional(),
      }),
    ),
    trust: z.object({
      from_status: trustStatus,
      to_status: trustStatus,
      changes: z.array(
        z.object({
          id: z.string(),
          section: z.string(),
          change: z.enum(["added", "removed", "changed"]),
          from: trustSide,
          to: trustSide,
        }),
      ),
    }),
  })
  .meta({
    id: "CapabilityVersionDiff",
    description:
      "What changed from one version to another: files, components, approved MCP tools, manifest keys and trust signals.",
  });
