// The seeds/004 compatibility surface (camelCase), at /api/v1/optimizations and /api/v1/prompts.
import { z } from "zod";
import { jobStatus, promptStatus } from "./schemas";

export const compatIdPath = z.object({ id: z.string().min(1) });

export const compatCreateBody = z
  .object({
    promptId: z.string().min(1, "required"),
    mode: z.enum(["exploratory", "validation"]).default("exploratory"),
    variantCount: z.number().int().min(1, "1–5").max(5, "1–5").default(3),
    intent: z
      .object({
        targetImprovements: z.array(z.string().trim().min(1).max(100)).max(10).default([]),
        hypothesis: z.string().trim().max(2000).optional(),
      })
      .default({ targetImprovements: [] }),
    personaIds: z.array(z.string()).max(50).optional(),
    executor: z
      .enum(["builtin", "external"])
      .optional()
      .meta({ description: "Ours: builtin when a model provider is configured, else external" }),
  })
  .meta({ id: "CompatTriggerOptimizationRequest" });

export const compatListQuery = z.object({
  promptId: z.string().optional(),
  status: z.enum(["queued", "running", "completed", "failed", "stopped"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

// Without a winner only winnerSelected (false) is sent: the seed gives no null for the others.
const results = z.object({
  winnerSelected: z.boolean(),
  winningVariantId: z.string().optional(),
  lift: z.number().optional(),
  confidence: z.number().optional(),
});

export const compatJob = z
  .object({
    id: z.string(),
    promptId: z.string(),
    status: z.enum(["queued", "running", "completed", "failed", "stopped"]),
    mode: z.enum(["exploratory", "validation"]),
    variantCount: z.number().int(),
    results: results.optional(),
    createdAt: z.string(),
    completedAt: z.string().optional(),
  })
  .meta({ id: "CompatOptimization" });

export const compatJobList = z
  .object({ data: z.array(compatJob) })
  .meta({ id: "CompatOptimizationList" });

export const compatVariantList = z
  .object({
    data: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        isOriginal: z.boolean(),
        content: z.string(),
        metrics: z.object({
          taskCompletion: z.number().nullable(),
          sentiment: z.number().nullable(),
          quality: z.number().nullable(),
        }),
        lift: z.number().nullable().optional(),
        isWinner: z.boolean().optional(),
      }),
    ),
  })
  .meta({ id: "CompatVariantList" });

export const compatApplyBody = z
  .object({ variantId: z.string().optional() })
  .meta({ id: "CompatApplyRequest" });
export const compatApplyResponse = z
  .object({
    success: z.boolean(),
    promptId: z.string(),
    appliedVariantId: z.string(),
    message: z.string(),
  })
  .meta({ id: "CompatApplyResponse" });
export const compatStopBody = z
  .object({ reason: z.string().trim().max(500).optional() })
  .meta({ id: "CompatStopRequest" });
export const compatStopResponse = z
  .object({ success: z.boolean(), status: jobStatus })
  .meta({ id: "CompatStopResponse" });

export const compatPrompt = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    tags: z.array(z.string()),
    status: promptStatus,
    content: z.string().nullable(),
    version: z.number().int().nullable(),
    activeVersionId: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "CompatPrompt" });
export const compatPromptList = z
  .object({ data: z.array(compatPrompt) })
  .meta({ id: "CompatPromptList" });
export const compatPromptListQuery = z.object({
  status: z.enum(["draft", "active", "deprecated", "archived"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const compatCreatePromptBody = z
  .object({
    name: z.string().trim().min(1, "required").max(200),
    content: z.string().min(1, "required").max(200_000),
    description: z.string().trim().max(2000).default(""),
    tags: z.array(z.string().trim().toLowerCase().min(1).max(50)).max(20).default([]),
    status: z.enum(["draft", "active", "deprecated", "archived"]).default("draft"),
  })
  .meta({ id: "CompatCreatePromptRequest" });
