// The model provider's contract, shared by the client (lib/llm/client.ts), the workspace settings
// (lib/llm/providers.ts) and the optimization engine (lib/optimization/engine/).

/** The three roles a run needs a model for. The judge's model also writes variants and scenarios. */
export type LlmRole = "agent" | "user" | "judge";
export const llmRoles: readonly LlmRole[] = ["agent", "user", "judge"];

/** An OpenAI-compatible chat-completions endpoint and how to call it. */
export interface ProviderConfig {
  /** The API root, e.g. https://api.openai.com/v1 or http://localhost:11434/v1; `/chat/completions` is appended. */
  baseUrl: string;
  apiKey: string | null;
  models: Record<LlmRole, string>;
  /** Calls in flight at once to this endpoint, across every job of this process. */
  maxConcurrency: number;
  /** Per call, ms. */
  timeoutMs: number;
  /** Retries after the first attempt, on 429, 5xx, timeouts and connection errors. */
  maxRetries: number;
  /** Where the configuration came from. */
  source: "environment" | "workspace";
}

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface ChatRequest {
  role: LlmRole;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  signal?: AbortSignal;
}

export interface ChatResult {
  content: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
}

/** Counted per client (one client per job run). */
export interface Usage {
  model_calls: number;
  prompt_tokens: number;
  completion_tokens: number;
  retries: number;
}

export type ProviderErrorKind =
  | "unreachable" // connection refused, DNS, reset
  | "auth" // 401 / 403: the key is refused
  | "rate_limited" // 429 after every retry
  | "server" // 5xx after every retry
  | "timeout" // no answer within timeoutMs, after every retry
  | "bad_request" // other 4xx (unknown model, context too long…)
  | "bad_response" // 2xx whose body is not a chat completion
  | "malformed_output" // structured output that stays invalid after its retries
  | "aborted"; // the caller's signal

export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}
