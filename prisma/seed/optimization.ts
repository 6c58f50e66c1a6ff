// The demo optimization runs: a few prompts with two versions per demo workspace, then runs
// created through the same services as the API (createJob with isDemo, then reportProgress as an
// external executor would): a clear winner, an inconclusive run, one the original won, one
// stopped halfway, and a capability-agent run with a winner to promote. Scores are scripted,
// deterministic (a hash of the run, variant, persona, scenario and metric), and the UI says so.
// A prompt whose name is taken is left alone, and a demo run is recognised by its hypothesis, so
// running the seed again creates nothing.
import { createHash } from "node:crypto";
import type { WorkspaceCtx } from "@/lib/api/context";
import type { Db } from "@/lib/db/client";
import { createJob, type CreateJobInput } from "@/lib/optimization/job/create";
import { reportProgress, stopJob, type ProgressInput } from "@/lib/optimization/job/progress";
import { DEFAULT_MAX_TURNS, SCENARIOS_PER_PERSONA } from "@/lib/optimization/bounds";
import { addPromptVersion, createPrompt } from "@/lib/optimization/prompts";
import { ensureDefaultPersonas } from "@/lib/optimization/personas";
import type { MetricKey } from "@/lib/optimization/stats";
import { ownerCtx } from "./catalog";
import {
  demoOptimization,
  type DemoPromptSpec,
  type DemoRunSpec,
  type DemoScenario,
  type DemoVariant,
  type Style,
} from "./optimization-content";

export { demoOptimization };

// ——— Scripted scores ———————————————————————————————————————————————————————————————————————

/** A number in [0, 1) from a hash of the text: the same text, the same number, everywhere. */
function unit(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32BE(0) / 2 ** 32;
}

/** Roughly normal noise (mean 0, sd 1) from three hashed uniforms. */
function noise(text: string): number {
  return (unit(`${text}|a`) + unit(`${text}|b`) + unit(`${text}|c`) - 1.5) * 2;
}

const BASE: Record<MetricKey, number> = { task_completion: 64, quality: 71, sentiment: 68 };
const METRIC_KEYS: MetricKey[] = ["task_completion", "quality", "sentiment"];
/** How hard each default persona is on each metric, in points. */
const PERSONA_OFFSET: Record<string, Record<MetricKey, number>> = {
  "Frustrated customer": { task_completion: -10, quality: -2, sentiment: -12 },
  "First-time user": { task_completion: 6, quality: 2, sentiment: 6 },
  "Power user": { task_completion: -3, quality: -4, sentiment: -2 },
  "Enterprise buyer": { task_completion: -2, quality: 0, sentiment: 0 },
  "Non-native speaker": { task_completion: -4, quality: -1, sentiment: 0 },
};
const NOISE_SD = 6;

/**
 * A cell's score: the base, the variant's effect, how hard the persona and the scenario are (the
 * same for every variant, so the comparison is paired), and noise of its own.
 */
function scriptedScore(
  run: string,
  variant: DemoVariant,
  persona: string,
  scenario: string,
  metric: MetricKey,
): number {
  const personaOffset = PERSONA_OFFSET[persona]?.[metric] ?? 0;
  const scenarioOffset = (unit(`${run}|${scenario}|${metric}`) - 0.5) * 14;
  const value =
    BASE[metric] +
    variant.effect[metric] +
    personaOffset +
    scenarioOffset +
    noise(`${run}|${variant.key}|${persona}|${scenario}|${metric}`) * NOISE_SD;
  return Math.max(0, Math.min(100, Math.round(value)));
}

// ——— Scripted conversations ——————————————————————————————————————————————————————————————————

const sentences = (text: string) =>
  text.match(/[^.!?]+[.!?]+(\s|$)/g)?.map((s) => s.trim()) ?? [text];

function styled(style: Style, s: DemoScenario): string {
  const parts = sentences(s.answer);
  switch (style) {
    case "plain":
      return s.answer;
    case "confirm":
      return `So I get this right: ${s.goal}. Here's what to do:\n${parts.map((p, i) => `${i + 1}. ${p}`).join("\n")}`;
    case "empathy":
      return `Sorry you ran into this, I know it gets in the way. ${s.answer}`;
    case "short":
      return parts.slice(0, 1).join(" ");
    case "quote":
      return `${s.answer} The policy says: "Annual plans can be refunded in full within 30 days of renewal; monthly plans are not refunded."`;
    case "upsell":
      return `${s.answer} By the way, the annual plan would save you 20%.`;
    case "budget":
      return `Before I answer: what budget and timeline are you working with? ${parts[0]}`;
    case "checklist":
      return `To get this moving I need: 1. the counterparty, 2. the contract type, 3. the value, 4. the deadline. ${parts[0]}`;
    case "tour":
      return `${s.answer} Would you like a quick tour of our top three features?`;
    case "formal":
      return `Dear Sir or Madam,\n\n${s.answer}\n\nKind regards,\nGlobex`;
    case "assumptions":
      return `Assuming ${s.goal}. ${s.answer}`;
    case "chart":
      return `${s.answer} I've also plotted it as a chart.`;
    case "ask-id":
      return `I looked up the exact document you named before answering. ${s.answer}`;
    case "one-step":
      return `${parts[0]} Your next step: ${parts.at(-1)}`;
    case "sources":
      return `${s.answer} [Sources: the company's website and press releases, checked today; our CRM.]`;
  }
}

const OPENERS: Record<string, (ask: string) => string> = {
  "Frustrated customer": (a) => `This is the second time I'm asking. ${a}`,
  "First-time user": (a) => `Hi, I'm new to this and not sure where to look. ${a}`,
  "Power user": (a) => `${a} I've read the docs already, so skip the basics.`,
  "Enterprise buyer": (a) => `For our quarterly review: ${a}`,
  "Non-native speaker": (a) => `Hello, sorry for my english. ${a}`,
};
const SATISFIED: Record<string, string> = {
  "Frustrated customer": "Finally, that worked. Thanks.",
  "First-time user": "Oh great, that's exactly what I needed. Thank you!",
  "Power user": "Perfect, that's it.",
  "Enterprise buyer": "Thanks, that answers it for the review.",
  "Non-native speaker": "ok thank you, it is working now",
};
const UNSATISFIED: Record<string, string> = {
  "Frustrated customer": "That's not what I asked. I've already tried that.",
  "First-time user": "Sorry, I don't understand what I should do now.",
  "Power user": "That's the generic answer. I need the specific cause.",
  "Enterprise buyer": "That doesn't give me what I need to take to my team.",
  "Non-native speaker": "sorry i not understand, can you explain more simple?",
};

/** Two to four turns: the ask, the answer in the variant's style, the user's reaction, and (when unresolved) the hand-off. */
function scriptedTranscript(
  spec: DemoRunSpec,
  variant: DemoVariant,
  persona: string,
  scenario: DemoScenario,
  taskCompletion: number,
): { role: string; content: string }[] {
  const ask = (OPENERS[persona] ?? ((a: string) => a))(scenario.ask);
  const turns = [
    { role: "user", content: ask },
    { role: "assistant", content: styled(variant.style, scenario) },
  ];
  if (taskCompletion >= 65)
    return [...turns, { role: "user", content: SATISFIED[persona] ?? "Thanks, that solved it." }];
  return [
    ...turns,
    { role: "user", content: UNSATISFIED[persona] ?? "That doesn't answer my question." },
    { role: "assistant", content: spec.escalation },
  ];
}

type ScriptedCell = NonNullable<ProgressInput["cells"]>[number];

/** Every cell of a run: its variants × the personas × the mode's scenarios, in report order. */
export function scriptedCells(spec: DemoRunSpec, personas: string[]): ScriptedCell[] {
  const scenarios = spec.scenarios.slice(0, SCENARIOS_PER_PERSONA[spec.mode]);
  return spec.variants.flatMap((v) =>
    personas.flatMap((persona) =>
      scenarios.map((s) => {
        const metrics = Object.fromEntries(
          METRIC_KEYS.map((m) => [m, scriptedScore(spec.id, v, persona, s.id, m)]),
        ) as Record<MetricKey, number>;
        return {
          variant: v.key,
          persona,
          scenario: s.id,
          metrics,
          transcript: scriptedTranscript(spec, v, persona, s, metrics.task_completion),
        };
      }),
    ),
  );
}

/** A candidate's text: the original with the candidate's addition. */
function variantContent(original: string, v: DemoVariant): string {
  if (!v.addition) return original;
  const trailing = original.endsWith("\n") ? "\n" : "";
  return `${original.trimEnd()}${v.addition}${trailing}`;
}

// ——— Seeding ———————————————————————————————————————————————————————————————————————————————

async function workspaceCtx(db: Db, org: string, workspace: string): Promise<WorkspaceCtx> {
  const ctx = await ownerCtx(db, org);
  const ws = await db.workspace.findUnique({
    where: { orgId_slug: { orgId: ctx.org.id, slug: workspace } },
  });
  if (!ws) throw new Error(`Demo optimization: the workspace '${org}/${workspace}' does not exist`);
  return { ...ctx, workspace: { id: ws.id, slug: ws.slug, name: ws.name } };
}

/** The prompt's id: created with its versions (the last one active) unless the name is taken. */
async function seedPrompt(
  ctx: WorkspaceCtx,
  spec: DemoPromptSpec,
): Promise<{ id: string; created: boolean }> {
  const taken = await ctx.db.prompt.findUnique({
    where: { workspaceId_name: { workspaceId: ctx.workspace.id, name: spec.name } },
    select: { id: true },
  });
  if (taken) return { id: taken.id, created: false };
  const [first, ...rest] = spec.versions;
  const p = await createPrompt(ctx, {
    name: spec.name,
    description: spec.description,
    tags: spec.tags,
    status: spec.status,
    content: first!.content,
  });
  for (const v of rest)
    await addPromptVersion(ctx, p.id, { content: v.content, note: v.note ?? null, activate: true });
  return { id: p.id, created: true };
}

async function demoRunExists(ctx: WorkspaceCtx, spec: DemoRunSpec): Promise<boolean> {
  const demo = await ctx.db.optimizationJob.findMany({
    where: { workspaceId: ctx.workspace.id, isDemo: true },
    select: { intent: true },
  });
  return demo.some(
    (j) => (j.intent as { hypothesis?: string | null }).hypothesis === spec.hypothesis,
  );
}

async function seedRun(
  ctx: WorkspaceCtx,
  spec: DemoRunSpec,
  prompts: Map<string, string>,
): Promise<void> {
  const target: Pick<
    CreateJobInput,
    "target_kind" | "prompt_id" | "capability_ref" | "agent_name"
  > =
    "prompt" in spec.target
      ? { target_kind: "prompt", prompt_id: prompts.get(spec.target.prompt) }
      : {
          target_kind: "capability_agent",
          capability_ref: { name: spec.target.capability, version: spec.target.version },
          agent_name: spec.target.agent,
        };
  if (target.target_kind === "prompt" && !target.prompt_id)
    throw new Error(
      `Demo run ${spec.id}: no prompt '${(spec.target as { prompt: string }).prompt}'`,
    );
  const job = await createJob(
    ctx,
    {
      ...target,
      name: spec.name,
      mode: spec.mode,
      variant_count: spec.variants.length - 1,
      intent: { target_improvements: spec.targets, hypothesis: spec.hypothesis },
      executor: "external",
      max_turns: DEFAULT_MAX_TURNS,
    },
    { isDemo: true },
  );
  const personas = (
    await ctx.db.persona.findMany({
      where: { id: { in: job.personaIds as string[] } },
      select: { name: true },
      orderBy: { name: "asc" },
    })
  ).map((p) => p.name);
  const variants = spec.variants.map((v) => ({
    key: v.key,
    name: v.name,
    content: variantContent(job.originalContent, v),
    is_original: v.key === "control",
    ...(v.strategy ? { strategy: v.strategy } : {}),
    ...(v.rationale ? { rationale: v.rationale } : {}),
  }));
  const candidates = variants.length - 1;
  await reportProgress(ctx, job.id, {
    stage: "generating variants",
    variants,
    log: [
      `demo executor: scripted scores, no model calls`,
      `wrote ${candidates} ${candidates === 1 ? "candidate" : "candidates"} from the original`,
    ],
  });

  const cells = scriptedCells(spec, personas);
  if (spec.stop) {
    // Round-robin over the variants, as a harness that simulates scenario by scenario would.
    const byVariant = spec.variants.map((v) => cells.filter((c) => c.variant === v.key));
    const partial = byVariant[0]!
      .flatMap((_, i) => byVariant.map((list) => list[i]!))
      .slice(0, spec.stop.cells);
    await reportProgress(ctx, job.id, {
      stage: "simulating",
      cells: partial,
      log: [`simulated ${partial.length} of ${cells.length} conversations`],
    });
    await stopJob(ctx, job.id, spec.stop.reason);
    return;
  }
  for (const v of spec.variants) {
    const mine = cells.filter((c) => c.variant === v.key);
    await reportProgress(ctx, job.id, {
      stage: "simulating",
      cells: mine,
      log: [`simulated ${mine.length} conversations with ${v.name}`],
    });
  }
  await reportProgress(ctx, job.id, {
    stage: "scoring",
    log: [`scored ${cells.length} conversations`],
    finished: true,
  });
}

/** Creates the demo prompts and runs that are missing; returns how many things it created. */
export async function seedDemoOptimization(db: Db): Promise<number> {
  let created = 0;
  for (const area of demoOptimization) {
    const ctx = await workspaceCtx(db, area.org, area.workspace);
    await ensureDefaultPersonas(ctx);
    const prompts = new Map<string, string>();
    for (const spec of area.prompts) {
      const p = await seedPrompt(ctx, spec);
      prompts.set(spec.name, p.id);
      if (p.created) created++;
    }
    for (const spec of area.runs) {
      if (await demoRunExists(ctx, spec)) continue;
      await seedRun(ctx, spec, prompts);
      created++;
    }
  }
  return created;
}
