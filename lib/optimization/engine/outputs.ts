// The structured outputs the engine asks the model for: a zod schema to validate the answer and
// the JSON Schema sent as `response_format: {type: "json_schema"}` (strict: every property
// required, no others). The `name` of each is also what the test provider keys its answers on.
import { z } from "zod";

export interface Output<T> {
  name: string;
  schema: z.ZodType<T>;
  jsonSchema: Record<string, unknown>;
}

const obj = (properties: Record<string, unknown>) => ({
  type: "object",
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});
const str = { type: "string" };
const score = { type: "number", minimum: 0, maximum: 100 };

export const variantOutput: Output<{ prompt: string; rationale: string }> = {
  name: "variant",
  schema: z.object({
    prompt: z.string().trim().min(1, "the rewritten prompt is empty"),
    rationale: z.string().trim().default(""),
  }),
  jsonSchema: obj({ prompt: str, rationale: str }),
};

export interface ScenarioOut {
  title: string;
  goal: string;
  context: string;
}

export function scenariosOutput(count: number): Output<{ scenarios: ScenarioOut[] }> {
  return {
    name: "scenarios",
    schema: z.object({
      scenarios: z
        .array(
          z.object({
            title: z.string().trim().min(1).max(200),
            goal: z.string().trim().min(1),
            context: z.string().trim().default(""),
          }),
        )
        .min(count, `exactly ${count} scenarios are needed`),
    }),
    jsonSchema: obj({
      scenarios: {
        type: "array",
        minItems: count,
        maxItems: count,
        items: obj({ title: str, goal: str, context: str }),
      },
    }),
  };
}

export type UserStatus = "continue" | "goal_met" | "abandoned";
export const userTurnOutput: Output<{ message: string; status: UserStatus }> = {
  name: "user_turn",
  schema: z.object({
    message: z.string().trim().min(1, "the message is empty"),
    status: z.enum(["continue", "goal_met", "abandoned"]),
  }),
  jsonSchema: obj({
    message: str,
    status: { type: "string", enum: ["continue", "goal_met", "abandoned"] },
  }),
};

const scoreSchema = z.number().min(0, "scores are 0–100").max(100, "scores are 0–100");
export interface Judgment {
  task_completion: number;
  quality: number;
  sentiment: number;
  rationale: string;
}
export const judgmentOutput: Output<Judgment> = {
  name: "judgment",
  schema: z.object({
    task_completion: scoreSchema,
    quality: scoreSchema,
    sentiment: scoreSchema,
    rationale: z.string().trim().default(""),
  }),
  jsonSchema: obj({ task_completion: score, quality: score, sentiment: score, rationale: str }),
};
