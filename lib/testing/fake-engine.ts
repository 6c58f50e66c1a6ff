// A deterministic "model" for the built-in engine's tests and benchmark, served by the fake
// provider (fake-llm.ts). It recognises each engine call by its structured output's name
// (lib/optimization/engine/outputs.ts) and answers so that outcomes are known in advance:
// - variant: the original plus a marker `QUALITY=<n>`, n from `strategyQuality` (default: base);
// - agent (no response_format): "Answer at quality <q>", q from the system prompt's marker, plus a
//   small jitter keyed on the prompt and the user's message (so equal variants are not identical);
// - simulated user: continues until `goalAfter` agent answers, then says the goal was met;
// - judge: scores around the quality in the transcript, shifted by a noise keyed on the persona and
//   scenario only (the same for every variant: the comparison is paired, as real runs are).
import { createHash } from "node:crypto";
import type { FakeHandler, FakeReply } from "./fake-llm";

export interface FakeEngineOptions {
  /** The original's quality (no marker). */
  baseQuality?: number;
  /** Quality of the variant written with each strategy (by strategy name). */
  strategyQuality?: Record<string, number>;
  /** Agent answers before the simulated user says its goal is met. */
  goalAfter?: number;
  /** Strategies whose first rewrite comes back identical to the original. */
  identicalFirst?: string[];
}

const unit = (s: string) => createHash("sha256").update(s).digest().readUInt32BE(0) / 0xffffffff;
const clamp = (x: number) => Math.max(0, Math.min(100, Math.round(x * 10) / 10));

export function fakeEngine(opts: FakeEngineOptions = {}): FakeHandler {
  const base = opts.baseQuality ?? 60;
  const goalAfter = opts.goalAfter ?? 2;
  const identical = new Set(opts.identicalFirst ?? []);
  return (req): FakeReply => {
    const body = req.body as {
      messages: { role: string; content: string }[];
      response_format?: {
        json_schema?: {
          name?: string;
          schema?: { properties?: { scenarios?: { minItems?: number } } };
        };
      };
    };
    const kind = body.response_format?.json_schema?.name;
    const last = body.messages[body.messages.length - 1]?.content ?? "";
    const system = body.messages.find((m) => m.role === "system")?.content ?? "";
    const json = (x: unknown): FakeReply => ({ content: JSON.stringify(x) });
    switch (kind) {
      case "variant": {
        const strategy = /^Strategy: (.+)$/m.exec(last)?.[1]?.trim() ?? "unknown";
        const original = /<<<ORIGINAL\n([\s\S]*?)\nORIGINAL>>>/.exec(last)?.[1] ?? "";
        if (identical.has(strategy) && !/identical to the original/.test(last))
          return json({ prompt: original, rationale: "no change" });
        const q = opts.strategyQuality?.[strategy] ?? base;
        return json({
          prompt: `${original}\n\n[${strategy}] QUALITY=${q}`,
          rationale: `Applied ${strategy}.`,
        });
      }
      case "scenarios": {
        const n = body.response_format?.json_schema?.schema?.properties?.scenarios?.minItems ?? 3;
        const persona = /^Persona: (.+?) \(/m.exec(last)?.[1] ?? "someone";
        const heldOut = /exist already/.test(last);
        return json({
          scenarios: Array.from({ length: n }, (_, i) => ({
            title: `${heldOut ? "Held-out case" : "Case"} ${i + 1} of ${persona}`,
            goal: `Goal ${i + 1}${heldOut ? "h" : ""} of ${persona}`,
            context: "A test scenario.",
          })),
        });
      }
      case "user_turn": {
        const answers = body.messages.filter((m) => m.role === "assistant").length;
        const goal = /^What you want: (.+)$/m.exec(system)?.[1] ?? "";
        return json({
          message: answers === 0 ? `Hello, I need help: ${goal}` : `Follow-up ${answers}`,
          status: answers >= goalAfter ? "goal_met" : "continue",
        });
      }
      case "judgment": {
        const qs = [...last.matchAll(/Answer at quality (\d+(?:\.\d+)?)/g)].map((m) =>
          Number(m[1]),
        );
        const q = qs.length ? qs.reduce((a, b) => a + b, 0) / qs.length : 0;
        const who = /^The user: (.+)$/m.exec(last)?.[1] ?? "";
        const goal = /^What they wanted: (.+)$/m.exec(last)?.[1] ?? "";
        const noise = (unit(`${who}|${goal}`) - 0.5) * 30;
        return json({
          task_completion: clamp(q + noise),
          quality: clamp(q + noise / 2),
          sentiment: clamp(65 + (q - base) / 4 + noise / 3),
          rationale: `Quality ${q.toFixed(1)} seen.`,
        });
      }
      default: {
        const q = Number(/QUALITY=(\d+(?:\.\d+)?)/.exec(system)?.[1] ?? base);
        const jitter = (unit(`${system}|${last}`) - 0.5) * 8;
        return {
          content: `Answer at quality ${(q + jitter).toFixed(1)} for: ${last.slice(0, 80)}`,
        };
      }
    }
  };
}
