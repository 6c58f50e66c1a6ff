// The built-in engine run of `npm run bench`: a validation run of 5 variants × 5 personas ×
// 8 scenarios × 6 turns against a fake OpenAI-compatible provider that answers at once (started
// in this process, real HTTP), run by the server's in-process worker. Target: done in ≤ 30 s, so
// that the engine's own overhead (database writes, orchestration) is not what a user waits for.
// Variant b is built to win, so the held-out re-check runs too (the longest path).
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import type { FakeLlm } from "@/lib/testing/fake-llm";

export interface EngineSuiteOptions {
  base: string;
  token: string;
  org: string;
  workspace: string;
  fake: FakeLlm;
  log: (line: string) => void;
}

export interface EngineRow {
  what: string;
  value: string;
  target?: string;
  verdict?: "PASS" | "MISS";
}

async function api<T>(
  o: EngineSuiteOptions,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${o.base}/api/v1/org/${o.org}/ws/${o.workspace}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${o.token}`,
      ...(body ? { "content-type": "application/json" } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function runEngineSuite(o: EngineSuiteOptions): Promise<EngineRow[]> {
  const { personas } = await api<{ personas: { id: string }[] }>(o, "GET", "/personas");
  const prompt = await api<{ id: string }>(o, "POST", "/prompts", {
    name: `bench-engine-${Date.now()}`,
    content:
      "You are the support agent of Acme Cloud. Answer billing and account questions accurately and briefly.",
  });
  const requestsBefore = o.fake.requests.length;
  const t0 = performance.now();
  const job = await api<{ id: string }>(o, "POST", "/optimization/jobs", {
    target_kind: "prompt",
    prompt_id: prompt.id,
    executor: "builtin",
    mode: "validation",
    variant_count: 5,
    max_turns: 6,
    persona_ids: personas.slice(0, 5).map((p) => p.id),
    intent: { target_improvements: ["task completion"] },
  });
  o.log(`engine: job ${job.id} created; ${personas.slice(0, 5).length} personas`);
  let last = "";
  type JobView = {
    status: string;
    stage: string | null;
    progress: { done: number; total: number };
    error: string | null;
    results: { verdict: string } | null;
    usage: Record<string, number> | null;
    started_at: string | null;
  };
  let j: JobView;
  for (;;) {
    j = await api<JobView>(o, "GET", `/optimization/jobs/${job.id}`);
    const line = `${j.status} ${j.stage ?? ""} ${j.progress.done}/${j.progress.total}`;
    if (line !== last) {
      o.log(`engine: ${((performance.now() - t0) / 1000).toFixed(1)} s ${line}`);
      last = line;
    }
    if (["completed", "failed", "stopped"].includes(j.status)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - t0) / 1000;
  if (j.status !== "completed") throw new Error(`engine: the run ${j.status}: ${j.error}`);
  const calls = o.fake.requests.length - requestsBefore;
  const { logs } = await api<{ logs: { message: string; created_at: string }[] }>(
    o,
    "GET",
    `/optimization/jobs/${job.id}/logs`,
  );
  const at = (re: RegExp) => logs.find((l) => re.test(l.message))?.created_at;
  const span = (a?: string, b?: string) =>
    a && b ? `${((Date.parse(b) - Date.parse(a)) / 1000).toFixed(1)} s` : "n/a";
  const started = at(/^Started/),
    scenarios = at(/^Drawing/),
    simulating = at(/^Simulating/),
    held = at(/re-checking/),
    done = at(/^Completed/);
  return [
    {
      what: "validation run, 5 variants × 5 personas × 8 scenarios × 6 turns, created → completed",
      value: `${seconds.toFixed(1)} s`,
      target: "≤ 30 s",
      verdict: seconds <= 30 ? "PASS" : "MISS",
    },
    { what: "cells (main + held-out)", value: `${j.progress.done}` },
    {
      what: "model calls (at the fake provider)",
      value: `${calls} (${(calls / seconds).toFixed(0)}/s)`,
    },
    { what: "variants written (queue → first scenario call)", value: span(started, scenarios) },
    { what: "scenarios drawn", value: span(scenarios, simulating) },
    { what: "main pool simulated and judged", value: span(simulating, held ?? done) },
    { what: "held-out re-check", value: span(held, done) },
    { what: "verdict", value: j.results?.verdict ?? "" },
    {
      what: "machine load average at the end",
      value: loadavg()
        .map((l) => l.toFixed(2))
        .join(" "),
    },
  ];
}

export function engineTable(rows: EngineRow[]): string {
  const w = Math.max(...rows.map((r) => r.what.length));
  return rows
    .map(
      (r) =>
        `  ${r.what.padEnd(w)}  ${r.value}${r.target ? `  (target ${r.target}: ${r.verdict})` : ""}`,
    )
    .join("\n");
}
