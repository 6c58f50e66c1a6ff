"use client";
// One optimization run: its progress while the executor reports (polled), the verdict in one
// line, the charts and tables of the statistics, the original beside a candidate, sample
// conversations, the log, and the actions. First paint from the server; then TanStack Query.
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, type ReactNode } from "react";
import { Card, ErrorState } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { METRIC_LABELS, primaryMetric } from "@/lib/optimization/stats";
import {
  decidingVariant,
  isLive,
  NOTHING_SCORED_REASON,
  scoredCells,
} from "@/lib/optimization/view";
import { Conversations } from "./conversations";
import { ExecutorHelp } from "./executor-help";
import {
  optimizationKeys,
  useAnalysis,
  useJob,
  useLogs,
  useVariants,
  type Analysis,
  type JobView,
  type LogView,
  type VariantView,
  type Where,
} from "./hooks";
import { RunActions, type RunContext } from "./run-actions";
import { RunCharts, type Series } from "./run-charts";
import { HowComputed } from "./run-method";
import { RunSize, SCENARIOS } from "./run-size";
import { Verdict } from "./run-verdict";
import { PersonaTable, StatsTable } from "./run-tables";
import { DemoBadge, StatusBadge } from "./runs-table";
import { VariantCompare } from "./variant-compare";

function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <div>
        <h2 id={id} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        {description ? (
          <p className="mt-0.5 max-w-3xl text-sm text-slate-600">{description}</p>
        ) : null}
      </div>
      {children}
    </section>
  );
}

function Progress({ job }: { job: JobView }) {
  const pct = job.progress.total
    ? Math.min(100, Math.round((job.progress.done / job.progress.total) * 100))
    : 0;
  return (
    <Card className="px-5 py-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <p className="text-slate-800">
          Stage:{" "}
          <span className="font-semibold" data-testid="run-stage">
            {job.stage ?? job.status}
          </span>
          {job.status === "queued" ? (
            <span className="ml-2 text-slate-500">
              {job.executor === "builtin"
                ? "waiting for a worker to pick it up"
                : "waiting for the executor's first report"}
            </span>
          ) : null}
          {job.executor === "builtin" && job.attempts > 1 ? (
            <span className="ml-2 text-slate-500">resumed (attempt {job.attempts})</span>
          ) : null}
        </p>
        <p className="tabular-nums text-slate-700" data-testid="run-progress">
          {job.progress.done} of {job.progress.total} cells
        </p>
      </div>
      <div
        className="mt-2 h-2 overflow-hidden rounded-full bg-slate-100"
        role="progressbar"
        aria-label="Cells scored"
        aria-valuemin={0}
        aria-valuemax={job.progress.total}
        aria-valuenow={job.progress.done}
      >
        <div
          className="h-full rounded-full bg-indigo-600 transition-all"
          style={{ width: `${pct}%` }}
        />
      </div>
      <p className="mt-2 text-xs text-slate-500">
        Updates every few seconds while the run is {job.status}.
        {job.executor === "builtin" ? " Stopping keeps every cell already scored." : ""}
      </p>
    </Card>
  );
}

function Logs({ logs }: { logs: LogView[] }) {
  if (!logs.length)
    return <p className="text-sm text-slate-500">The executor has not logged anything.</p>;
  return (
    <Card>
      <ol className="max-h-72 divide-y divide-slate-100 overflow-y-auto font-mono text-xs">
        {logs.map((l) => (
          <li key={l.seq} className="flex gap-3 px-3 py-1.5">
            <span className="shrink-0 text-slate-500">
              <Time iso={l.created_at} mode="absolute" />
            </span>
            <span className="whitespace-pre-wrap break-words text-slate-800">{l.message}</span>
          </li>
        ))}
      </ol>
    </Card>
  );
}

export interface RunViewProps {
  where: Where;
  initial: { job: JobView; variants: VariantView[]; analysis: Analysis | null; logs: LogView[] };
  context: RunContext & {
    personas: string[];
    controlText: string;
    targetTitle: string;
    targetDetail: ReactNode;
  };
  origin: string;
  canWrite: boolean;
}

export function RunView({ where, initial, context, origin, canWrite }: RunViewProps) {
  const qc = useQueryClient();
  const job = useJob(where, initial.job.id, initial.job);
  const current = job.data ?? initial.job;
  const live = isLive(current.status);
  const variants = useVariants(where, current.id, live, { variants: initial.variants });
  const analysis = useAnalysis(where, current.id, live, initial.analysis);
  const logs = useLogs(where, current.id, live, { logs: initial.logs });

  // When the run finishes, fetch its final variants, statistics and log once.
  const wasLive = useRef(live);
  useEffect(() => {
    if (wasLive.current && !live)
      void qc.invalidateQueries({ queryKey: optimizationKeys.job(where, current.id) });
    wasLive.current = live;
  }, [live, qc, where, current.id]);

  const vs = variants.data?.variants ?? [];
  const series: Series[] = vs.map((v, i) => ({ key: v.key, name: v.name, color: i }));
  const raw = analysis.data ?? null;
  const scored = raw ? scoredCells(raw) : null;
  // Statistics of no scored cell say nothing: no verdict, no results (the run failed for it).
  const a = raw && scored ? raw : null;
  const winnerKey = vs.find((v) => v.is_winner)?.key ?? null;
  const personas = a
    ? [...new Set(a.variants.flatMap((v) => Object.keys(v.per_persona)))].sort()
    : [];
  const primary = a?.primary_metric ?? primaryMetric(current.intent.target_improvements);
  const deciding = a ? decidingVariant(a) : null;

  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0">
            <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold tracking-tight text-slate-900">
              {context.targetTitle}
              <StatusBadge status={current.status} />
              {current.is_demo ? <DemoBadge /> : null}
            </h1>
            <p className="mt-1 text-sm text-slate-600">{context.targetDetail}</p>
            <p className="mt-1 text-sm text-slate-600">
              {current.mode} · {current.variant_count}{" "}
              {current.variant_count === 1 ? "variant" : "variants"} besides the original · primary
              metric {METRIC_LABELS[primary]} · created <Time iso={current.created_at} />
              {current.finished_at ? (
                <>
                  {" "}
                  · finished <Time iso={current.finished_at} />
                </>
              ) : null}
              {current.retry_of ? (
                <>
                  {" "}
                  · retry of{" "}
                  <Link
                    className="text-indigo-700 hover:underline"
                    href={`/${where.org}/${where.ws}/optimization/${current.retry_of}`}
                  >
                    run {current.retry_of.slice(0, 8)}
                  </Link>
                </>
              ) : null}
            </p>
          </div>
          <RunActions
            where={where}
            job={current}
            variants={vs}
            canWrite={canWrite}
            context={context}
            scored={scored}
          />
        </div>
        <RunSize job={current} analysis={raw} />
        {current.is_demo ? (
          <p
            className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200"
            data-testid="demo-note"
          >
            Demo data: this run was reported by Quiver&apos;s demo seed through the same
            external-executor API a harness uses, with <strong>scripted scores</strong>{" "}
            (deterministic, derived from a hash) and written transcripts. No model was called and
            nothing was measured.
          </p>
        ) : null}
        {current.intent.target_improvements.length || current.intent.hypothesis ? (
          <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_minmax(0,1fr)]">
            {current.intent.target_improvements.length ? (
              <>
                <dt className="text-slate-500">Targets</dt>
                <dd className="text-slate-800">{current.intent.target_improvements.join(", ")}</dd>
              </>
            ) : null}
            {current.intent.hypothesis ? (
              <>
                <dt className="text-slate-500">Hypothesis</dt>
                <dd className="text-slate-800">{current.intent.hypothesis}</dd>
              </>
            ) : null}
          </dl>
        ) : null}
        {job.isError ? (
          <ErrorState
            message={`Could not refresh the run: ${job.error.message}`}
            onRetry={() => job.refetch()}
          />
        ) : null}
      </header>

      {live ? <Progress job={current} /> : null}
      {current.status === "failed" ? (
        <ErrorState
          title={
            current.error?.startsWith(NOTHING_SCORED_REASON)
              ? "The run failed: nothing was scored"
              : current.executor === "builtin"
                ? "The run failed"
                : "The executor reported a failure"
          }
          message={current.error ?? "No reason given."}
        />
      ) : null}
      {current.status === "stopped" ? (
        <p
          role="status"
          className="rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-200"
        >
          Stopped{current.stop_reason ? `: ${current.stop_reason.replace(/[.!?\s]+$/, "")}` : ""}.
          It got no verdict; {current.progress.done} of {current.progress.total} cells had been
          reported.
        </p>
      ) : null}

      {a ? (
        <Verdict job={current} analysis={a} variants={vs} />
      ) : current.status === "completed" ? (
        <p className="text-sm text-slate-600">{current.results?.verdict}</p>
      ) : null}

      {live && current.executor === "external" ? (
        <details
          open={current.status === "queued"}
          className="rounded-lg border border-slate-200 bg-white px-5 py-4"
        >
          <summary className="cursor-pointer text-sm font-medium text-slate-800">
            How the external executor reports to this run
          </summary>
          <div className="mt-4">
            <ExecutorHelp
              where={where}
              job={current}
              origin={origin}
              controlText={context.controlText}
              personas={context.personas}
              scenarios={SCENARIOS[current.mode]}
            />
          </div>
        </details>
      ) : null}

      {a && series.length > 1 ? (
        <Section
          id="results-heading"
          title="Results"
          description="Every candidate against the original, paired on the same persona and scenario."
        >
          <RunCharts analysis={a} series={series} deciding={deciding?.key ?? null} />
          <StatsTable analysis={a} series={series} deciding={deciding} />
          <HowComputed analysis={a} series={series} mode={current.mode} />
          <div>
            <h3 className="mb-1 text-sm font-semibold text-slate-900">Persona × variant</h3>
            <PersonaTable analysis={a} series={series} />
          </div>
        </Section>
      ) : null}

      <Section
        id="variants-heading"
        title="Variants"
        description="The original and a candidate side by side, and what the candidate changed."
      >
        {variants.isError ? (
          <ErrorState
            message={`Could not load the variants: ${variants.error.message}`}
            onRetry={() => variants.refetch()}
          />
        ) : (
          <VariantCompare
            variants={vs}
            series={series}
            initialKey={winnerKey ?? deciding?.key ?? null}
            analysis={a}
          />
        )}
      </Section>

      <Section
        id="conversations-heading"
        title="Conversations"
        description={`What the simulated users and the prompt said, scenario by scenario, with the scores the ${current.executor === "builtin" ? "judge" : "executor"} gave.`}
      >
        <Conversations
          where={where}
          jobId={current.id}
          variants={vs}
          series={series}
          personas={personas}
          initialKey={winnerKey}
        />
      </Section>

      <Section id="log-heading" title="Log">
        {logs.isError ? (
          <ErrorState
            message={`Could not load the log: ${logs.error.message}`}
            onRetry={() => logs.refetch()}
          />
        ) : (
          <Logs logs={logs.data?.logs ?? []} />
        )}
      </Section>
      {current.usage ? (
        <p className="text-xs text-slate-500">
          {current.executor === "builtin" ? "Model usage" : "Usage reported by the executor"}:{" "}
          {Object.entries(current.usage)
            .map(([k, v]) => `${k.replace(/_/g, " ")} ${v.toLocaleString()}`)
            .join(" · ")}
        </p>
      ) : null}
    </div>
  );
}
