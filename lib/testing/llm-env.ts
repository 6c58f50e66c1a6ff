// For tests of the model provider's environment: set exactly some QUIVER_LLM_* variables (the
// others unset) and restore them afterwards.
import { resetEnvCache } from "@/lib/env";

const llmVars = [
  "QUIVER_LLM_BASE_URL",
  "QUIVER_LLM_API_KEY",
  "QUIVER_LLM_MODEL",
  "QUIVER_LLM_AGENT_MODEL",
  "QUIVER_LLM_USER_MODEL",
  "QUIVER_LLM_JUDGE_MODEL",
  "QUIVER_LLM_CONCURRENCY",
  "QUIVER_LLM_TIMEOUT_MS",
  "QUIVER_LLM_MAX_RETRIES",
] as const;
export type LlmVar = (typeof llmVars)[number];

const saved = Object.fromEntries(llmVars.map((k) => [k, process.env[k]]));

/** Exactly these QUIVER_LLM_* variables, the others unset. */
export function setLlmEnv(vars: Partial<Record<LlmVar, string>>): void {
  for (const k of llmVars) {
    if (vars[k] === undefined) delete process.env[k];
    else process.env[k] = vars[k];
  }
  resetEnvCache();
}

/** The variables as they were when the test file loaded. */
export function restoreLlmEnv(): void {
  setLlmEnv(saved as Partial<Record<LlmVar, string>>);
}
