// The canonical API shapes of agents, their draft and releases (snake_case): the seed's release
// fields renamed, plus what the canonical API adds (status, revision, the optimization run, who).
import { z } from "zod";
import { snake as s, uuidV4, versionField } from "./shapes";

export const workspacePath = z.object({ org: z.string(), workspace: z.string() });
export const agentPath = workspacePath.extend({
  agent_id: uuidV4("an agent id").meta({ description: "Agent UUID" }),
});
export const releasePath = agentPath.extend({
  release_id: uuidV4("a release id").meta({ description: "Release UUID" }),
});

const name = z
  .string({ error: (i) => (i.input === undefined ? "required" : "must be a string") })
  .trim()
  .min(1, "must not be empty")
  .max(100, "at most 100 characters");
const description = z.string().trim().max(2000, "at most 2000 characters");

export const createAgentBody = z
  .object({ name, description: description.default("") })
  .meta({ id: "CreateAgentRequest" });
export const updateAgentBody = z
  .object({ name: name.optional(), description: description.optional() })
  .refine((b) => b.name !== undefined || b.description !== undefined, {
    error: "give 'name', 'description' or both",
  })
  .meta({ id: "UpdateAgentRequest" });

const userRef = z
  .object({ id: z.string(), email: z.string(), name: z.string() })
  .meta({ id: "AgentUserRef" });

export const agent = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    deployed_release: z
      .object({
        id: z.string(),
        version: z.string(),
        deployed_at: z.string(),
        deployed_by: userRef.nullable(),
      })
      .nullable()
      .meta({ description: "The release the agent runs; null until the first deploy" }),
    release_count: z.number().int().meta({ description: "Deployed and archived releases" }),
    draft_id: z
      .string()
      .nullable()
      .meta({ description: "Null until the draft is first opened (GET …/draft)" }),
    draft_revision: z.number().int().nullable(),
    draft_changed: z.boolean().meta({
      description: "The draft differs from the deployed release (or nothing is deployed yet)",
    }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "Agent" });

export const agentList = z.object({ agents: z.array(agent) }).meta({ id: "AgentList" });

const status = z.enum(["draft", "deployed", "archived"]);

export const release = z
  .object({
    id: z.string(),
    agent_id: z.string(),
    workspace_id: z.string(),
    parent_id: z.string().nullable().meta({ description: "The release this one was drafted from" }),
    user_id: z.string().nullable(),
    user: userRef
      .nullable()
      .meta({ description: "Who deployed it; on the draft, who changed it last" }),
    status: status.meta({
      description:
        "draft; deployed (the one the agent runs); archived (deployed before, replaced since)",
    }),
    version: z.string().nullable().meta({ description: "Null on the draft" }),
    description: z.string(),
    template_slug: z.string().nullable(),
    actions: z.array(s.action),
    resources: z.array(s.resource),
    capabilities: z.array(s.capability),
    suggested_actions: z.array(s.suggestedAction),
    system_prompt: z.string(),
    with_reasoning: z.boolean(),
    temperature: z.number().nullable(),
    max_steps: z.number().int().nullable(),
    integration_slug: z.string(),
    connector_uuid: z.string().nullable(),
    language_model_slug: z.string(),
    mcp_clients: z
      .array(s.mcpClient)
      .meta({ description: "Secrets redacted to their last 4 characters" }),
    output: s.output.nullable(),
    heartbeat: s.heartbeat.nullable(),
    evaluator: s.evaluator.nullable(),
    revision: z.number().int().meta({
      description:
        "On the draft: its edit counter, which a PUT must name; on a release: the draft revision it was deployed from",
    }),
    optimization_job_id: z.string().nullable().meta({
      description:
        "The optimization run whose winner was applied to the draft this release came from",
    }),
    optimization_applied_at: z.string().nullable(),
    deployed_at: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "AgentRelease" });

export const draft = release
  .extend({
    next_version: z.string().nullable().meta({
      description:
        "The version a deploy without one gets (null: the patch number is exhausted, give one)",
    }),
    changed: z
      .boolean()
      .meta({ description: "Differs from the deployed release (or nothing is deployed yet)" }),
  })
  .meta({ id: "AgentDraft" });

export const updateDraftBody = s
  .obj({
    ...s.configFields,
    description: description
      .optional()
      .meta({ description: "The description the next deploy gets; omitted: unchanged" }),
    revision: z
      .number({
        error: (i) =>
          i.input === undefined
            ? "required: the draft revision this change is based on"
            : "must be a number",
      })
      .int()
      .min(1),
  })
  .superRefine(s.unique)
  .meta({
    id: "UpdateAgentDraftRequest",
    description:
      "The whole draft (what it leaves out is cleared, template_slug excepted), based on `revision`: a stale one → 409.",
  });

export const deployBody = z
  .object({
    version: versionField.optional(),
    description: description.optional().meta({ description: "Default: the draft's" }),
    revision: z
      .number()
      .int()
      .min(1)
      .optional()
      .meta({ description: "Deploy only this revision of the draft (else 409)" }),
  })
  .meta({ id: "DeployAgentDraftRequest" });

export const rollbackBody = z
  .object({
    draft_revision: z.number().int().min(1).optional().meta({
      description:
        "Roll back only if the draft is still at this revision (else 409): the draft's contents are replaced",
    }),
    version: versionField.optional(),
    description: description.optional().meta({ description: "Default: 'Roll back to <version>'" }),
  })
  .meta({ id: "RollbackAgentRequest" });

export const releaseSummary = z
  .object({
    id: z.string(),
    version: z.string(),
    status,
    description: z.string(),
    parent_id: z.string().nullable(),
    user: userRef.nullable(),
    optimization_job_id: z.string().nullable(),
    deployed_at: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: "AgentReleaseSummary" });

export const releaseListQuery = z.object({
  limit: z.coerce.number().int().min(1, "1–100").max(100, "1–100").default(20),
  offset: z.coerce.number().int().min(0, "at least 0").default(0),
});

export const releaseList = z
  .object({
    releases: z.array(releaseSummary),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .meta({
    id: "AgentReleaseList",
    description: "Deployed and archived releases, newest first (the draft is at …/draft).",
  });

const side = z.union([
  z.literal("draft"),
  z.literal("deployed"),
  uuidV4("a release id, 'draft' or 'deployed'"),
]);
export const diffQuery = z.object({
  from: side
    .default("deployed")
    .meta({ description: "A release id, `deployed` (default) or `draft`" }),
  to: side.default("draft").meta({ description: "A release id, `draft` (default) or `deployed`" }),
});

const diffSide = z.object({ id: z.string(), version: z.string().nullable(), status }).nullable();

export const releaseDiff = z
  .object({
    from: diffSide.meta({
      description: "Null: nothing deployed yet (compared with an empty configuration)",
    }),
    to: diffSide,
    changes: z.array(
      z.object({
        field: z.string(),
        before: z.unknown(),
        after: z.unknown(),
        text_diff: z
          .object({
            diff: z.string().nullable(),
            additions: z.number().int().nullable(),
            deletions: z.number().int().nullable(),
            omitted: z.enum(["too_different"]).nullable(),
          })
          .nullable()
          .meta({ description: "system_prompt: a unified diff" }),
        note: z.string().nullable(),
      }),
    ),
    unchanged: z.array(z.string()),
  })
  .meta({
    id: "AgentReleaseDiff",
    description:
      "Each configuration field that differs, with its value before and after (MCP client secrets redacted).",
  });
