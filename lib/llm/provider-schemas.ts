// API shapes of a workspace's model provider (Settings → Model provider): the settings as stored,
// what the environment would give, and the result of a connection test. The API key goes in and
// never comes out: responses carry only whether one is set and its last 4 characters.
import { z } from "zod";
import type { ProviderErrorKind } from "./types";

export const modelProviderPath = z.object({ org: z.string(), workspace: z.string() });

const providerSources = ["workspace", "environment", "none"] as const;

const baseUrl = z
  .string({ error: "required" })
  .trim()
  .min(1, "required")
  .max(2000, "at most 2000 characters")
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
    } catch {
      return false;
    }
  }, "must be an http:// or https:// URL, e.g. https://api.openai.com/v1 or http://localhost:11434/v1")
  // `/chat/completions` is appended to it, so a trailing slash would double.
  .overwrite((v) => v.replace(/\/+$/, ""))
  .meta({
    description: "The API root of an OpenAI-compatible endpoint; `/chat/completions` is appended",
  });

const modelName = z
  .string({ error: "required" })
  .trim()
  .min(1, "required")
  .max(200, "at most 200 characters");

/** A per-role model: empty, null or omitted means "the default model" (the service stores null). */
const roleModel = z
  .string()
  .trim()
  .max(200, "at most 200 characters")
  .nullable()
  .optional()
  .meta({ description: "Empty, null or omitted: the default `model`" });

export const putModelProviderBody = z
  .strictObject({
    base_url: baseUrl,
    api_key: z
      .string()
      .trim()
      .min(
        1,
        "must not be empty; send null to remove the key, or leave it out to keep the stored one",
      )
      .max(4096, "at most 4096 characters")
      .nullable()
      .optional()
      .meta({
        description:
          "Omitted: keep the stored key; null: remove it; a string: replace it. Stored encrypted, never returned.",
      }),
    model: modelName.meta({ description: "The default model, used by every role without its own" }),
    agent_model: roleModel,
    user_model: roleModel,
    judge_model: roleModel,
    max_concurrency: z
      .number({ error: "must be a whole number from 1 to 64" })
      .int("must be a whole number from 1 to 64")
      .min(1, "must be at least 1")
      .max(64, "must be at most 64")
      .default(8)
      .meta({ description: "Calls in flight at once to this endpoint (1–64)" }),
    timeout_ms: z
      .number({ error: "must be a whole number of milliseconds from 1000 to 600000" })
      .int("must be a whole number of milliseconds")
      .min(1000, "must be at least 1000 ms")
      .max(600_000, "must be at most 600000 ms (10 minutes)")
      .default(60_000)
      .meta({ description: "Per call, in milliseconds (1000–600000)" }),
  })
  .meta({ id: "PutModelProviderRequest" });

export type PutModelProviderInput = z.output<typeof putModelProviderBody>;

export const testModelProviderBody = putModelProviderBody.optional().meta({
  description:
    "Unsaved settings to test (an omitted `api_key`: the stored one). No body: the configuration that applies.",
});

const userRef = z.object({ id: z.string(), email: z.string().nullable() });

export const modelProvider = z
  .object({
    source: z.enum(providerSources).meta({
      description:
        "What applies: the workspace's own settings, the environment (QUIVER_LLM_*), or none",
    }),
    base_url: z.string().nullable(),
    model: z.string().nullable(),
    agent_model: z.string().nullable().meta({ description: "null: the default model" }),
    user_model: z.string().nullable().meta({ description: "null: the default model" }),
    judge_model: z.string().nullable().meta({ description: "null: the default model" }),
    max_concurrency: z.number().int().nullable(),
    timeout_ms: z.number().int().nullable(),
    api_key_set: z.boolean(),
    api_key_last4: z.string().nullable(),
    updated_at: z.string().nullable().meta({
      description: "When the workspace's settings last changed (null unless source is workspace)",
    }),
    updated_by: userRef.nullable(),
    environment: z
      .object({ base_url: z.string(), model: z.string(), api_key_set: z.boolean() })
      .nullable()
      .meta({
        description:
          "What the environment gives (null when QUIVER_LLM_BASE_URL or QUIVER_LLM_MODEL is unset)",
      }),
  })
  .meta({
    id: "ModelProvider",
    description: "A workspace's model provider. Never contains the API key.",
  });

export type ModelProviderView = z.infer<typeof modelProvider>;

const providerErrorKinds = [
  "unreachable",
  "auth",
  "rate_limited",
  "server",
  "timeout",
  "bad_request",
  "bad_response",
  "malformed_output",
  "aborted",
] as const satisfies readonly ProviderErrorKind[];

const tested = z
  .object({ source: z.enum(["form", "workspace", "environment"]), base_url: z.string() })
  .meta({
    description: "What was tested: the settings sent (`form`) or the configuration that applies",
  });

export const modelProviderTestResult = z
  .discriminatedUnion("ok", [
    z.object({
      ok: z.literal(true),
      latency_ms: z.number(),
      models: z.object({ agent: z.string(), user: z.string(), judge: z.string() }).meta({
        description: "The model of each role; each distinct one answered a one-line prompt",
      }),
      reply: z.string().meta({ description: "The first model's answer to that prompt" }),
      tested,
    }),
    z.object({
      ok: z.literal(false),
      kind: z.enum(providerErrorKinds),
      message: z.string(),
      tested,
    }),
  ])
  .meta({ id: "ModelProviderTestResult" });

export type ModelProviderTestResult = z.infer<typeof modelProviderTestResult>;
