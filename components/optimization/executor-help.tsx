"use client";
// How an external harness reports a run's progress: the exact calls, with this run's id, URL,
// original text and personas. Quiver has no model provider yet, so this is the only executor.
import Link from "next/link";
import { CodeBlock } from "@/components/ui/copy";
import { jobsBase } from "@/lib/api/paths";
import type { JobView, Where } from "./hooks";

/** JSON with short objects and arrays on one line, so that a report reads at a glance. */
function compactJson(value: unknown, indent = ""): string {
  const flat = JSON.stringify(value);
  if (value === null || typeof value !== "object" || flat.length + indent.length <= 96) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value))
    return `[\n${value.map((v) => inner + compactJson(v, inner)).join(",\n")}\n${indent}]`;
  return `{\n${Object.entries(value)
    .map(([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, inner)}`)
    .join(",\n")}\n${indent}}`;
}

/** Single-quoted for a POSIX shell. */
const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function ExecutorHelp({
  where,
  job,
  origin,
  controlText,
  personas,
  scenarios,
}: {
  where: Where;
  job: JobView;
  origin: string;
  controlText: string;
  personas: string[];
  scenarios: number;
}) {
  const url = `${origin}${jobsBase(where)}/${job.id}/progress`;
  const persona = personas[0] ?? "First-time user";
  const body = {
    stage: "simulating",
    variants: [
      { key: "control", name: "Control (Original)", content: controlText, is_original: true },
      {
        key: "b",
        name: "Variant B",
        content: "<the candidate text your harness wrote>",
        strategy: "<optional: what it changes>",
      },
    ],
    cells: [
      {
        variant: "control",
        persona,
        scenario: "s1",
        metrics: { task_completion: 72, quality: 80, sentiment: 64 },
        transcript: [
          { role: "user", content: "<what the simulated user said>" },
          { role: "assistant", content: "<what the prompt under test answered>" },
        ],
      },
    ],
    log: ["generated 1 variant, simulated 1 conversation"],
  };
  const curl = (data: string) =>
    `curl -X POST -H "Authorization: Bearer $QUIVER_TOKEN" -H "Content-Type: application/json" \\\n  ${data} \\\n  ${url}`;
  return (
    <section aria-labelledby="executor-heading" className="space-y-3" data-testid="executor-help">
      <div>
        <h2 id="executor-heading" className="text-base font-semibold text-slate-900">
          Waiting for an external executor
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">
          No model provider is configured in this Quiver, so nothing here writes variants or holds
          conversations. A harness you run does, and reports to this run through{" "}
          <code className="text-xs">POST …/jobs/{job.id.slice(0, 8)}…/progress</code>. This page
          updates by itself as reports arrive.
        </p>
      </div>
      <ol className="list-decimal space-y-4 pl-5 text-sm text-slate-800">
        <li>
          Create an API token with the <strong>write</strong> scope in{" "}
          <Link
            href={`/${where.org}/settings/tokens`}
            className="font-medium text-indigo-700 underline hover:no-underline"
          >
            Settings → API tokens
          </Link>
          , and export it as <code className="text-xs">QUIVER_TOKEN</code>.
        </li>
        <li>
          <p className="mb-2">
            Report the original (exactly the text below, with{" "}
            <code className="text-xs">is_original: true</code>), up to {job.variant_count}{" "}
            {job.variant_count === 1 ? "candidate" : "candidates"}, and scored conversations. Save
            the body as <code className="text-xs">progress.json</code>:
          </p>
          <CodeBlock code={compactJson(body)} label="Copy progress.json" testId="executor-body" />
          <div className="mt-2">
            <CodeBlock
              code={curl("--data @progress.json")}
              label="Copy the progress command"
              testId="executor-curl"
            />
          </div>
          <p className="mt-2 text-xs text-slate-600">
            Every part is optional and a report may be sent again: variants are matched by{" "}
            <code>key</code> and cells by (<code>variant</code>, <code>persona</code>,{" "}
            <code>scenario</code>), so a repeat changes nothing and a contradiction is refused
            (409). Metrics are 0–100. This run expects {job.progress.total} cells:{" "}
            {job.variant_count + 1} variants × {personas.length || "its"} personas × {scenarios}{" "}
            scenarios{personas.length ? ` (${personas.join(", ")})` : ""}.
          </p>
        </li>
        <li>
          When every cell is in, finish the run: Quiver computes the statistics and the verdict.
          <div className="mt-2">
            <CodeBlock
              code={curl(`-d ${sh(JSON.stringify({ finished: true }))}`)}
              label="Copy the finish command"
              testId="executor-finish"
            />
          </div>
          <p className="mt-2 text-xs text-slate-600">
            If the harness cannot go on, report <code>{`{"error": "why"}`}</code> instead: the run
            becomes failed and can be retried.
          </p>
        </li>
      </ol>
    </section>
  );
}
