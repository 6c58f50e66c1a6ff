// The model provider's client for the optimization engine: OpenAI-compatible chat completions
// with retries (backoff with full jitter, Retry-After), one concurrency limit per endpoint shared
// by every job of the process, usage counted per client, and structured output (`json()`) that is
// parsed tolerantly, validated with zod and repaired by re-asking the model.
// Error messages name the base URL and the model, never the API key, and never repeat what the
// provider's server answered: a category ("connection refused", "HTTP 404 Not Found from the
// provider"), so that the settings cannot be used to read internal pages (see lib/net/outbound.ts,
// which decides which addresses may be reached at all).
import { createHash } from "node:crypto";
import { STATUS_CODES } from "node:http";
import { z } from "zod";
import { env } from "@/lib/env";
import { parseAllowedHosts, type AllowedHost } from "@/lib/net/allowed-hosts";
import { guardedFetch, REFUSED_ADDRESS, type OutboundFetch } from "@/lib/net/outbound";
import {
  llmRoles,
  ProviderError,
  type ChatMessage,
  type ChatRequest,
  type ChatResult,
  type LlmRole,
  type ProviderConfig,
  type ProviderErrorKind,
  type Usage,
} from "./types";

export interface RetryInfo {
  /** The attempt that just failed (1 = the first call). */
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface LlmClientOptions {
  onRetry?: (info: RetryInfo) => void;
  /** Waits between retries; tests pass one that records the delay instead of sleeping. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Replaces the guarded fetch (connections only to permitted addresses, no redirects). */
  fetch?: OutboundFetch;
}

interface JsonRequest<T> extends ChatRequest {
  /** The output's name, sent as json_schema.name and used in messages (e.g. "judge_verdict"). */
  name: string;
  schema: z.ZodType<T>;
  jsonSchema: Record<string, unknown>;
  /** Completions asked for in total before giving up on malformed output; default 3. */
  attempts?: number;
}

export interface LlmClient {
  readonly config: ProviderConfig;
  readonly usage: Usage;
  chat(req: ChatRequest): Promise<ChatResult>;
  json<T>(req: JsonRequest<T>): Promise<T>;
}

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 20_000;
const RETRY_AFTER_CAP_MS = 60_000;
const TEST_TIMEOUT_CAP_MS = 15_000;

// ---------------------------------------------------------------------------------------------
// Concurrency: one semaphore per endpoint (base URL + key), process-wide. A call holds a slot
// only while its HTTP request is in flight, so a call sleeping before a retry lets others through.

class Semaphore {
  private active = 0;
  private readonly queue: Array<() => void> = [];
  constructor(private size: number) {}

  get inFlight(): number {
    return this.active;
  }

  resize(size: number): void {
    this.size = Math.max(1, Math.floor(size) || 1);
    this.drain();
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortedError());
    if (this.active < this.size && this.queue.length === 0) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        this.active++;
        resolve();
      };
      const onAbort = () => {
        const i = this.queue.indexOf(grant);
        if (i >= 0) this.queue.splice(i, 1);
        reject(abortedError());
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.queue.push(grant);
    });
  }

  release(): void {
    this.active--;
    this.drain();
  }

  private drain(): void {
    while (this.active < this.size && this.queue.length > 0) this.queue.shift()!();
  }
}

// On globalThis so that every copy of this module (Next.js bundles, the worker) shares the limits.
const registry = ((
  globalThis as unknown as { __quiverLlmSemaphores?: Map<string, Semaphore> }
).__quiverLlmSemaphores ??= new Map<string, Semaphore>());

function endpointKey(baseUrl: string, apiKey: string | null): string {
  return `${normalizeBaseUrl(baseUrl)} ${createHash("sha256")
    .update(apiKey ?? "")
    .digest("hex")}`;
}

function semaphoreFor(config: ProviderConfig): Semaphore {
  const key = endpointKey(config.baseUrl, config.apiKey);
  let semaphore = registry.get(key);
  if (!semaphore) registry.set(key, (semaphore = new Semaphore(1)));
  semaphore.resize(config.maxConcurrency); // the latest client's size wins
  return semaphore;
}

/** HTTP requests in flight right now to this endpoint, across the process. */
export function inFlight(baseUrl: string, apiKey: string | null): number {
  return registry.get(endpointKey(baseUrl, apiKey))?.inFlight ?? 0;
}

// ---------------------------------------------------------------------------------------------
// The client

type RetryableKind = Extract<
  ProviderErrorKind,
  "rate_limited" | "server" | "timeout" | "unreachable"
>;
interface Failure {
  kind: RetryableKind;
  reason: string;
  status?: number;
  retryAfterMs?: number;
}
type Attempt = { ok: true; result: ChatResult } | { ok: false; failure: Failure };

/** A 4xx other than 401/403; keeps the provider's own words for the response_format fallback. */
class RejectedCall extends ProviderError {
  constructor(
    message: string,
    status: number,
    readonly providerMessage: string,
  ) {
    super("bad_request", message, status);
  }
}

const completionBody = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }),
      }),
    )
    .min(1),
  usage: z
    .object({ prompt_tokens: z.number().nullish(), completion_tokens: z.number().nullish() })
    .nullish(),
});

export function createLlmClient(config: ProviderConfig, opts: LlmClientOptions = {}): LlmClient {
  const baseUrl = normalizeBaseUrl(config.baseUrl);
  const url = `${baseUrl}/chat/completions`;
  const where = displayUrl(baseUrl);
  const semaphore = semaphoreFor(config);
  const doFetch = opts.fetch ?? guardedFetch(allowedHostsFor(config));
  const sleep = opts.sleep ?? abortableSleep;
  const usage: Usage = { model_calls: 0, prompt_tokens: 0, completion_tokens: 0, retries: 0 };
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/json",
  };
  if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;
  // Some OpenAI-compatible servers answer 400 to response_format; once seen, stop sending it.
  let responseFormatSupported = true;
  // Reasoning models refuse a temperature other than their default; once refused, stop sending it.
  let temperatureSupported = true;

  const redact = (text: string) => (config.apiKey ? text.split(config.apiKey).join("***") : text);
  const connectFailure = (reason: string) =>
    `Could not connect to the model provider at ${where} (${reason})`;

  /** One HTTP request, holding a concurrency slot while it is in flight. */
  async function attempt(req: ChatRequest, model: string, body: string): Promise<Attempt> {
    await semaphore.acquire(req.signal);
    try {
      const timeout = AbortSignal.timeout(config.timeoutMs);
      const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
      let status: number, text: string, retryAfter: string | null;
      try {
        const res = await doFetch(url, { method: "POST", headers, body, signal });
        status = res.status;
        retryAfter = res.headers.get("retry-after");
        text = await res.text();
      } catch (err) {
        if (req.signal?.aborted) throw abortedError();
        if (timeout.aborted)
          return fail({ kind: "timeout", reason: `no answer within ${config.timeoutMs} ms` });
        const problem = connectionProblem(err);
        // A refused address stays refused: no retry.
        if (problem.final) throw new ProviderError("unreachable", connectFailure(problem.reason));
        return fail({ kind: "unreachable", reason: problem.reason });
      }
      return interpret(status, text, retryAfter, model);
    } finally {
      semaphore.release();
    }
  }

  function interpret(
    status: number,
    text: string,
    retryAfter: string | null,
    model: string,
  ): Attempt {
    if (status >= 200 && status < 300)
      return { ok: true, result: parseCompletion(status, text, model) };
    if (status >= 300 && status < 400) {
      // Not followed: the next hop would be an address nobody checked, and it would get the API key.
      throw new ProviderError(
        "bad_response",
        `The model provider at ${where} answered with a redirect to another address (${describeStatus(status)}); Quiver does not follow redirects: enter the address it redirects to as the base URL`,
        status,
      );
    }
    const hint = errorHint(text);
    const answer = `${describeStatus(status)} from the provider${hint ? `: ${hint}` : ""}`;
    if (status === 401 || status === 403) {
      throw new ProviderError(
        "auth",
        `The model provider at ${where} refused the API key (${answer})`,
        status,
      );
    }
    if (status === 429)
      return fail({
        kind: "rate_limited",
        reason: answer,
        status,
        retryAfterMs: parseRetryAfter(retryAfter),
      });
    if (status >= 500) {
      return fail({
        kind: "server",
        reason: answer,
        status,
        retryAfterMs: status === 503 ? parseRetryAfter(retryAfter) : undefined,
      });
    }
    const check = status === 404 && !hint ? "; check the base URL and the model name" : "";
    throw new RejectedCall(
      `The model provider at ${where} rejected the call to model ${model} (${answer}${check})`,
      status,
      providerMessage(text),
    );
  }

  function parseCompletion(status: number, text: string, model: string): ChatResult {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw badResponse(status, text.trim() ? "not JSON" : "an empty body");
    }
    const parsed = completionBody.safeParse(json);
    if (!parsed.success) throw badResponse(status, "no choices[0].message");
    const message = parsed.data.choices[0]!.message;
    if (typeof message.content !== "string") {
      throw badResponse(
        status,
        message.refusal
          ? `the model refused: ${oneLine(message.refusal, 200)}`
          : "choices[0].message.content is missing",
      );
    }
    return {
      content: message.content,
      model: parsed.data.model ?? model,
      promptTokens: parsed.data.usage?.prompt_tokens ?? 0,
      completionTokens: parsed.data.usage?.completion_tokens ?? 0,
    };
  }

  function badResponse(status: number, problem: string): ProviderError {
    return new ProviderError(
      "bad_response",
      `The model provider at ${where} answered ${status} with a body that is not a chat completion (${redact(problem)})`,
      status,
    );
  }

  function exhausted(f: Failure, attempts: number): ProviderError {
    const tries = `${attempts} attempt${attempts === 1 ? "" : "s"}`;
    const message: Record<RetryableKind, string> = {
      rate_limited: `The model provider at ${where} kept rate-limiting the calls (last answer: ${f.reason}) after ${tries}`,
      server: `The model provider at ${where} kept failing (last answer: ${f.reason}) after ${tries}`,
      timeout: `The model provider at ${where} did not answer within ${config.timeoutMs} ms (${tries})`,
      unreachable: `${connectFailure(f.reason)} after ${tries}`,
    };
    return new ProviderError(f.kind, message[f.kind], f.status);
  }

  /** A completion with retries; `extra` is merged into the request body (response_format). */
  async function complete(
    req: ChatRequest,
    messages: ChatMessage[],
    extra: Record<string, unknown>,
  ): Promise<ChatResult> {
    const sendsTemperature = temperatureSupported && req.temperature !== undefined;
    try {
      return await completeOnce(req, messages, extra, sendsTemperature);
    } catch (err) {
      const refused =
        sendsTemperature &&
        err instanceof RejectedCall &&
        err.status === 400 &&
        /temperature/i.test(err.providerMessage);
      if (!refused) throw err;
      temperatureSupported = false;
      return completeOnce(req, messages, extra, false);
    }
  }

  async function completeOnce(
    req: ChatRequest,
    messages: ChatMessage[],
    extra: Record<string, unknown>,
    withTemperature: boolean,
  ): Promise<ChatResult> {
    if (req.signal?.aborted) throw abortedError();
    const model = config.models[req.role];
    const body = JSON.stringify({
      model,
      messages,
      temperature: withTemperature ? req.temperature : undefined,
      max_tokens: req.maxTokens,
      ...extra,
    });
    const attempts = Math.max(0, config.maxRetries) + 1;
    for (let n = 1; ; n++) {
      const outcome = await attempt(req, model, body);
      if (outcome.ok) {
        usage.model_calls++;
        usage.prompt_tokens += outcome.result.promptTokens;
        usage.completion_tokens += outcome.result.completionTokens;
        return outcome.result;
      }
      if (n >= attempts) throw exhausted(outcome.failure, n);
      const delayMs = outcome.failure.retryAfterMs ?? backoffDelay(n);
      usage.retries++;
      opts.onRetry?.({ attempt: n, delayMs, reason: outcome.failure.reason });
      try {
        await sleep(delayMs, req.signal);
      } catch (err) {
        if (req.signal?.aborted) throw abortedError();
        throw err;
      }
      if (req.signal?.aborted) throw abortedError();
    }
  }

  async function completeStructured(
    req: ChatRequest,
    messages: ChatMessage[],
    responseFormat: unknown,
  ): Promise<ChatResult> {
    if (!responseFormatSupported) return complete(req, messages, {});
    try {
      return await complete(req, messages, { response_format: responseFormat });
    } catch (err) {
      const unsupported =
        err instanceof RejectedCall &&
        err.status === 400 &&
        /response_format|json_schema/i.test(err.providerMessage);
      if (!unsupported) throw err;
      responseFormatSupported = false;
      return complete(req, messages, {});
    }
  }

  return {
    config,
    usage,
    chat: (req) => complete(req, req.messages, {}),
    async json<T>(req: JsonRequest<T>): Promise<T> {
      const attempts = Math.max(1, req.attempts ?? 3);
      const responseFormat = {
        type: "json_schema",
        json_schema: { name: req.name, schema: req.jsonSchema, strict: true },
      };
      let messages = req.messages;
      let problem = "";
      for (let n = 1; n <= attempts; n++) {
        const { content } = await completeStructured(req, messages, responseFormat);
        const parsed = parseStructuredOutput(content, req.schema);
        if (parsed.ok) return parsed.value;
        problem = parsed.problem;
        // Re-ask from the original conversation plus only the latest bad answer, so it stays short.
        messages = [
          ...req.messages,
          { role: "assistant", content },
          {
            role: "user",
            content: `That answer could not be used: ${problem}. Answer again with only the JSON object for ${req.name}, matching the schema, with no text before or after it.`,
          },
        ];
      }
      throw new ProviderError(
        "malformed_output",
        `The model (${config.models[req.role]}) returned ${req.name} output that is not valid JSON matching the schema after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${problem}`,
      );
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Structured output: tolerant extraction, then zod

type StructuredParse<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Finds the JSON object in a model's answer (fenced, bare, or inside prose) and validates it. */
function parseStructuredOutput<T>(text: string, schema: z.ZodType<T>): StructuredParse<T> {
  const found = extractJson(text);
  if (!found.ok) return found;
  const result = schema.safeParse(found.value);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues;
  const listed = issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.map(String).join(".") : "(top level)"}: ${i.message}`);
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : "";
  return { ok: false, problem: `the JSON does not match the schema: ${listed.join("; ")}${more}` };
}

function extractJson(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  // Reasoning models served through compatible APIs may prepend their thinking.
  const cleaned = text.replace(/<think>[\s\S]*?<\/think>/gi, "").trim();
  if (!cleaned) return { ok: false, problem: "the answer was empty" };
  const fence = /```[A-Za-z]*[^\S\r\n]*\r?\n?([\s\S]*?)```/.exec(cleaned);
  const body = fence ? fence[1]!.trim() : cleaned;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    // not bare JSON: look for an object inside the text
  }
  let firstError: string | undefined;
  for (const candidate of topLevelObjects(body)) {
    try {
      return { ok: true, value: JSON.parse(candidate) };
    } catch (err) {
      firstError ??= err instanceof Error ? err.message : String(err);
    }
  }
  if (firstError)
    return { ok: false, problem: `the answer is not valid JSON (${oneLine(firstError, 160)})` };
  return {
    ok: false,
    problem: "the answer contains no complete JSON object (it may have been cut off)",
  };
}

/** Each balanced top-level `{...}` in the text, in order; braces inside JSON strings are skipped. */
function* topLevelObjects(text: string): Generator<string> {
  let depth = 0;
  let start = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === "\\") escaped = true;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = depth > 0; // quotes in the prose around the object do not open strings
    } else if (c === "{") {
      if (depth === 0) start = i;
      depth++;
    } else if (c === "}" && depth > 0) {
      depth--;
      if (depth === 0) yield text.slice(start, i + 1);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Connection test (workspace settings, `quiver` CLI)

export type ConnectionTestResult =
  | { ok: true; latency_ms: number; models: Record<LlmRole, string>; reply: string }
  | { ok: false; kind: ProviderErrorKind; message: string };

/** One tiny call per distinct model of the roles, without retries; reports the first failure. */
export async function testConnection(config: ProviderConfig): Promise<ConnectionTestResult> {
  const client = createLlmClient({
    ...config,
    maxRetries: 0,
    timeoutMs: Math.min(config.timeoutMs, TEST_TIMEOUT_CAP_MS),
  });
  const started = performance.now();
  const tested = new Set<string>();
  let reply: string | undefined;
  for (const role of llmRoles) {
    const model = config.models[role];
    if (tested.has(model)) continue;
    tested.add(model);
    try {
      // No temperature or max_tokens: some models (reasoning ones) refuse either.
      const result = await client.chat({
        role,
        messages: [{ role: "user", content: 'Reply with the single word "ok" and nothing else.' }],
      });
      reply ??= oneLine(result.content, 200);
    } catch (err) {
      return {
        ok: false,
        kind: err instanceof ProviderError ? err.kind : "unreachable",
        message: describeProviderError(err),
      };
    }
  }
  return {
    ok: true,
    latency_ms: Math.round(performance.now() - started),
    models: { ...config.models },
    reply: reply ?? "",
  };
}

/** The one-line message a job's error field shows for any error thrown while calling the model. */
export function describeProviderError(err: unknown): string {
  if (err instanceof ProviderError) return oneLine(err.message, 1000);
  if (err instanceof Error) {
    if (err.name === "AbortError") return abortedError().message;
    return (
      oneLine(`${err.message || err.name}`, 1000) ||
      "Unknown error while calling the model provider"
    );
  }
  return (
    (err != null && oneLine(String(err), 1000)) || "Unknown error while calling the model provider"
  );
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function fail(failure: Failure): Attempt {
  return { ok: false, failure };
}

function abortedError(): ProviderError {
  return new ProviderError("aborted", "The call to the model provider was cancelled");
}

/**
 * The private hosts this configuration may reach: the operator's QUIVER_LLM_ALLOWED_HOSTS, and for
 * the environment's own provider (QUIVER_LLM_BASE_URL, set by the operator too) its host and port.
 */
function allowedHostsFor(config: ProviderConfig): AllowedHost[] {
  const e = env();
  const hosts = [...e.QUIVER_LLM_ALLOWED_HOSTS];
  if (config.source === "environment" && e.QUIVER_LLM_BASE_URL) {
    try {
      const configured = new URL(e.QUIVER_LLM_BASE_URL);
      if (new URL(config.baseUrl).origin === configured.origin) {
        hosts.push(
          `${configured.hostname}:${configured.port || (configured.protocol === "https:" ? 443 : 80)}`,
        );
      }
    } catch {
      // not a URL: nothing more is allowed
    }
  }
  return parseAllowedHosts(hosts);
}

function normalizeBaseUrl(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, "");
}

/** The base URL for messages: without any user:password part. */
function displayUrl(baseUrl: string): string {
  try {
    const u = new URL(baseUrl);
    if (!u.username && !u.password) return baseUrl;
    u.username = "";
    u.password = "";
    return u.toString().replace(/\/+$/, "");
  } catch {
    return baseUrl;
  }
}

function describeStatus(status: number): string {
  return `HTTP ${status} ${STATUS_CODES[status] ?? ""}`.trim();
}

// What an OpenAI-style error code means, in our words: the provider's own text is not repeated.
const errorCodeHints: Record<string, string> = {
  model_not_found: "the model does not exist or this key cannot use it",
  context_length_exceeded: "the conversation is longer than the model's context",
  insufficient_quota: "the account has no quota left",
  invalid_api_key: "the API key is not valid",
  rate_limit_exceeded: "rate limit reached",
  unsupported_parameter: "a parameter is not supported by the model",
};

/** A fixed explanation of an OpenAI-style `{error:{code}}`, when the code is a known one. */
function errorHint(text: string): string | undefined {
  try {
    const body: unknown = JSON.parse(text);
    const e = isRecord(body) ? body.error : undefined;
    if (!isRecord(e)) return undefined;
    for (const field of ["code", "type"]) {
      const value = e[field];
      if (typeof value === "string" && Object.hasOwn(errorCodeHints, value))
        return errorCodeHints[value];
    }
  } catch {
    // not JSON
  }
  return undefined;
}

/**
 * The provider's own error message: OpenAI's `{error:{message}}`, or other common shapes, or the
 * text. Only to decide on a fallback (response_format, temperature); never shown.
 */
function providerMessage(text: string): string {
  let message = text;
  try {
    const body: unknown = JSON.parse(text);
    if (isRecord(body)) {
      const e = body.error;
      const picked =
        typeof e === "string"
          ? e
          : isRecord(e) && typeof e.message === "string"
            ? e.message
            : (body.message ?? body.detail);
      if (typeof picked === "string") message = picked;
    }
  } catch {
    // not JSON: an HTML error page or plain text
  }
  return oneLine(message, 300);
}

/**
 * Why a connection failed, as a category: the system's message would name resolved addresses and
 * other details of the network the admin did not type. `final` when retrying cannot help.
 */
function connectionProblem(err: unknown): { reason: string; final?: boolean } {
  const cause = err instanceof Error && isRecord(err.cause) ? err.cause : undefined;
  const code = String(
    (cause && typeof cause.code === "string" && cause.code) ||
      (isRecord(err) && typeof err.code === "string" && err.code) ||
      "",
  );
  if (code === REFUSED_ADDRESS) {
    return {
      reason:
        "refused: the address is private; an operator can allow it with QUIVER_LLM_ALLOWED_HOSTS",
      final: true,
    };
  }
  if (code === "ECONNREFUSED") return { reason: "connection refused" };
  if (/^(ENOTFOUND|EAI_)/.test(code)) return { reason: "DNS lookup failed" };
  if (
    /^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/.test(code)
  )
    return { reason: "timed out" };
  if (/^(EHOSTUNREACH|ENETUNREACH|EHOSTDOWN|ENETDOWN)$/.test(code))
    return { reason: "host unreachable" };
  if (/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED)$/.test(code))
    return { reason: "connection reset" };
  if (/CERT|TLS|SSL|^EPROTO$|SIGNATURE|^ERR_OSSL/.test(code)) return { reason: "TLS error" };
  if (/^HPE_/.test(code) || cause?.name === "HTTPParserError")
    return { reason: "the server did not answer HTTP" };
  // fetch refuses the ports of other protocols (the Fetch standard's "bad ports": 25, 9, 6000…).
  if (cause?.message === "bad port") return { reason: "the port is not allowed for HTTP" };
  return { reason: "connection error" };
}

/** Retry-After as integer (or decimal) seconds or an HTTP-date, capped; undefined when absent or unreadable. */
function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(v)) ms = Number(v) * 1000;
  else {
    const at = Date.parse(v);
    if (Number.isNaN(at)) return undefined;
    ms = Math.max(0, at - Date.now());
  }
  return Math.min(Math.round(ms), RETRY_AFTER_CAP_MS);
}

/** Exponential backoff with full jitter: uniform in [0, min(cap, base·2^(retry-1))). */
function backoffDelay(retry: number): number {
  return Math.floor(Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (retry - 1)));
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
