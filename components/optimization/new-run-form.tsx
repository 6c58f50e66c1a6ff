"use client";
// Starts an optimization run: the target (a prompt, or a capability agent), the mode, how many
// variants, the intent (targets and hypothesis), the personas and the executor: built-in (Quiver
// runs it with the workspace's model provider; offered when one is configured) or external (a
// harness reports through the API).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card, EmptyState } from "@/components/ui/card";
import { Field, FormError, Input, Select, Textarea } from "@/components/ui/form";
import { ApiClientError } from "@/lib/api/client";
import { METRIC_LABELS, metricFromText, primaryMetric } from "@/lib/optimization/stats";
import { detectableSentence } from "@/lib/optimization/power";
import type { PersonaView } from "@/components/personas/hooks";
import type { PromptView } from "@/components/prompts/hooks";
import { AgentPicker, type AgentChoice } from "./agent-picker";
import { useCreateJob, type Where } from "./hooks";

/** Scenarios per persona and variant (lib/optimization/bounds.ts SCENARIOS_PER_PERSONA). */
const SCENARIOS = { exploratory: 3, validation: 8 } as const;
const MODES = [
  {
    value: "exploratory",
    title: "Exploratory",
    text: "3 scenarios per persona. A variant wins at 80% confidence: for finding promising directions quickly.",
  },
  {
    value: "validation",
    title: "Validation",
    text: "8 scenarios per persona. A variant wins at 95% confidence: for confirming a change before it ships.",
  },
] as const;
const SUGGESTED_TARGETS = ["task completion", "quality", "sentiment", "clarity", "tone"];

function Section({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: React.ReactNode;
}) {
  return (
    <section className="grid grid-cols-1 gap-4 border-b border-slate-100 px-5 py-5 last:border-b-0 md:grid-cols-[14rem_minmax(0,1fr)]">
      <div>
        <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
        {description ? <p className="mt-1 text-xs text-slate-600">{description}</p> : null}
      </div>
      <div className="min-w-0 space-y-3">{children}</div>
    </section>
  );
}

export type ProviderSummary =
  | {
      source: "workspace" | "environment";
      base_url: string;
      models: Record<"agent" | "user" | "judge", string>;
    }
  | { error: string }
  | null;

export type AgentChoiceView = {
  id: string;
  name: string;
  deployedVersion: string | null;
  draftChanged: boolean;
};

export function NewRunForm({
  where,
  prompts,
  personas,
  initialPromptId,
  agents,
  initialAgentId,
  provider,
  canWrite,
  reason,
}: {
  where: Where;
  prompts: PromptView[];
  personas: PersonaView[];
  initialPromptId: string | null;
  agents: AgentChoiceView[];
  initialAgentId: string | null;
  provider: ProviderSummary;
  canWrite: boolean;
  reason: string;
}) {
  const usableProvider = provider && !("error" in provider) ? provider : null;
  const [executor, setExecutor] = useState<"builtin" | "external">(
    usableProvider ? "builtin" : "external",
  );
  const [maxTurns, setMaxTurns] = useState(6);
  const router = useRouter();
  const create = useCreateJob(where);
  const startAgent =
    initialAgentId && agents.some((a) => a.id === initialAgentId) ? initialAgentId : null;
  const [kind, setKind] = useState<"prompt" | "capability_agent" | "agent_draft">(
    startAgent ? "agent_draft" : "prompt",
  );
  const [agentId, setAgentId] = useState(startAgent ?? agents[0]?.id ?? "");
  const usable = prompts.filter((p) => p.active_version);
  const [promptId, setPromptId] = useState(
    initialPromptId && usable.some((p) => p.id === initialPromptId)
      ? initialPromptId
      : (usable[0]?.id ?? ""),
  );
  const [agent, setAgent] = useState<AgentChoice | null>(null);
  const [mode, setMode] = useState<"exploratory" | "validation">("exploratory");
  const [variantCount, setVariantCount] = useState(3);
  const [targets, setTargets] = useState("task completion");
  const [selected, setSelected] = useState<Set<string>>(() => new Set(personas.map((p) => p.id)));
  const err = create.error instanceof ApiClientError ? create.error : null;

  const targetList = targets
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  const primary = primaryMetric(targetList);
  const cells = (variantCount + 1) * selected.size * SCENARIOS[mode];
  const prompt = usable.find((p) => p.id === promptId);
  const ready =
    canWrite &&
    selected.size > 0 &&
    (kind === "prompt" ? !!prompt : kind === "agent_draft" ? !!agentId : !!agent);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const hypothesis = String(new FormData(e.currentTarget).get("hypothesis") ?? "").trim();
    create.mutate(
      {
        target_kind: kind,
        ...(kind === "prompt"
          ? { prompt_id: promptId }
          : kind === "agent_draft"
            ? { agent_id: agentId }
            : {
                capability_ref: { name: agent!.name, version: agent!.version },
                agent_name: agent!.agent,
              }),
        mode,
        variant_count: variantCount,
        intent: { target_improvements: targetList, hypothesis: hypothesis || null },
        persona_ids: [...selected],
        executor,
        ...(executor === "builtin" ? { max_turns: maxTurns } : {}),
      },
      { onSuccess: (job) => router.push(`/${where.org}/${where.ws}/optimization/${job.id}`) },
    );
  }

  function addTarget(t: string) {
    if (targetList.some((x) => x.toLowerCase() === t)) return;
    setTargets([...targetList, t].join(", "));
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="New optimization run">
      <Card>
        <Section
          title="What to optimize"
          description="A prompt of this workspace, the system prompt of an agent's draft, or the instructions of an agent in a capability."
        >
          <div className="flex flex-wrap gap-4 text-sm" role="radiogroup" aria-label="Target">
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="kind"
                checked={kind === "prompt"}
                onChange={() => setKind("prompt")}
              />{" "}
              A prompt
            </label>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="kind"
                checked={kind === "agent_draft"}
                onChange={() => setKind("agent_draft")}
              />{" "}
              An agent&apos;s draft
            </label>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="kind"
                checked={kind === "capability_agent"}
                onChange={() => setKind("capability_agent")}
              />{" "}
              A capability agent
            </label>
          </div>
          {kind === "agent_draft" ? (
            agents.length === 0 ? (
              <EmptyState title="No agent yet">
                <p>
                  <Link
                    href={`/${where.org}/${where.ws}/agents`}
                    className="font-medium text-indigo-700 hover:underline"
                  >
                    Create an agent
                  </Link>{" "}
                  and write its draft&apos;s system prompt first.
                </p>
              </EmptyState>
            ) : (
              <Field
                label="Agent"
                htmlFor="run-agent"
                error={err?.fieldMessage("agent_id")}
                hint="The draft's system prompt as it is now is the original; the judge also applies the draft's evaluator rubric, if it has one. Applying the winner writes a new revision of the draft, never the deployed release."
              >
                <Select id="run-agent" value={agentId} onChange={(e) => setAgentId(e.target.value)}>
                  {agents.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                      {a.deployedVersion
                        ? ` (deployed ${a.deployedVersion}${a.draftChanged ? ", draft changed" : ""})`
                        : " (not deployed)"}
                    </option>
                  ))}
                </Select>
              </Field>
            )
          ) : kind === "prompt" ? (
            usable.length === 0 ? (
              <EmptyState title="No prompt to optimize">
                <p>
                  <Link
                    href={`/${where.org}/${where.ws}/prompts`}
                    className="font-medium text-indigo-700 hover:underline"
                  >
                    Create a prompt
                  </Link>{" "}
                  first, or optimize a capability agent.
                </p>
              </EmptyState>
            ) : (
              <>
                <Field label="Prompt" htmlFor="run-prompt" error={err?.fieldMessage("prompt_id")}>
                  <Select
                    id="run-prompt"
                    value={promptId}
                    onChange={(e) => setPromptId(e.target.value)}
                  >
                    {usable.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name} (v{p.active_version!.number})
                      </option>
                    ))}
                  </Select>
                </Field>
                {prompt?.active_version ? (
                  <details className="rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-700 ring-1 ring-inset ring-slate-200">
                    <summary className="cursor-pointer font-medium">
                      The original: v{prompt.active_version.number}, the active version
                    </summary>
                    <pre className="mt-2 max-h-48 overflow-auto whitespace-pre-wrap font-mono">
                      {prompt.active_version.content}
                    </pre>
                  </details>
                ) : null}
              </>
            )
          ) : (
            <AgentPicker org={where.org} value={agent} onChange={setAgent} />
          )}
        </Section>

        <Section title="Mode">
          <div
            className="grid grid-cols-1 gap-3 sm:grid-cols-2"
            role="radiogroup"
            aria-label="Mode"
          >
            {MODES.map((m) => (
              <label
                key={m.value}
                className={`cursor-pointer rounded-md p-3 text-sm ring-1 ring-inset ${mode === m.value ? "bg-indigo-50 ring-indigo-300" : "ring-slate-200 hover:bg-slate-50"}`}
              >
                <span className="flex items-center gap-2 font-medium text-slate-900">
                  <input
                    type="radio"
                    name="mode"
                    checked={mode === m.value}
                    onChange={() => setMode(m.value)}
                  />{" "}
                  {m.title}
                </span>
                <span className="mt-1 block text-xs text-slate-600">{m.text}</span>
              </label>
            ))}
          </div>
          <Field
            label="Variants"
            htmlFor="run-variants"
            hint="Candidates besides the original. More variants need more evidence each: confidence is corrected for the number compared."
          >
            <div className="w-32">
              <Select
                id="run-variants"
                value={variantCount}
                onChange={(e) => setVariantCount(Number(e.target.value))}
              >
                {[1, 2, 3, 4, 5].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </Select>
            </div>
          </Field>
        </Section>

        <Section
          title="Intent"
          description="What the variants should improve. The first target that names a metric is the one the verdict is decided on."
        >
          <Field
            label="Target improvements"
            htmlFor="run-targets"
            error={err?.fieldMessage("intent")}
            hint={
              <>
                Comma-separated. Primary metric: <strong>{METRIC_LABELS[primary]}</strong>
                {targetList.some((t) => metricFromText(t))
                  ? ""
                  : " (no target names a metric: the default)"}
                .
              </>
            }
          >
            <Input
              id="run-targets"
              value={targets}
              onChange={(e) => setTargets(e.target.value)}
              placeholder="task completion, tone"
            />
          </Field>
          <div className="flex flex-wrap gap-1.5">
            {SUGGESTED_TARGETS.map((t) => (
              <button
                key={t}
                type="button"
                onClick={() => addTarget(t)}
                className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-200"
              >
                + {t}
              </button>
            ))}
          </div>
          <Field
            label="Hypothesis"
            htmlFor="run-hypothesis"
            hint="Optional: what you expect to help, for whoever reads the results."
          >
            <Textarea
              id="run-hypothesis"
              name="hypothesis"
              rows={2}
              maxLength={2000}
              placeholder="e.g. Confirming the customer's goal before answering raises task completion."
            />
          </Field>
        </Section>

        <Section title="Personas" description="The simulated users every variant talks to.">
          {personas.length === 0 ? (
            <p className="text-sm text-slate-600">
              This workspace has no personas.{" "}
              <Link
                href={`/${where.org}/${where.ws}/personas`}
                className="font-medium text-indigo-700 hover:underline"
              >
                Create one
              </Link>{" "}
              first.
            </p>
          ) : (
            <fieldset className="min-w-0">
              <legend className="sr-only">Personas</legend>
              <div className="mb-2 flex gap-3 text-xs">
                <button
                  type="button"
                  className="font-medium text-indigo-700 hover:underline"
                  onClick={() => setSelected(new Set(personas.map((p) => p.id)))}
                >
                  All
                </button>
                <button
                  type="button"
                  className="font-medium text-indigo-700 hover:underline"
                  onClick={() => setSelected(new Set())}
                >
                  None
                </button>
                <Link
                  href={`/${where.org}/${where.ws}/personas`}
                  className="ml-auto text-slate-600 hover:underline"
                >
                  Manage personas
                </Link>
              </div>
              <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2">
                {personas.map((p) => (
                  <li key={p.id}>
                    <label className="flex cursor-pointer items-start gap-2 rounded-md px-2 py-1.5 text-sm ring-1 ring-inset ring-slate-200 hover:bg-slate-50">
                      <input
                        type="checkbox"
                        className="mt-1"
                        checked={selected.has(p.id)}
                        onChange={(e) => {
                          const next = new Set(selected);
                          if (e.target.checked) next.add(p.id);
                          else next.delete(p.id);
                          setSelected(next);
                        }}
                      />
                      <span className="min-w-0">
                        <span className="font-medium text-slate-900">{p.name}</span>{" "}
                        <Badge
                          tone={
                            p.difficulty === "hard"
                              ? "red"
                              : p.difficulty === "easy"
                                ? "green"
                                : "amber"
                          }
                        >
                          {p.difficulty}
                        </Badge>
                        {p.description ? (
                          <span className="block truncate text-xs text-slate-600">
                            {p.description}
                          </span>
                        ) : null}
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          )}
        </Section>

        <Section
          title="Executor"
          description="Who writes the variants, plays the conversations and scores them."
        >
          <div
            className="grid grid-cols-1 gap-3 sm:grid-cols-2"
            role="radiogroup"
            aria-label="Executor"
          >
            <label
              className={`rounded-md p-3 text-sm ring-1 ring-inset ${!usableProvider ? "cursor-not-allowed opacity-60 ring-slate-200" : executor === "builtin" ? "cursor-pointer bg-indigo-50 ring-indigo-300" : "cursor-pointer ring-slate-200 hover:bg-slate-50"}`}
            >
              <span className="flex items-center gap-2 font-medium text-slate-900">
                <input
                  type="radio"
                  name="executor"
                  value="builtin"
                  disabled={!usableProvider}
                  checked={executor === "builtin"}
                  onChange={() => setExecutor("builtin")}
                />{" "}
                Built-in
              </span>
              <span className="mt-1 block text-xs text-slate-600">
                {usableProvider ? (
                  <>
                    Quiver runs it with{" "}
                    {usableProvider.source === "workspace" ? "this workspace's" : "the server's"}{" "}
                    model provider at{" "}
                    <span className="break-all font-mono">{usableProvider.base_url}</span>: agent{" "}
                    <span className="whitespace-nowrap font-mono">
                      {usableProvider.models.agent}
                    </span>
                    , simulated user{" "}
                    <span className="whitespace-nowrap font-mono">
                      {usableProvider.models.user}
                    </span>
                    , judge{" "}
                    <span className="whitespace-nowrap font-mono">
                      {usableProvider.models.judge}
                    </span>
                    .
                  </>
                ) : provider && "error" in provider ? (
                  provider.error
                ) : (
                  <>
                    No model provider is configured. An admin can add one in{" "}
                    <Link
                      href={`/${where.org}/settings/model-provider?ws=${where.ws}`}
                      className="font-medium text-indigo-700 hover:underline"
                    >
                      Settings → Model provider
                    </Link>
                    .
                  </>
                )}
              </span>
            </label>
            <label
              className={`cursor-pointer rounded-md p-3 text-sm ring-1 ring-inset ${executor === "external" ? "bg-indigo-50 ring-indigo-300" : "ring-slate-200 hover:bg-slate-50"}`}
            >
              <span className="flex items-center gap-2 font-medium text-slate-900">
                <input
                  type="radio"
                  name="executor"
                  value="external"
                  checked={executor === "external"}
                  onChange={() => setExecutor("external")}
                />{" "}
                External
              </span>
              <span className="mt-1 block text-xs text-slate-600">
                Your harness runs the conversations and reports variants, scores and transcripts
                through the API. The run page shows the exact calls.
              </span>
            </label>
          </div>
          {executor === "builtin" ? (
            <Field
              label="Turns per conversation"
              htmlFor="run-turns"
              hint="The agent answers at most this many times; a conversation ends sooner when the simulated user's goal is met or they give up."
            >
              <div className="w-32">
                <Select
                  id="run-turns"
                  value={maxTurns}
                  onChange={(e) => setMaxTurns(Number(e.target.value))}
                >
                  {[2, 3, 4, 5, 6, 8, 10].map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </Select>
              </div>
            </Field>
          ) : null}
          <p className="text-sm text-slate-700" data-testid="run-size">
            {variantCount + 1} variants (the original and {variantCount}{" "}
            {variantCount === 1 ? "candidate" : "candidates"}) × {selected.size}{" "}
            {selected.size === 1 ? "persona" : "personas"} × {SCENARIOS[mode]} scenarios ={" "}
            <strong>{cells} conversations</strong>{" "}
            {executor === "builtin" ? (
              <>
                to simulate and judge
                {mode === "validation" ? ", plus a held-out re-check of a winner" : ""}.
              </>
            ) : (
              "to report."
            )}
          </p>
          <p className="text-sm text-slate-700" data-testid="run-detectable">
            {detectableSentence({
              personas: selected.size,
              scenarios: SCENARIOS[mode],
              mode,
              candidates: variantCount,
            })}{" "}
            <span className="text-slate-500">
              Smaller true differences are likely to come out as &ldquo;no clear difference&rdquo;;
              more personas or validation mode detect smaller ones.
            </span>
          </p>
        </Section>
      </Card>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <Button
          type="submit"
          disabled={!ready || create.isPending}
          title={canWrite ? undefined : reason}
        >
          {create.isPending ? "Starting…" : "Start run"}
        </Button>
        <Link
          href={`/${where.org}/${where.ws}/optimization`}
          className="text-sm text-slate-600 hover:underline"
        >
          Cancel
        </Link>
        {err ? (
          <div className="min-w-0 flex-1">
            <FormError
              message={
                err.payload.errors?.length
                  ? `${err.message}: ${err.payload.errors.map((e) => `${e.loc.slice(1).join(".")} ${e.msg}`).join("; ")}`
                  : err.message
              }
            />
          </div>
        ) : null}
        {!canWrite ? <p className="text-sm text-slate-600">{reason}</p> : null}
      </div>
    </form>
  );
}
