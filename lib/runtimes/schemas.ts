// API shapes of runtimes and their capability bindings; the binding is field for field seeds/001
// (RuntimeCapabilityBinding, RuntimeCapabilityListResponse).
import { z } from "zod";
import { componentType, toolComparison, trustStatus } from "@/lib/catalog/schemas";
import { toolDefinitionFields } from "@/lib/catalog/tools/fingerprint";
import { VERSION_PATTERN } from "@/lib/versions";

export const workspacePath = z.object({ org: z.string(), workspace: z.string() });
export const runtimePath = workspacePath.extend({
  runtime_id: z.uuid({ error: "not a runtime id (UUID)" }).meta({ description: "Runtime UUID" }),
});
export const bindingPath = runtimePath.extend({
  binding_id: z.uuid({ error: "not a binding id (UUID)" }).meta({ description: "Binding UUID" }),
});

const name = z.string().trim().min(1, "must not be empty").max(100);
const description = z.string().trim().max(1000);

export const createRuntimeBody = z
  .object({ name, description: description.default("") })
  .meta({ id: "CreateRuntimeRequest" });
export const updateRuntimeBody = z
  .object({ name: name.optional(), description: description.optional() })
  .refine((b) => b.name !== undefined || b.description !== undefined, {
    error: "give 'name', 'description' or both",
  })
  .meta({ id: "UpdateRuntimeRequest" });

const syncStatus = z.enum(["in_sync", "drift", "unknown"]);

const toolDriftStatus = z.enum(["none", "drift", "unknown"]).meta({
  description:
    "none: the tools the runtime last reported match the approved ones; drift: some differ; unknown: it never reported its tools (heartbeat `observed_tools`)",
});

export const toolDriftSummary = z.object({
  status: toolDriftStatus,
  count: z.number().int().meta({ description: "How many tools differ (added, removed, changed)" }),
  observed_at: z
    .string()
    .nullable()
    .meta({ description: "When the runtime last reported `observed_tools`" }),
  servers: z.number().int().meta({
    description:
      "How many MCP servers of the enabled bindings declare their tools (only these are checked)",
  }),
});

const diffPart = z.object({ op: z.enum(["equal", "added", "removed"]), text: z.string() });

const toolDifference = z
  .object({
    server: z.string(),
    tool: z.string(),
    kind: z.enum(["added", "removed", "changed"]).meta({
      description:
        "added: reported, not approved; removed: approved, not reported; changed: reported with another fingerprint",
    }),
    capability: z
      .string()
      .nullable()
      .meta({ description: "The bound version approving the server's tools, `name@version`" }),
    approved_fingerprint: z.string().nullable(),
    observed_fingerprint: z.string().nullable(),
    changes: z.array(
      z.object({
        field: z.enum([
          "description",
          "input_schema",
          "output_schema",
          "annotations",
          "fingerprint",
        ]),
        diff: z.array(diffPart).nullable().meta({
          description:
            "description: by words; schemas and annotations: by lines of key-sorted JSON; fingerprint (only a fingerprint was reported): null",
        }),
      }),
    ),
    summary: z.string().meta({ description: "What changed, in words" }),
  })
  .meta({ id: "RuntimeToolDifference" });

export const toolDriftReport = z
  .object({
    status: toolDriftStatus,
    count: toolDriftSummary.shape.count,
    observed_at: toolDriftSummary.shape.observed_at,
    checked_servers: z.array(z.string()).meta({
      description: "The enabled bound MCP servers that declare tools; only these are checked",
    }),
    differences: z.array(toolDifference),
  })
  .meta({ id: "RuntimeToolDrift" });

export const runtime = z
  .object({
    id: z.string().meta({ description: "Runtime UUID" }),
    name: z.string(),
    description: z.string(),
    binding_count: z.number().int(),
    enabled_count: z.number().int(),
    upgrades_available: z
      .number()
      .int()
      .meta({ description: "Bindings whose capability has a newer version" }),
    runtime_digest: z.string().meta({
      description: "Combined digest of the enabled bindings (what the runtime should load)",
    }),
    sync: z.object({
      status: syncStatus.meta({
        description:
          "in_sync: the last heartbeat reported the resolved digest; drift: it reported another; unknown: no heartbeat yet",
      }),
      reported_digest: z.string().nullable(),
      reported_status: z.string().nullable(),
      last_heartbeat_at: z.string().nullable(),
    }),
    tool_drift: toolDriftSummary.meta({
      description:
        "The tools the runtime last reported against the approved tools of its enabled bindings (details: GET .../tool-drift)",
    }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "Runtime" });

export const runtimeListResponse = z
  .object({ runtimes: z.array(runtime) })
  .meta({ id: "RuntimeListResponse" });

export const runtimeCapabilityBinding = z
  .object({
    id: z.string().meta({ description: "Binding UUID" }),
    artifact_id: z.string().meta({ description: "Bound artifact UUID" }),
    capability_name: z.string().meta({ description: "Capability name" }),
    version: z.string().meta({ description: "Bound artifact version" }),
    enabled: z.boolean().meta({ description: "Whether capability is active" }),
    flags: z.record(z.string(), z.boolean()).meta({ description: "Persisted flag overrides" }),
    component_counts: z
      .record(z.string(), z.number().int())
      .meta({ description: "Resolved component counts" }),
    description: z.string().nullable(),
    latest_version: z.string().nullable(),
    source: z
      .string()
      .nullable()
      .meta({ description: "`org` (the org's own) or `public` (another org's public capability)" }),
  })
  .meta({ id: "RuntimeCapabilityBinding", description: "Runtime-scoped capability binding." });

export const runtimeCapabilityListResponse = z
  .object({ items: z.array(runtimeCapabilityBinding) })
  .meta({
    id: "RuntimeCapabilityListResponse",
    description: "List of runtime capability bindings.",
  });

const semver = z.string().regex(VERSION_PATTERN, "not a version (X.Y.Z)");

export const createBindingBody = z
  .object({
    name: z
      .string()
      .regex(
        /^([a-z0-9][a-z0-9-]*\/)?[a-z0-9][a-z0-9-]*$/,
        "not a capability name (name, or owner/name for another org's public one)",
      ),
    version: semver.optional().meta({ description: "Default: the latest version" }),
  })
  .meta({ id: "CreateRuntimeCapabilityRequest" });

export const updateBindingBody = z
  .object({
    enabled: z.boolean().optional(),
    flags: z
      .record(z.string(), z.boolean().nullable())
      .optional()
      .meta({ description: "Overrides to set (true/false) or clear (null); others are kept" }),
    version: semver.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    const given = (["enabled", "flags", "version"] as const).filter((k) => b[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: "custom",
        message: given.length
          ? `give exactly one of enabled, flags or version, not ${given.join(" and ")}`
          : "give exactly one of enabled, flags or version",
      });
    }
  })
  .meta({
    id: "UpdateRuntimeCapabilityRequest",
    description: "Exactly one kind of change: `enabled`, `flags` or `version`.",
  });

export const resolvedConfiguration = z
  .object({
    capabilities: z.array(
      z.object({
        name: z.string(),
        version: z.string(),
        artifact_digest: z.string().meta({ description: "artifact_sha256 of the bundle" }),
        runtime_digest: z.string(),
        flags: z
          .record(z.string(), z.boolean())
          .meta({ description: "Effective values: manifest defaults overlaid by overrides" }),
        approved_tool_servers: z.array(z.string()).meta({
          description:
            "The MCP servers that declare their tools: any tool such a server exposes that is not in `approved_tools` (by name and fingerprint) is not approved. Servers not listed declare none and are not checked.",
        }),
        approved_tools: z
          .array(
            z.object({
              server: z.string(),
              name: z.string(),
              fingerprint: z.string().meta({
                description:
                  "Lowercase hex SHA-256 of the RFC 8785 canonical JSON of the tool's name, description, input_schema, output_schema and annotations (absent ones left out), as `tools/list` returns them",
              }),
            }),
          )
          .meta({
            description:
              "The approved tools of those servers. Covered by the version's runtime_digest (they come from its files), so the combined digest and the ETag change when they do.",
          }),
      }),
    ),
    runtime_digest: z.string().meta({
      description:
        "Combined digest: sha256 over the sorted lines `name NUL version NUL runtime_digest NUL flags LF` of the enabled bindings",
    }),
  })
  .meta({ id: "ResolvedRuntimeConfiguration" });

/** Bounds of `observed_tools`: what a runtime may report in one heartbeat. */
export const OBSERVED_TOOLS_MAX = 1000;
export const OBSERVED_TOOLS_MAX_BYTES = 512 * 1024;
const OBSERVED_TOOL_MAX_BYTES = 64 * 1024;

const utf8Bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), "utf8");

const observedTool = z
  .strictObject({
    server: z.string().trim().min(1, "the MCP server's name, as the capability names it").max(200),
    name: z.string().min(1, "a tool needs a non-empty 'name'").max(200),
    fingerprint: z
      .string()
      .regex(/^[0-9a-f]{64}$/, "a lowercase hex SHA-256 (the tool's fingerprint)")
      .optional(),
    ...toolDefinitionFields,
  })
  .superRefine((t, ctx) => {
    const defined = (
      [
        "description",
        "input_schema",
        "inputSchema",
        "output_schema",
        "outputSchema",
        "annotations",
      ] as const
    ).filter((k) => t[k] !== undefined);
    if (t.fingerprint !== undefined) {
      if (defined.length)
        ctx.addIssue({
          code: "custom",
          path: [defined[0]!],
          message: `give either 'fingerprint' or the tool's definition, not both (found '${defined.join("', '")}')`,
        });
      return;
    }
    if (t.input_schema === undefined && t.inputSchema === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["input_schema"],
        message:
          "a full entry needs 'input_schema' (MCP's inputSchema, a JSON Schema object); or send {server, name, fingerprint}",
      });
    if (t.input_schema !== undefined && t.inputSchema !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["inputSchema"],
        message: "give 'input_schema' or 'inputSchema', not both",
      });
    if (t.output_schema !== undefined && t.outputSchema !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["outputSchema"],
        message: "give 'output_schema' or 'outputSchema', not both",
      });
    if (utf8Bytes(t) > OBSERVED_TOOL_MAX_BYTES)
      ctx.addIssue({
        code: "custom",
        message: `one tool's definition may take at most ${OBSERVED_TOOL_MAX_BYTES / 1024} KiB of JSON`,
      });
  })
  .meta({
    id: "RuntimeObservedTool",
    description:
      "A tool as the runtime saw it in the server's `tools/list`: its definition (Quiver computes the fingerprint), or only `{server, name, fingerprint}`",
  });

const observedTools = z
  .array(observedTool)
  .max(OBSERVED_TOOLS_MAX, `at most ${OBSERVED_TOOLS_MAX} tools per heartbeat`)
  .superRefine((tools, ctx) => {
    if (utf8Bytes(tools) > OBSERVED_TOOLS_MAX_BYTES)
      ctx.addIssue({
        code: "custom",
        message: `at most ${OBSERVED_TOOLS_MAX_BYTES / 1024} KiB of JSON in all; send {server, name, fingerprint} entries for large tool sets`,
      });
    const seen = new Set<string>();
    tools.forEach((t, i) => {
      const key = `${t.server}\u0000${t.name}`;
      if (seen.has(key))
        ctx.addIssue({
          code: "custom",
          path: [i, "name"],
          message: `server '${t.server}' reports tool '${t.name}' twice`,
        });
      seen.add(key);
    });
  });

export const heartbeatBody = z
  .object({
    runtime_digest: z.string().regex(/^[0-9a-f]{64}$/, "a sha256 hex digest"),
    status: z
      .string()
      .trim()
      .max(200)
      .optional()
      .meta({ description: "Free text, e.g. `ok` or the error the runtime hit" }),
    observed_tools: observedTools.optional().meta({
      description:
        "What the runtime saw from its MCP servers' `tools/list`: full definitions or `{server, name, fingerprint}`. Omitted: the last observation stands; `[]`: it sees no tools.",
    }),
  })
  .meta({ id: "RuntimeHeartbeatRequest" });

export const heartbeatResponse = z
  .object({
    sync: syncStatus,
    runtime_digest: z.string().meta({ description: "The resolved digest it was compared with" }),
    received_at: z.string(),
    tool_drift: toolDriftReport,
  })
  .meta({ id: "RuntimeHeartbeatResponse" });

export const upgradePreviewQuery = z.object({
  to: semver.optional().meta({ description: "Default: the latest version" }),
});

const componentRef = z.object({ type: componentType, name: z.string() });

const unpinnedFetch = z
  .object({
    component: z.string().meta({
      description:
        "Where it is fetched: `MCP server '<name>'`, `worker '<name>'`, `check '<name>'`, `Python dependency`, `system package` or `script <path>`",
    }),
    path: z.string().nullable().meta({ description: "The file that declares it" }),
    line: z.number().int().nullable().meta({ description: "1-based line in that file" }),
    command: z
      .string()
      .meta({ description: "The command line or requirement as written, secrets redacted" }),
    target: z.string().meta({
      description: "What is fetched: package spec, image, URL, or the download piped into a shell",
    }),
    kind: z.enum(["npm", "python", "container", "download_to_shell"]),
    reason: z.string().meta({ description: "Why it is not pinned" }),
    fix: z.string().meta({ description: "How to pin it" }),
    severity: z.enum(["warn", "fail"]).meta({
      description: "`fail` for a download piped into a shell, `warn` for the rest",
    }),
    introduced: z.boolean().meta({
      description: "True when the bound version does not fetch this; false when it already did",
    }),
  })
  .meta({
    id: "UnpinnedFetch",
    description:
      "Code fetched at run time without an exact version, digest or commit (`npx pkg`, `pkg@latest`, `uvx`/`pipx` from `git+` without a ref, a Docker image by `latest` or no tag, `pip install` without `==`, `curl … | sh`): the trust card's `capabilities.unpinned_fetch`",
  });

export const upgradePreview = z
  .object({
    binding_id: z.string(),
    capability_name: z.string(),
    from: z.string(),
    to: z.string(),
    components: z.object({ added: z.array(componentRef), removed: z.array(componentRef) }),
    new_mcp_servers: z.array(z.string()),
    new_hosts: z.array(z.string()),
    new_commands: z.array(z.string()),
    flags: z.object({
      added: z.array(z.object({ name: z.string(), default: z.boolean(), description: z.string() })),
      removed: z.array(z.string()),
    }),
    dropped_overrides: z.array(z.object({ flag: z.string(), value: z.boolean() })).meta({
      description: "Overrides on flags the new version no longer declares; upgrading drops them",
    }),
    tools: toolComparison,
    runtime_digest_after: z
      .string()
      .meta({ description: "The runtime's combined digest if this upgrade is applied" }),
    trust: z.object({
      from_status: trustStatus,
      to_status: trustStatus,
      risks: z.array(z.string()),
    }),
    unpinned_fetches: z.array(unpinnedFetch).meta({
      description:
        "What the target version fetches at run time without a pin, whether it introduces it or already had it",
    }),
  })
  .meta({ id: "RuntimeUpgradePreview" });
