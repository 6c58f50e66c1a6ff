// The seeds/003 compatibility surface (/api/v1/ai/releases): camelCase, the workspace from the API
// token (or Cargo's `selected-workspace-uuid` header), the canonical error envelope plus the seed's
// error name in `reason` and an `errorMessage` (what Cargo's client reads). The deploy body is the
// seed's, field for field, plus `parentUuid` (ours, optional: deploy only if the draft was still
// drafted from that release). Bodies follow Cargo's client types (@cargo-ai/types): a field they
// do not know is refused (422 naming it), never dropped.
import { z } from "zod";
import { camel as c, uuidV4, versionField } from "./shapes";

const agentUuid = uuidV4("an agent id").meta({ description: "Agent identifier." });

export const compatReleasePath = z.object({ uuid: uuidV4("a release id") });
export const compatAgentQuery = z.object({ agentUuid });
const releaseStatus = z.enum(["draft", "deployed", "archived"], {
  error: "must be draft, deployed or archived",
});
/** One status, or several: `statuses[]=a&statuses[]=b` (Cargo's client, Axios-style) or `statuses=a&statuses=b`. */
const statusList = z
  .union([releaseStatus, z.array(releaseStatus)])
  .transform((v) => (Array.isArray(v) ? v : [v]));

export const compatListQuery = z.object({
  agentUuid: agentUuid.optional().meta({
    description: "Agent identifier; omitted: the releases of every agent of the workspace",
  }),
  userUuid: z
    .string()
    .max(100)
    .optional()
    .meta({ description: "Only releases deployed (or, for a draft, last changed) by this user" }),
  statuses: statusList
    .optional()
    .meta({ description: "Only these statuses (default: deployed and archived)" }),
  "statuses[]": statusList
    .optional()
    .meta({ description: "The same, as Cargo's client encodes it" }),
  limit: z.coerce.number().int().min(1, "1–100").max(100, "1–100").default(20),
  offset: z.coerce.number().int().min(0, "at least 0").default(0),
});

const description = z.string().max(2000, "at most 2000 characters");

const options = z
  .strictObject({
    connectorUuidsByIntegrationSlug: z.record(z.string(), uuidV4("a connector id")).optional(),
    modelUuidsByIntegrationSlug: z.record(z.string(), uuidV4("a model id")).optional(),
  })
  .optional()
  .meta({
    description:
      "Release options: connector and model ids by integration slug (recorded in the audit event).",
  });

export const compatDeployBody = c
  .strict({
    agentUuid,
    ...c.configFields,
    integrationSlug: z
      .string({ error: (i) => (i.input === undefined ? "required" : "must be a string") })
      .trim()
      .min(1, "must not be empty")
      .max(200),
    languageModelSlug: z
      .string({ error: (i) => (i.input === undefined ? "required" : "must be a string") })
      .trim()
      .min(1, "must not be empty")
      .max(200),
    version: versionField.optional(),
    description: description.optional(),
    options,
    parentUuid: uuidV4("a release id").optional().meta({
      description:
        "Ours: deploy only if the draft is still drafted from this release (else 409 invalidParent).",
    }),
  })
  .superRefine(c.unique)
  .meta({ id: "CompatDeployDraftRequest" });

/** The seed's updateDraft names only what it changes: every configuration field optional. */
const partialConfig = Object.fromEntries(
  Object.entries(c.configFields).map(([k, v]) => [k, v.optional()]),
) as {
  [K in keyof typeof c.configFields]: z.ZodOptional<(typeof c.configFields)[K]>;
};

export const compatUpdateDraftBody = c
  .strict({
    agentUuid,
    ...partialConfig,
    options,
    description: description
      .optional()
      .meta({ description: "The description the next deploy gets; omitted: unchanged" }),
    parentUuid: uuidV4("a release id").optional().meta({
      description:
        "Save only if the draft is still drafted from this release (else 409 invalidParent).",
    }),
  })
  .superRefine(c.unique)
  .meta({
    id: "CompatUpdateDraftRequest",
    description:
      "Changes only the fields it names (`{agentUuid, systemPrompt}` changes the system prompt); the others keep their values.",
  });

export const compatRestoreBody = z
  .object({
    uuid: uuidV4("a release id").meta({
      description: "The release to copy into its agent's draft",
    }),
  })
  .meta({ id: "CompatRestoreReleaseRequest" });

export const compatRelease = z
  .object({
    uuid: z.string(),
    parentUuid: z.string().nullable(),
    workspaceUuid: z.string(),
    userUuid: z.string().nullable(),
    agentUuid: z.string(),
    description: z.string(),
    templateSlug: z.string().nullable(),
    version: z
      .string()
      .meta({ description: "On the draft: the version a deploy without one gets" }),
    actions: z.array(c.action),
    resources: z.array(c.resource),
    capabilities: z.array(c.capability),
    suggestedActions: z.array(c.suggestedAction),
    systemPrompt: z.string(),
    withReasoning: z.boolean(),
    temperature: z.number().meta({ description: "Unset: 0.7 (Cargo's client types say a number)" }),
    maxSteps: z
      .number()
      .int()
      .meta({ description: "Unset: 10 (Cargo's client types say a number)" }),
    integrationSlug: z.string(),
    connectorUuid: z.string().nullable(),
    languageModelSlug: z.string(),
    mcpClients: z.array(c.mcpClient),
    output: c.output.nullable(),
    heartbeat: c.heartbeat.nullable(),
    evaluator: c.evaluator.nullable(),
    deployedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    status: z.enum(["draft", "deployed", "archived"]),
  })
  .meta({
    id: "CompatRelease",
    description: "A release (seeds/003). MCP client secrets are redacted (last 4 characters).",
  });

export const compatReleaseResponse = z
  .object({ release: compatRelease })
  .meta({ id: "CompatReleaseResponse" });
export const compatReleaseList = z
  .object({ releases: z.array(compatRelease), total: z.number().int() })
  .meta({ id: "CompatReleaseList" });
