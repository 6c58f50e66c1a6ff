"use client";
// The draft editor's single-value sections: model and reasoning, the system prompt (with
// "Optimize this prompt" and the optimization run it came from), output, heartbeat, evaluator.
// Heartbeat and evaluator may be off (null in the API): a switch says so.
import Link from "next/link";
import { Field, Textarea } from "@/components/ui/form";
import { Switch } from "@/components/ui/switch";
import { Time } from "@/components/ui/time";
import { errorAt, type DraftForm, type EditForm, type Errors } from "./draft-form";
import { Section, TextField } from "./editor-ui";
import type { DraftView, Where } from "./hooks";

interface Props {
  form: DraftForm;
  edit: EditForm;
  errors: Errors;
}

export function ModelSection({ form, edit, errors }: Props) {
  const set = (patch: Partial<DraftForm>) => edit((f) => ({ ...f, ...patch }));
  const temperature = Number(form.temperature);
  return (
    <Section
      id="model"
      title="Model and reasoning"
      description="Which model runs the agent, through which integration and connector, and how."
    >
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <TextField
          id="draft-language-model"
          label="Language model"
          value={form.language_model_slug}
          onChange={(v) => set({ language_model_slug: v })}
          errors={errors}
          errorKey="language_model_slug"
          placeholder="e.g. gpt-4.1"
          hint="Required to deploy."
        />
        <TextField
          id="draft-integration"
          label="Integration"
          value={form.integration_slug}
          onChange={(v) => set({ integration_slug: v })}
          errors={errors}
          errorKey="integration_slug"
          placeholder="e.g. openai"
          hint="Required to deploy."
        />
        <TextField
          id="draft-connector"
          label="Connector"
          value={form.connector_uuid}
          onChange={(v) => set({ connector_uuid: v })}
          errors={errors}
          errorKey="connector_uuid"
          placeholder="a UUID v4, or empty"
          hint="The integration's connector to use; empty for its default."
        />
        <TextField
          id="draft-template"
          label="Template"
          value={form.template_slug}
          onChange={(v) => set({ template_slug: v })}
          errors={errors}
          errorKey="template_slug"
          placeholder="none"
          hint="The agent template it was created from, if any."
        />
        <Field
          label="Temperature"
          htmlFor="draft-temperature"
          error={errors.temperature}
          hint="0 (focused) to 1 (varied); empty for the model's default."
        >
          <div className="flex items-center gap-3">
            <input
              type="range"
              min={0}
              max={1}
              step={0.05}
              aria-label="Temperature slider"
              value={
                Number.isFinite(temperature) && form.temperature !== ""
                  ? Math.min(1, Math.max(0, temperature))
                  : 0
              }
              onChange={(e) => set({ temperature: e.target.value })}
              className="min-w-0 flex-1 accent-indigo-600"
            />
            <input
              id="draft-temperature"
              inputMode="decimal"
              value={form.temperature}
              onChange={(e) => set({ temperature: e.target.value })}
              aria-invalid={errors.temperature ? true : undefined}
              placeholder="default"
              className="block w-24 rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:outline-hidden focus:ring-2 focus:ring-inset focus:ring-indigo-600"
            />
          </div>
        </Field>
        <TextField
          id="draft-max-steps"
          label="Max steps"
          value={form.max_steps}
          onChange={(v) => set({ max_steps: v })}
          errors={errors}
          errorKey="max_steps"
          inputMode="numeric"
          placeholder="no limit"
          hint="Tool calls and replies per turn, at least 1; empty for no limit."
        />
        <div className="flex items-center justify-between gap-4 rounded-md bg-slate-50 px-3 py-2 md:col-span-2">
          <div>
            <p className="text-sm font-medium text-slate-800">Reasoning</p>
            <p className="text-xs text-slate-500">
              Let the model think before it answers (slower, often better on multi-step work).
            </p>
          </div>
          <Switch
            label="Reasoning"
            checked={form.with_reasoning}
            onChange={(v) => set({ with_reasoning: v })}
          />
        </div>
      </div>
    </Section>
  );
}

export function PromptSection({
  form,
  edit,
  errors,
  where,
  agentId,
  draft,
}: Props & { where: Where; agentId: string; draft: DraftView }) {
  const lines = form.system_prompt ? form.system_prompt.split("\n").length : 0;
  return (
    <Section
      id="system-prompt"
      title="System prompt"
      description="The instructions the agent runs with."
      actions={
        <Link
          href={`/${where.org}/${where.ws}/optimization/new?agent_id=${agentId}`}
          className="text-sm font-medium text-indigo-700 hover:underline"
        >
          Optimize this prompt →
        </Link>
      }
    >
      {draft.optimization_job_id ? (
        <p
          className="mb-3 rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900"
          data-testid="optimized-by"
        >
          Optimized by run{" "}
          <Link
            href={`/${where.org}/${where.ws}/optimization/${draft.optimization_job_id}`}
            className="font-mono font-medium underline underline-offset-2"
          >
            {draft.optimization_job_id.slice(0, 8)}
          </Link>
          {draft.optimization_applied_at ? (
            <>
              : its winner was applied to this draft <Time iso={draft.optimization_applied_at} />.
            </>
          ) : (
            "."
          )}{" "}
          The next deploy records it in the release.
        </p>
      ) : null}
      <Field
        label="System prompt"
        htmlFor="draft-system-prompt"
        error={errorAt(errors, "system_prompt")}
        hint={`${lines} ${lines === 1 ? "line" : "lines"}, ${form.system_prompt.length.toLocaleString("en-US")} characters.`}
      >
        <Textarea
          id="draft-system-prompt"
          rows={Math.min(28, Math.max(10, lines + 2))}
          value={form.system_prompt}
          onChange={(e) => edit((f) => ({ ...f, system_prompt: e.target.value }))}
          spellCheck={false}
          className="font-mono text-xs leading-5"
          placeholder="You are …"
        />
      </Field>
    </Section>
  );
}

function Toggle({
  label,
  on,
  onChange,
  offText,
}: {
  label: string;
  on: boolean;
  onChange: (v: boolean) => void;
  offText: string;
}) {
  return (
    <div className="flex items-center gap-2">
      <span className="text-xs text-slate-500">{on ? "On" : offText}</span>
      <Switch label={label} checked={on} onChange={onChange} />
    </div>
  );
}

export function OutputSection({ form, edit, errors }: Props) {
  const o = form.output;
  const set = (patch: Partial<DraftForm["output"]>) =>
    edit((f) => ({ ...f, output: { ...f.output, ...patch } }));
  return (
    <Section
      id="output"
      title="Output"
      description="The kind of output the agent produces; off for the platform's default."
      actions={<Toggle label="Output" on={o.on} onChange={(on) => set({ on })} offText="Default" />}
    >
      {o.on ? (
        <div className="max-w-sm">
          <TextField
            id="draft-output-type"
            label="Type"
            value={o.type}
            onChange={(v) => set({ type: v })}
            errors={errors}
            errorKey="output.type"
            placeholder="e.g. text"
            required
          />
        </div>
      ) : (
        <p className="text-sm text-slate-500">No output type set.</p>
      )}
    </Section>
  );
}

export function HeartbeatSection({ form, edit, errors }: Props) {
  const h = form.heartbeat;
  const set = (patch: Partial<DraftForm["heartbeat"]>) =>
    edit((f) => ({ ...f, heartbeat: { ...f.heartbeat, ...patch } }));
  return (
    <Section
      id="heartbeat"
      title="Heartbeat"
      description="Chats created from this agent check in on their own every so often."
      actions={<Toggle label="Heartbeat" on={h.on} onChange={(on) => set({ on })} offText="Off" />}
    >
      {h.on ? (
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <TextField
            id="draft-heartbeat-interval"
            label="Every (minutes)"
            value={h.interval_minutes}
            onChange={(v) => set({ interval_minutes: v })}
            errors={errors}
            errorKey="heartbeat.interval_minutes"
            inputMode="numeric"
            required
          />
          <TextField
            id="draft-heartbeat-max"
            label="At most (messages)"
            value={h.max_messages}
            onChange={(v) => set({ max_messages: v })}
            errors={errors}
            errorKey="heartbeat.max_messages"
            inputMode="numeric"
            placeholder="no limit"
          />
          <div className="md:col-span-2">
            <Field
              label="Heartbeat prompt"
              htmlFor="draft-heartbeat-prompt"
              error={errors["heartbeat.prompt"]}
            >
              <Textarea
                id="draft-heartbeat-prompt"
                rows={2}
                value={h.prompt}
                onChange={(e) => set({ prompt: e.target.value })}
                placeholder="e.g. Anything new since we last spoke?"
              />
            </Field>
          </div>
        </div>
      ) : (
        <p className="text-sm text-slate-500">Off: chats only speak when spoken to.</p>
      )}
    </Section>
  );
}

export function EvaluatorSection({ form, edit, errors }: Props) {
  const ev = form.evaluator;
  const set = (patch: Partial<DraftForm["evaluator"]>) =>
    edit((f) => ({ ...f, evaluator: { ...f.evaluator, ...patch } }));
  return (
    <Section
      id="evaluator"
      title="Evaluator"
      description="A rubric that grades the agent's output, and the score it must reach. Optimization runs of this draft judge by it too."
      actions={<Toggle label="Evaluator" on={ev.on} onChange={(on) => set({ on })} offText="Off" />}
    >
      {ev.on ? (
        <div className="grid grid-cols-1 gap-4 md:grid-cols-[minmax(0,1fr)_12rem]">
          <Field label="Rubric" htmlFor="draft-evaluator-rubric" error={errors["evaluator.rubric"]}>
            <Textarea
              id="draft-evaluator-rubric"
              rows={4}
              value={ev.rubric}
              onChange={(e) => set({ rubric: e.target.value })}
              placeholder="e.g. Answers cite the CRM record they rely on."
            />
          </Field>
          <TextField
            id="draft-evaluator-threshold"
            label="Threshold"
            value={ev.threshold}
            onChange={(v) => set({ threshold: v })}
            errors={errors}
            errorKey="evaluator.threshold"
            inputMode="decimal"
            hint="0 to 1: the score an answer must reach."
            required
          />
        </div>
      ) : (
        <p className="text-sm text-slate-500">Off: the agent&apos;s output is not graded.</p>
      )}
    </Section>
  );
}
