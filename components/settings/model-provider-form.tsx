"use client";
// The form of Settings → Model provider: a workspace's endpoint, API key (never shown: "set, ends
// in …1234" with Replace and Remove), models per role, limits; Save, and Test connection, which
// tries the form's current values before anything is saved. Errors of either come back from the
// API as a 422 and show on their fields.
import { useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/form";
import { ApiClientError } from "@/lib/api/client";
import {
  useSaveModelProvider,
  useTestModelProvider,
  type ModelProviderBody,
  type ModelProviderTestResult,
  type ModelProviderView,
  type Where,
} from "./model-provider-hooks";

interface Values {
  base_url: string;
  model: string;
  agent_model: string;
  user_model: string;
  judge_model: string;
  max_concurrency: string;
  timeout_ms: string;
}

const fields = [
  "base_url",
  "api_key",
  "model",
  "agent_model",
  "user_model",
  "judge_model",
  "max_concurrency",
  "timeout_ms",
];

/** What happens to the stored key on save: left alone, replaced by what is typed, or removed. */
type KeyMode = "keep" | "replace" | "remove";

function initialValues(view: ModelProviderView): Values {
  const own = view.source === "workspace";
  return {
    base_url: own ? (view.base_url ?? "") : "",
    model: own ? (view.model ?? "") : "",
    agent_model: own ? (view.agent_model ?? "") : "",
    user_model: own ? (view.user_model ?? "") : "",
    judge_model: own ? (view.judge_model ?? "") : "",
    max_concurrency: String(own ? view.max_concurrency : 8),
    timeout_ms: String(own ? view.timeout_ms : 60_000),
  };
}

/** A number field's value: empty → left out (the API's default); not a number → sent as typed, so the API names it. */
function numberOrText(v: string): number | string | undefined {
  const t = v.trim();
  if (t === "") return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

const kindLabels: Record<string, string> = {
  unreachable: "Unreachable",
  auth: "API key refused",
  rate_limited: "Rate limited",
  server: "Server error",
  timeout: "Timed out",
  bad_request: "Request rejected",
  bad_response: "Not a chat completion",
  malformed_output: "Malformed output",
  aborted: "Cancelled",
};

function TestResult({ result }: { result: ModelProviderTestResult }) {
  const what =
    result.tested.source === "form"
      ? "these settings"
      : result.tested.source === "workspace"
        ? "the saved settings"
        : "the environment's provider";
  if (result.ok) {
    const models = [...new Set(Object.values(result.models))];
    return (
      <div
        role="status"
        className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-200"
        data-testid="test-result"
      >
        <p className="font-medium">
          Connected to {result.tested.base_url} in {result.latency_ms} ms ({what}).
        </p>
        <p className="mt-1">
          {models.length === 1 ? "Model" : "Models"} answered:{" "}
          {models.map((m) => (
            <code
              key={m}
              className="mr-1 rounded bg-white px-1 font-mono text-xs ring-1 ring-emerald-200"
            >
              {m}
            </code>
          ))}
          {result.reply ? <> · reply “{result.reply}”</> : null}
        </p>
      </div>
    );
  }
  return (
    <div
      role="alert"
      className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200"
      data-testid="test-result"
    >
      <p className="font-medium">
        {kindLabels[result.kind] ?? result.kind}{" "}
        <span className="font-mono text-xs font-normal">({result.kind})</span> testing {what}
      </p>
      <p className="mt-1 break-words">{result.message}</p>
    </div>
  );
}

function KeyField({
  view,
  mode,
  setMode,
  value,
  setValue,
  error,
  canWrite,
}: {
  view: ModelProviderView;
  mode: KeyMode;
  setMode: (m: KeyMode) => void;
  value: string;
  setValue: (v: string) => void;
  error?: string;
  canWrite: boolean;
}) {
  const stored = view.source === "workspace" && view.api_key_set;
  const hint = stored
    ? undefined
    : "Leave empty for endpoints that need none (a local Ollama). Stored encrypted; never shown again.";
  let control: ReactNode;
  if (stored && mode === "keep") {
    control = (
      <div className="flex flex-wrap items-center gap-2">
        <span
          className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-inset ring-slate-200"
          data-testid="api-key-status"
        >
          Set
          {view.api_key_last4 ? (
            <>
              , ends in <span className="font-mono">…{view.api_key_last4}</span>
            </>
          ) : null}
        </span>
        {canWrite ? (
          <>
            <Button variant="secondary" onClick={() => setMode("replace")}>
              Replace
            </Button>
            <Button variant="danger" onClick={() => setMode("remove")}>
              Remove
            </Button>
          </>
        ) : null}
      </div>
    );
  } else if (stored && mode === "remove") {
    control = (
      <div className="flex flex-wrap items-center gap-2">
        <span className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
          The key will be removed when you save
        </span>
        <Button variant="ghost" onClick={() => setMode("keep")}>
          Undo
        </Button>
      </div>
    );
  } else {
    control = (
      <div className="flex items-center gap-2">
        <Input
          id="mp-api-key"
          name="api_key"
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={stored ? "New API key" : "sk-…"}
          aria-describedby={error ? "mp-api-key-error" : undefined}
        />
        {stored ? (
          <Button
            variant="ghost"
            onClick={() => {
              setValue("");
              setMode("keep");
            }}
          >
            Cancel
          </Button>
        ) : null}
      </div>
    );
  }
  return (
    <Field label="API key" htmlFor="mp-api-key" error={error} hint={hint}>
      {control}
    </Field>
  );
}

export function ModelProviderForm({
  where,
  view,
  canWrite,
  onSaved,
}: {
  where: Where;
  view: ModelProviderView;
  canWrite: boolean;
  onSaved: () => void;
}) {
  const save = useSaveModelProvider(where);
  const test = useTestModelProvider(where);
  const [values, setValues] = useState<Values>(() => initialValues(view));
  const [keyMode, setKeyMode] = useState<KeyMode>("keep");
  const [newKey, setNewKey] = useState("");
  // The last failure of Save or Test: its field errors show on the fields.
  const [error, setError] = useState<ApiClientError | null>(null);
  const [result, setResult] = useState<ModelProviderTestResult | null>(null);

  const set = (k: keyof Values) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [k]: e.target.value }));
  const fieldError = (k: string) => error?.fieldMessage(k);

  function body(): ModelProviderBody {
    const key =
      keyMode === "remove" ? { api_key: null } : newKey.trim() ? { api_key: newKey.trim() } : {};
    return {
      base_url: values.base_url.trim(),
      model: values.model.trim(),
      agent_model: values.agent_model.trim() || null,
      user_model: values.user_model.trim() || null,
      judge_model: values.judge_model.trim() || null,
      max_concurrency: numberOrText(values.max_concurrency),
      timeout_ms: numberOrText(values.timeout_ms),
      ...key,
    };
  }

  const asApiError = (err: unknown) =>
    err instanceof ApiClientError
      ? err
      : new ApiClientError({ code: 0, detail: String(err), type: "client_error" });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    save.mutate(body(), { onSuccess: onSaved, onError: (err) => setError(asApiError(err)) });
  }

  function onTest() {
    setError(null);
    setResult(null);
    // An empty form under the environment's provider tests that one; otherwise what is typed.
    const blank = values.base_url.trim() === "" && values.model.trim() === "";
    const payload = blank && view.source === "environment" ? undefined : body();
    test.mutate(payload, { onSuccess: setResult, onError: (err) => setError(asApiError(err)) });
  }

  // Errors the fields do not show (an unknown field, a 409, a 403) go above the form.
  const unplaced =
    error?.payload.errors?.filter(
      (x) => !(x.loc[0] === "body" && fields.includes(String(x.loc[1]))),
    ) ?? [];
  const general = !error
    ? null
    : error.payload.errors?.length
      ? unplaced.map((x) => x.msg).join("; ") || null
      : error.message;
  const own = view.source === "workspace";

  return (
    <form onSubmit={onSubmit} noValidate className="p-5" aria-labelledby="mp-form-heading">
      <div className="mb-4">
        <h2 id="mp-form-heading" className="text-base font-semibold text-slate-900">
          {own ? "This workspace's provider" : "Give this workspace its own provider"}
        </h2>
        <p className="text-sm text-slate-600">
          Any OpenAI-compatible chat-completions endpoint: OpenAI, Azure OpenAI, vLLM, Ollama, LM
          Studio, OpenRouter, Together.
        </p>
      </div>
      <div className="mb-4">
        <FormError message={general} />
      </div>
      <fieldset disabled={!canWrite} className="grid min-w-0 grid-cols-1 gap-4 md:grid-cols-2">
        <Field
          label="Base URL"
          htmlFor="mp-base-url"
          error={fieldError("base_url")}
          hint="The API root; /chat/completions is appended."
        >
          <Input
            id="mp-base-url"
            name="base_url"
            type="url"
            inputMode="url"
            spellCheck={false}
            value={values.base_url}
            onChange={set("base_url")}
            placeholder="https://api.openai.com/v1 or http://localhost:11434/v1"
            aria-invalid={fieldError("base_url") ? true : undefined}
          />
        </Field>
        <KeyField
          view={view}
          mode={keyMode}
          setMode={setKeyMode}
          value={newKey}
          setValue={setNewKey}
          error={fieldError("api_key")}
          canWrite={canWrite}
        />
        <Field
          label="Default model"
          htmlFor="mp-model"
          error={fieldError("model")}
          hint="Used by every role that has no model of its own."
        >
          <Input
            id="mp-model"
            name="model"
            spellCheck={false}
            value={values.model}
            onChange={set("model")}
            placeholder="e.g. gpt-4o-mini or llama3.1"
            aria-invalid={fieldError("model") ? true : undefined}
          />
        </Field>
        <div className="hidden md:block" />
        <Field
          label="Agent model"
          htmlFor="mp-agent-model"
          error={fieldError("agent_model")}
          hint="The agent under test (the variant as system prompt)."
        >
          <Input
            id="mp-agent-model"
            name="agent_model"
            spellCheck={false}
            value={values.agent_model}
            onChange={set("agent_model")}
            placeholder="same as default"
          />
        </Field>
        <Field
          label="Simulated user model"
          htmlFor="mp-user-model"
          error={fieldError("user_model")}
          hint="Plays the personas."
        >
          <Input
            id="mp-user-model"
            name="user_model"
            spellCheck={false}
            value={values.user_model}
            onChange={set("user_model")}
            placeholder="same as default"
          />
        </Field>
        <Field
          label="Judge model"
          htmlFor="mp-judge-model"
          error={fieldError("judge_model")}
          hint="Scores the conversations; also writes variants and scenarios."
        >
          <Input
            id="mp-judge-model"
            name="judge_model"
            spellCheck={false}
            value={values.judge_model}
            onChange={set("judge_model")}
            placeholder="same as default"
          />
        </Field>
        <div className="hidden md:block" />
        <Field
          label="Concurrency"
          htmlFor="mp-concurrency"
          error={fieldError("max_concurrency")}
          hint="Calls in flight at once to this endpoint, 1–64."
        >
          <Input
            id="mp-concurrency"
            name="max_concurrency"
            type="number"
            inputMode="numeric"
            min={1}
            max={64}
            step={1}
            value={values.max_concurrency}
            onChange={set("max_concurrency")}
            aria-invalid={fieldError("max_concurrency") ? true : undefined}
          />
        </Field>
        <Field
          label="Timeout (ms)"
          htmlFor="mp-timeout"
          error={fieldError("timeout_ms")}
          hint="Per call, 1000–600000 (10 minutes)."
        >
          <Input
            id="mp-timeout"
            name="timeout_ms"
            type="number"
            inputMode="numeric"
            min={1000}
            max={600000}
            step={1000}
            value={values.timeout_ms}
            onChange={set("timeout_ms")}
            aria-invalid={fieldError("timeout_ms") ? true : undefined}
          />
        </Field>
      </fieldset>
      {result ? (
        <div className="mt-4">
          <TestResult result={result} />
        </div>
      ) : null}
      <div className="mt-5 flex flex-wrap items-center gap-2">
        {canWrite ? (
          <>
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? "Saving…" : own ? "Save" : "Save for this workspace"}
            </Button>
            <Button variant="secondary" onClick={onTest} disabled={test.isPending}>
              {test.isPending ? "Testing…" : "Test connection"}
            </Button>
          </>
        ) : (
          <p className="text-sm text-slate-600">
            Only admins and owners change or test the model provider.
          </p>
        )}
      </div>
    </form>
  );
}
