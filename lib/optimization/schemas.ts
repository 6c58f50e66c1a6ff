// API shapes of prompts, personas and optimization jobs on the canonical surface (snake_case).
// The two bodies external tools write (create a job, report progress) are exactly the issue's.
import { z } from "zod";
import { paginationMeta } from "@/lib/api/schemas";
import { DEFAULT_MAX_TURNS, REPORT_MAX_CELLS, REPORT_MAX_LOG_LINES } from "./bounds";

export const wsPath = z.object({ org: z.string(), workspace: z.string() });
export const promptPath = wsPath.extend({ id: z.uuid({ error: "not a prompt id (UUID)" }) });
export const personaPath = wsPath.extend({ id: z.uuid({ error: "not a persona id (UUID)" }) });
export const jobPath = wsPath.extend({ job_id: z.uuid({ error: "not a job id (UUID)" }) });

const text = (max: number) => z.string().trim().max(max);
const tags = z.array(z.string().trim().toLowerCase().min(1).max(50)).max(20);

export const promptStatus = z.enum(["draft", "active", "deprecated", "archived"]);

export const promptVersion = z
  .object({
    id: z.string(),
    number: z.number().int(),
    content: z.string(),
    note: z.string().nullable(),
    source: z.record(z.string(), z.unknown()).meta({
      description:
        '`{type: "manual"}` or `{type: "optimization", job_id, variant_id, lift, confidence}`',
    }),
    created_at: z.string(),
  })
  .meta({ id: "PromptVersion" });

export const prompt = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    tags: z.array(z.string()),
    status: promptStatus,
    active_version: promptVersion.nullable(),
    version_count: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "Prompt" });

export const promptList = z
  .object({ prompts: z.array(prompt), ...paginationMeta })
  .meta({ id: "PromptListResponse" });
export const promptListQuery = z.object({
  status: promptStatus.optional(),
  tag: z.string().trim().toLowerCase().optional(),
  search: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const createPromptBody = z
  .object({
    name: text(200).min(1, "must not be empty"),
    description: text(2000).default(""),
    tags: tags.default([]),
    status: promptStatus.default("draft"),
    content: z
      .string()
      .min(1, "must not be empty")
      .max(200_000)
      .meta({ description: "The first version's content" }),
  })
  .meta({ id: "CreatePromptRequest" });

export const updatePromptBody = z
  .object({
    name: text(200).min(1).optional(),
    description: text(2000).optional(),
    tags: tags.optional(),
    status: promptStatus.optional(),
    active_version_id: z
      .uuid()
      .optional()
      .meta({ description: "Make another version of this prompt the active one" }),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { error: "give at least one field to change" })
  .meta({ id: "UpdatePromptRequest" });

export const createPromptVersionBody = z
  .object({
    content: z.string().min(1, "must not be empty").max(200_000),
    note: text(500).optional(),
    activate: z
      .boolean()
      .default(true)
      .meta({ description: "Make it the active version (default true)" }),
  })
  .meta({ id: "CreatePromptVersionRequest" });

export const promptVersionList = z
  .object({ versions: z.array(promptVersion) })
  .meta({ id: "PromptVersionList" });

const difficulty = z.enum(["easy", "medium", "hard"]);

export const persona = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    goals: z.array(z.string()),
    traits: z.array(z.string()),
    difficulty,
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "Persona" });

export const personaList = z
  .object({ personas: z.array(persona) })
  .meta({ id: "PersonaListResponse" });

const stringList = z.array(z.string().trim().min(1).max(300)).max(20);

export const createPersonaBody = z
  .object({
    name: text(100).min(1, "must not be empty"),
    description: text(2000).default(""),
    goals: stringList.default([]),
    traits: stringList.default([]),
    difficulty: difficulty.default("medium"),
  })
  .meta({ id: "CreatePersonaRequest" });

export const updatePersonaBody = z
  .object({
    name: text(100).min(1).optional(),
    description: text(2000).optional(),
    goals: stringList.optional(),
    traits: stringList.optional(),
    difficulty: difficulty.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { error: "give at least one field to change" })
  .meta({ id: "UpdatePersonaRequest" });

export const jobStatus = z.enum(["queued", "running", "completed", "failed", "stopped"]);
export const jobMode = z.enum(["exploratory", "validation"]);
const executor = z.enum(["builtin", "external"]);
const targetKind = z.enum(["prompt", "capability_agent", "agent_draft"]);

const runName = z.string().trim().min(1, "must not be empty").max(200);

export const createJobBody = z
  .object({
    name: runName
      .optional()
      .meta({ description: "What people call the run; default: its target and a short id" }),
    target_kind: targetKind,
    prompt_id: z.uuid().optional(),
    agent_id: z.uuid().optional().meta({
      description: "target_kind agent_draft: the agent whose draft's system prompt is optimized",
    }),
    capability_ref: z
      .object({
        name: z
          .string()
          .regex(/^([a-z0-9][a-z0-9-]*\/)?[a-z0-9][a-z0-9-]*$/, "not a capability name"),
        version: z
          .string()
          .regex(/^\d+\.\d+\.\d+$/, "not a version (X.Y.Z)")
          .optional(),
      })
      .optional(),
    agent_name: z.string().min(1).optional(),
    mode: jobMode.default("exploratory"),
    variant_count: z.number().int().min(1).max(5).default(3),
    intent: z
      .object({
        target_improvements: z.array(z.string().trim().min(1).max(100)).max(10).default([]),
        hypothesis: z.string().trim().max(2000).nullable().optional(),
      })
      .default({ target_improvements: [] }),
    persona_ids: z.array(z.uuid()).max(50).optional(),
    executor: executor
      .optional()
      .meta({ description: "Default: builtin when a model provider is configured, else external" }),
    max_turns: z.number().int().min(1).max(20).default(DEFAULT_MAX_TURNS).meta({
      description:
        "Agent answers per simulated conversation at most (built-in executor); an external executor's transcripts hold at most 2 × max_turns + 2 turns",
    }),
  })
  .superRefine((b, ctx) => {
    if (b.target_kind === "prompt" && !b.prompt_id)
      ctx.addIssue({
        code: "custom",
        path: ["prompt_id"],
        message: "required when target_kind is 'prompt'",
      });
    if (b.target_kind === "agent_draft" && !b.agent_id)
      ctx.addIssue({
        code: "custom",
        path: ["agent_id"],
        message: "required when target_kind is 'agent_draft'",
      });
    if (b.target_kind === "capability_agent") {
      if (!b.capability_ref)
        ctx.addIssue({
          code: "custom",
          path: ["capability_ref"],
          message: "required when target_kind is 'capability_agent'",
        });
      if (!b.agent_name)
        ctx.addIssue({
          code: "custom",
          path: ["agent_name"],
          message: "required when target_kind is 'capability_agent'",
        });
    }
  })
  .meta({ id: "CreateOptimizationJobRequest" });

const nullableNumber = z.number().nullable();

const jobResults = z
  .object({
    winner_selected: z.boolean(),
    winning_variant_id: z.string().nullable(),
    lift: nullableNumber.meta({ description: "% on the primary metric" }),
    confidence: nullableNumber.meta({
      description:
        "Holm-adjusted probability that the variant beats the control on the primary metric",
    }),
    verdict: z.string().meta({ description: "One line: who won and why, or why not" }),
  })
  .nullable();

export const job = z
  .object({
    id: z.string(),
    name: z.string().meta({ description: "Default: the target and the id's first 8 characters" }),
    archived_at: z
      .string()
      .nullable()
      .meta({ description: "When the run was archived (hidden from the list by default)" }),
    status: jobStatus,
    target_kind: targetKind,
    prompt_id: z.string().nullable(),
    capability_ref: z.object({ name: z.string(), version: z.string() }).nullable(),
    agent_name: z.string().nullable().meta({
      description: "The capability's agent (capability_agent) or the agent's name (agent_draft)",
    }),
    agent_id: z
      .string()
      .nullable()
      .meta({ description: "agent_draft: the agent whose draft is optimized" }),
    original_content: z.string().meta({
      description:
        "The text the variants are measured against: what a harness reports as the control (is_original)",
    }),
    mode: jobMode,
    variant_count: z.number().int(),
    intent: z.object({
      target_improvements: z.array(z.string()),
      hypothesis: z.string().nullable(),
    }),
    persona_ids: z.array(z.string()),
    executor,
    max_turns: z.number().int(),
    attempts: z.number().int().meta({
      description:
        "Built-in executor: how many times a worker has claimed the job (more than 1: resumed)",
    }),
    stage: z.string().nullable(),
    progress: z.object({ done: z.number().int(), total: z.number().int() }),
    results: jobResults,
    error: z.string().nullable(),
    stop_reason: z.string().nullable(),
    usage: z.record(z.string(), z.number()).nullable(),
    applied_variant_id: z.string().nullable(),
    promoted_version_id: z.string().nullable(),
    retry_of: z.string().nullable(),
    is_demo: z.boolean(),
    created_by: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .meta({ id: "OptimizationJob" });

export const jobList = z
  .object({ jobs: z.array(job), ...paginationMeta })
  .meta({ id: "OptimizationJobList" });
/** A completed run's verdict, as the list filters it. */
export const jobVerdict = z.enum(["winner", "inconclusive", "original_won"]);

export const jobListQuery = z.object({
  status: jobStatus.optional(),
  target_kind: targetKind.optional(),
  prompt_id: z.uuid().optional(),
  executor: executor.optional(),
  verdict: jobVerdict.optional().meta({
    description: "Completed runs whose verdict is a winner, inconclusive, or that the original won",
  }),
  search: z.string().trim().min(1).max(200).optional().meta({
    description: "Part of the run's name or its target's (prompt, capability or agent) name",
  }),
  archived: z.enum(["exclude", "include", "only"]).optional().meta({
    description: "Archived runs: left out (default), included, or only them",
  }),
  sort: z.enum(["newest", "oldest", "name"]).optional().meta({
    description: "Newest first (default), oldest first, or by name (A to Z)",
  }),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
});

export const updateJobBody = z
  .object({
    name: runName.optional(),
    archived: z
      .boolean()
      .optional()
      .meta({ description: "true archives the run (hidden from the list), false restores it" }),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { error: "give at least one field to change" })
  .meta({ id: "UpdateOptimizationJobRequest" });

const metricsOut = z.object({
  task_completion: nullableNumber,
  quality: nullableNumber,
  sentiment: nullableNumber,
});

export const variant = z
  .object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    content: z.string(),
    is_original: z.boolean(),
    is_winner: z.boolean(),
    strategy: z.string().nullable(),
    rationale: z.string().nullable(),
    cells: z.number().int(),
    metrics: metricsOut.meta({ description: "The variant's mean per metric over its cells" }),
    lift: nullableNumber,
    confidence: nullableNumber,
  })
  .meta({ id: "OptimizationVariant" });

export const variantList = z
  .object({ variants: z.array(variant) })
  .meta({ id: "OptimizationVariantList" });
export const logList = z
  .object({
    logs: z.array(z.object({ seq: z.number().int(), message: z.string(), created_at: z.string() })),
  })
  .meta({ id: "OptimizationLogList" });

const metric = z.number().min(0, "metrics are 0–100").max(100, "metrics are 0–100");

export const progressBody = z
  .object({
    stage: z.string().trim().min(1).max(100).optional(),
    variants: z
      .array(
        z.object({
          key: z.string().trim().min(1).max(50),
          name: z.string().trim().min(1).max(200),
          content: z.string().min(1).max(200_000),
          is_original: z.boolean().optional(),
          strategy: z.string().max(200).optional(),
          rationale: z.string().max(5000).optional(),
        }),
      )
      .max(6)
      .optional(),
    cells: z
      .array(
        z.object({
          variant: z.string().min(1),
          persona: z.string().min(1).max(200),
          scenario: z.string().min(1).max(200),
          metrics: z
            .object({
              task_completion: metric.optional(),
              quality: metric.optional(),
              sentiment: metric.optional(),
            })
            .strict(),
          transcript: z
            .array(z.object({ role: z.string().min(1).max(50), content: z.string().max(50_000) }))
            .max(200)
            .optional(),
        }),
      )
      .max(REPORT_MAX_CELLS)
      .optional()
      .meta({
        description:
          "The job holds at most (variant_count + 1) × personas × the mode's scenarios per persona (3 exploratory, 8 validation) plus a quarter for retries; a transcript at most 2 × max_turns + 2 turns and 128 KiB",
      }),
    log: z
      .array(z.string().max(5000))
      .max(REPORT_MAX_LOG_LINES)
      .optional()
      .meta({ description: "The job holds at most 100 log lines plus two per cell it may hold" }),
    usage: z
      .object({
        model_calls: z.number().int().min(0).optional(),
        prompt_tokens: z.number().int().min(0).optional(),
        completion_tokens: z.number().int().min(0).optional(),
      })
      .optional(),
    error: z
      .string()
      .trim()
      .min(1)
      .max(5000)
      .optional()
      .meta({ description: "The run failed: the job becomes failed with this error" }),
    finished: z
      .boolean()
      .optional()
      .meta({ description: "true: compute the verdict and complete the job" }),
  })
  .meta({ id: "OptimizationProgressRequest" });

export const applyBody = z
  .object({ variant_id: z.string().optional().meta({ description: "Default: the winner" }) })
  .meta({ id: "ApplyVariantRequest" });
export const applyResponse = z
  .object({
    success: z.boolean(),
    prompt_id: z
      .string()
      .nullable()
      .meta({ description: "The prompt of a prompt job; null for an agent-draft job" }),
    applied_variant_id: z.string(),
    prompt_version: promptVersion
      .nullable()
      .meta({ description: "The prompt version the apply created (prompt jobs)" }),
    draft: z
      .object({ agent_id: z.string(), revision: z.number().int() })
      .nullable()
      .meta({ description: "The draft revision the apply wrote (agent-draft jobs)" }),
    message: z.string(),
  })
  .meta({ id: "ApplyVariantResponse" });

export const stopBody = z
  .object({ reason: z.string().trim().max(500).optional() })
  .meta({ id: "StopOptimizationRequest" });

export const promoteBody = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, "not a capability name")
      .max(64)
      .nullable()
      .optional(),
    version: z
      .string()
      .regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/, "semver X.Y.Z")
      .nullable()
      .optional(),
  })
  .meta({
    id: "PromoteOptimizationJobRequest",
    description: "Promote the current best candidate into a new capability artifact version.",
  });
