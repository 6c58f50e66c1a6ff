// The built-in executor's pipeline for one job, resumable at every step:
//   1. variants: the judge's model rewrites the original once per variant, each with its own
//      strategy; a rewrite identical to the original or to another variant is asked again;
//   2. scenarios: per persona, N scenarios (3 exploratory, 8 validation) and, in validation, a
//      held-out pool drawn by a separate call; kept in the job's plan, the same for every variant;
//   3. simulation: per (variant, persona, scenario) a conversation of up to max_turns between the
//      agent (the variant as system prompt) and the simulated user, until the user's goal is met
//      or abandoned (conversation.ts);
//   4. judging: the judge scores the transcript 0–100 on task completion, quality and sentiment
//      (it sees neither the variant's name nor which one is the control; conversation.ts);
//   5. verdict: lib/optimization/stats.ts; in validation mode a winner is re-checked on the held-out
//      pool first (verdict.ts); written by lib/optimization/job/results.ts, as for an external run.
// What exists already (variants, plan, scored cells) is reused, so a job a dead worker left is
// resumed, not restarted. Every write goes through the JobStore (lease-guarded).
import type { Persona, Prisma } from "@/lib/db/types";
import type { z } from "zod";
import type { Analysis, Cell } from "@/lib/optimization/stats";
import { SCENARIOS_PER_PERSONA } from "@/lib/optimization/bounds";
import { jobMode } from "@/lib/optimization/schemas";
import { appendLog } from "@/lib/optimization/job/journal";
import { analyzeJob, cellsOf, completion } from "@/lib/optimization/job/results";
import { scenariosOutput, variantOutput } from "./outputs";
import { render, templateVersions } from "./templates";
import type { JobStore } from "./store";
import { withHoldout } from "./verdict";
import {
  checkAbort,
  converse,
  EngineError,
  judge,
  list,
  type ConversationDeps,
  type PlannedScenario,
} from "./conversation";
import { storable } from "./storable";

const STRATEGIES = [
  {
    name: "clarify constraints",
    description:
      "Make the rules, limits, priorities and edge cases explicit and unambiguous, so the agent knows exactly what to do and what not to do.",
  },
  {
    name: "add worked examples",
    description:
      "Add one to three short examples of ideal exchanges or outputs that show the expected behaviour and format.",
  },
  {
    name: "restructure",
    description:
      "Reorganize into clear sections (role, goals, rules, process, output format) with the most important instructions first.",
  },
  {
    name: "adjust tone",
    description:
      "Adjust the voice and tone to what these users need (warmer, more direct, or more professional) without changing the substance.",
  },
  {
    name: "tighten",
    description:
      "Remove redundancy, vague wording and contradictions; make it shorter and more precise without dropping any requirement.",
  },
] as const;

/** Held-out scenarios per persona in validation mode. */
const HELD_OUT_PER_PERSONA = 4;
/** Attempts at a variant distinct from the original and the others. */
const DISTINCT_ATTEMPTS = 3;

interface Plan {
  prompt_files: Record<string, number>;
  scenarios: Record<string, PlannedScenario[]>;
  rubric?: string | null;
}

type JobRow = Prisma.OptimizationJobGetPayload<object>;
/** The job the pipeline runs, its mode parsed (runPipeline). */
type Job = Omit<JobRow, "mode"> & { mode: z.output<typeof jobMode> };

export interface EngineDeps extends ConversationDeps {
  store: JobStore;
}

const variantKeys = "bcdefghijklmnopqrstuvwxyz".split("");
const normalize = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();

/** Runs `fn` over `items`, at most `limit` at once; the first failure aborts the rest. */
async function mapLimit<T>(
  items: T[],
  limit: number,
  signal: AbortSignal,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed: unknown = null;
  const lane = async () => {
    while (failed === null && next < items.length) {
      checkAbort(signal);
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (err) {
        failed ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failed !== null) throw failed;
}

type VariantRow = { key: string; name: string; content: string; isOriginal: boolean };

/** One candidate variant, written with its key's strategy, distinct from the rows written so far. */
async function writeVariant(
  job: Job,
  key: string,
  rows: VariantRow[],
  deps: EngineDeps,
): Promise<void> {
  const { store, client, signal } = deps;
  const intent = job.intent as { target_improvements?: string[]; hypothesis?: string | null };
  const taken = () => rows.map((r) => normalize(r.content));
  const strategy = STRATEGIES[variantKeys.indexOf(key) % STRATEGIES.length]!;
  let avoid = "";
  for (let attempt = 1; attempt <= DISTINCT_ATTEMPTS; attempt++) {
    checkAbort(signal);
    const { messages } = render("variant", {
      strategy: strategy.name,
      strategy_description: strategy.description,
      target_improvements: list(intent.target_improvements),
      hypothesis: intent.hypothesis?.trim() || "none given",
      avoid,
      original: job.originalContent,
    });
    // Model output is made storable (no NUL, no lone surrogate) before anything else sees it.
    const out = storable(
      await client.json({ role: "judge", messages, temperature: 0.9, signal, ...variantOutput }),
    );
    const content = out.prompt.trim();
    if (!taken().includes(normalize(content))) {
      const row = { key, name: `Variant ${key.toUpperCase()}`, content, isOriginal: false };
      rows.push(row);
      await store.write((tx) =>
        tx.optimizationVariant.create({
          data: {
            jobId: job.id,
            key,
            name: row.name,
            content,
            strategy: strategy.name,
            rationale: out.rationale || null,
          },
        }),
      );
      await store.log(
        `Variant ${key} (${strategy.name}) written: ${out.rationale || "no rationale given"}`,
      );
      return;
    }
    avoid =
      "\nYour last rewrite was identical to the original or to another variant. Make real changes this time, following the strategy.\n";
    await store.log(
      `Variant ${key} (${strategy.name}) came back identical to ${normalize(content) === normalize(job.originalContent) ? "the original" : "another variant"}; asking again (${attempt}/${DISTINCT_ATTEMPTS})`,
    );
  }
  throw new EngineError(
    `The model could not write a variant distinct from the original and the others with the strategy "${strategy.name}" after ${DISTINCT_ATTEMPTS} attempts`,
  );
}

async function ensureVariants(job: Job, deps: EngineDeps): Promise<VariantRow[]> {
  const { store, client, signal } = deps;
  const db = store.db;
  const rows: VariantRow[] = await db.optimizationVariant.findMany({
    where: { jobId: job.id },
    select: { key: true, name: true, content: true, isOriginal: true },
  });
  if (!rows.some((r) => r.isOriginal)) {
    await store.write((tx) =>
      tx.optimizationVariant.create({
        data: {
          jobId: job.id,
          key: "control",
          name: "Original",
          content: job.originalContent,
          isOriginal: true,
        },
      }),
    );
    rows.push({ key: "control", name: "Original", content: job.originalContent, isOriginal: true });
  }
  const missing = variantKeys
    .slice(0, job.variantCount)
    .filter((k) => !rows.some((r) => r.key === k));
  if (!missing.length) return rows;
  await store.stage(
    "variants",
    {},
    `Writing ${missing.length} variant(s) with ${client.config.models.judge}`,
  );
  // Concurrent (each has its own strategy); a duplicate is caught against the rows stored so far.
  await mapLimit(missing, client.config.maxConcurrency, signal, (key) =>
    writeVariant(job, key, rows, deps),
  );
  return rows;
}

async function drawScenarios(
  job: Job,
  persona: Persona,
  count: number,
  avoidTitles: string[],
  deps: EngineDeps,
) {
  const { messages } = render("scenarios", {
    count,
    persona_name: persona.name,
    persona_difficulty: persona.difficulty,
    persona_description: persona.description || "(no description)",
    persona_goals: list(persona.goals),
    persona_traits: list(persona.traits),
    avoid: avoidTitles.length
      ? `\nThese scenarios exist already; write different ones: ${avoidTitles.join("; ")}\n`
      : "",
    agent_prompt: job.originalContent,
  });
  const out = storable(
    await deps.client.json({
      role: "judge",
      messages,
      temperature: 0.8,
      signal: deps.signal,
      ...scenariosOutput(count),
    }),
  );
  return out.scenarios.slice(0, count);
}

async function ensurePlan(job: Job, personas: Persona[], deps: EngineDeps): Promise<Plan> {
  const stored = job.plan as Plan | null;
  const plan: Plan = {
    ...stored,
    prompt_files: stored?.prompt_files ?? templateVersions(),
    scenarios: { ...(stored?.scenarios ?? {}) },
  };
  const perPersona = SCENARIOS_PER_PERSONA[job.mode];
  const pending = personas.filter((p) => !plan.scenarios[p.id]);
  if (!pending.length) return plan;
  await deps.store.stage(
    "scenarios",
    {},
    `Drawing ${perPersona} scenario(s) per persona for ${pending.length} persona(s)${job.mode === "validation" ? `, and a held-out pool of ${HELD_OUT_PER_PERSONA} each` : ""}`,
  );
  await mapLimit(pending, deps.client.config.maxConcurrency, deps.signal, async (persona) => {
    const main = await drawScenarios(job, persona, perPersona, [], deps);
    const held =
      job.mode === "validation"
        ? await drawScenarios(
            job,
            persona,
            HELD_OUT_PER_PERSONA,
            main.map((s) => s.title),
            deps,
          )
        : [];
    const seen = new Set<string>();
    const unique = (title: string) => {
      let t = title;
      for (let i = 2; seen.has(t.toLowerCase()); i++) t = `${title} (${i})`;
      seen.add(t.toLowerCase());
      return t;
    };
    plan.scenarios[persona.id] = [
      ...main.map((s, i) => ({
        key: `s${i + 1}`,
        title: unique(s.title),
        goal: s.goal,
        context: s.context,
        held_out: false,
      })),
      ...held.map((s, i) => ({
        key: `h${i + 1}`,
        title: unique(s.title),
        goal: s.goal,
        context: s.context,
        held_out: true,
      })),
    ];
  });
  await deps.store.write(async () => undefined, { plan: plan as unknown as Prisma.InputJsonValue });
  return plan;
}

async function playCells(
  job: Job,
  variants: VariantRow[],
  personas: Persona[],
  plan: Plan,
  heldOut: boolean,
  deps: EngineDeps,
): Promise<number> {
  const done = await deps.store.db.optimizationCell.findMany({
    where: { jobId: job.id },
    select: { variantKey: true, persona: true, scenario: true },
  });
  const have = new Set(done.map((c) => `${c.variantKey}\u0000${c.persona}\u0000${c.scenario}`));
  const pending: { v: VariantRow; p: Persona; s: PlannedScenario }[] = [];
  for (const p of personas) {
    for (const s of plan.scenarios[p.id] ?? []) {
      if (s.held_out !== heldOut) continue;
      for (const v of variants)
        if (!have.has(`${v.key}\u0000${p.name}\u0000${s.title}`)) pending.push({ v, p, s });
    }
  }
  if (!pending.length) return 0;
  // Conversations are chains of calls: twice the provider's slots keeps them all busy.
  await mapLimit(
    pending,
    deps.client.config.maxConcurrency * 2,
    deps.signal,
    async ({ v, p, s }) => {
      const { transcript, ending } = await converse(v.content, p, s, job.maxTurns, deps);
      const { scores, note } = await judge(p, s, transcript, ending, deps);
      await deps.store.addCell({
        variantKey: v.key,
        persona: p.name,
        scenario: s.title,
        heldOut,
        scores,
        judgeNote: note,
        transcript,
      });
    },
  );
  return pending.length;
}

/** Validation mode: the main pool's winner re-checked against the original on the held-out pool. */
async function heldOutCheck(
  job: Job,
  main: Analysis,
  run: { variants: VariantRow[]; personas: Persona[]; plan: Plan; mainCells: number },
  deps: EngineDeps,
): Promise<Analysis> {
  const { variants, personas, plan } = run;
  const winner = variants.find((v) => v.key === main.verdict.winner)!;
  const heldCount =
    2 *
    personas.reduce((n, p) => n + (plan.scenarios[p.id] ?? []).filter((s) => s.held_out).length, 0);
  await deps.store.stage(
    "held-out check",
    { progressTotal: run.mainCells + heldCount },
    `${main.verdict.reason}; re-checking ${winner.key} against the original on ${heldCount / 2} held-out scenario(s)`,
  );
  await playCells(
    job,
    [variants.find((v) => v.key === main.control)!, winner],
    personas,
    plan,
    true,
    deps,
  );
  const held: Cell[] = await cellsOf(deps.store.db, job.id, true);
  return withHoldout(main, held);
}

/**
 * The verdict written (lib/optimization/job/results.ts), the lease handed back, the job completed;
 * or failed, when not one cell was scored.
 */
function complete(job: Job, analysis: Analysis, { store, client }: EngineDeps): Promise<void> {
  return store.write(async (tx) => {
    const { progressTotal } = await tx.optimizationJob.findUniqueOrThrow({
      where: { id: job.id },
      select: { progressTotal: true },
    });
    const result = await completion(tx, { id: job.id, progressTotal }, analysis);
    await tx.optimizationJob.update({
      where: { id: job.id },
      data: { ...result.data, finishedAt: new Date(), leaseOwner: null, leaseExpiresAt: null },
    });
    const u = client.usage;
    const usage = `${u.model_calls} model calls this attempt, ${u.prompt_tokens + u.completion_tokens} tokens`;
    if (result.failure) {
      await appendLog(tx, job.id, [`Failed: ${result.failure} (${usage})`]);
      await store.audit(tx, "optimization.fail", { error: result.failure, executor: "builtin" });
      return;
    }
    await appendLog(tx, job.id, [`Completed: ${analysis.verdict.reason} (${usage})`]);
    await store.audit(tx, "optimization.complete", {
      verdict: analysis.verdict.reason,
      winner: result.winnerKey,
      executor: "builtin",
    });
  });
}

/** Runs (or resumes) a claimed job to its verdict. Throws ProviderError/EngineError to fail it, LeaseLost when it is no longer ours. */
export async function runPipeline(row: JobRow, engineDeps: EngineDeps): Promise<void> {
  const job: Job = { ...row, mode: jobMode.parse(row.mode) };
  // An agent draft's evaluator rubric, taken when the job was created, goes to the judge.
  const deps: EngineDeps = {
    ...engineDeps,
    rubric: engineDeps.rubric ?? (job.plan as Plan | null)?.rubric ?? null,
  };
  const { store, client } = deps;
  const personas = await store.db.persona.findMany({
    where: { workspaceId: job.workspaceId, id: { in: job.personaIds as string[] } },
    orderBy: { name: "asc" },
  });
  if (!personas.length)
    throw new EngineError("The job's personas no longer exist; nothing to simulate");
  const models = client.config.models;
  await store.log(
    job.attempts > 1
      ? `Resuming (attempt ${job.attempts}) from what earlier attempts stored`
      : "Started by the built-in executor",
    `Models: agent ${models.agent}, simulated user ${models.user}, judge ${models.judge} (${client.config.source === "workspace" ? "workspace provider" : "environment"} ${client.config.baseUrl})`,
  );
  const variants = await ensureVariants(job, deps);
  const plan = await ensurePlan(job, personas, deps);

  const mainCells =
    variants.length *
    personas.reduce(
      (n, p) => n + (plan.scenarios[p.id] ?? []).filter((s) => !s.held_out).length,
      0,
    );
  await store.stage(
    "simulating",
    { progressTotal: mainCells },
    `Simulating and judging ${mainCells} conversation(s), up to ${job.maxTurns} turns each`,
  );
  await playCells(job, variants, personas, plan, false, deps);

  const control = "control";
  const main = analyzeJob(await cellsOf(store.db, job.id), job, control);
  const analysis =
    job.mode === "validation" && main.verdict.winner
      ? await heldOutCheck(job, main, { variants, personas, plan, mainCells }, deps)
      : main;
  await complete(job, analysis, deps);
}
