// The model provider's client against a real HTTP server (lib/testing/fake-llm.ts): request shape
// and usage, retries with Retry-After and backoff, every error kind, the per-endpoint concurrency
// limit, structured output with its repairs and the response_format fallback, the connection test.
// Waits between retries go through opts.sleep, which records the delay instead of sleeping.
import { STATUS_CODES } from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { faults, startFakeLlm, type FakeLlm } from "@/lib/testing/fake-llm";
import { resetEnvCache } from "@/lib/env";
import { restoreLlmEnv, setLlmEnv } from "@/lib/testing/llm-env";
import {
  createLlmClient,
  describeProviderError,
  inFlight,
  testConnection,
  type LlmClientOptions,
  type RetryInfo,
} from "./client";
import { ProviderError, type ChatRequest, type ProviderConfig } from "./types";

const KEY = "sk-test-secret-key-123456";
const fakes: FakeLlm[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function fake(...args: Parameters<typeof startFakeLlm>): Promise<FakeLlm> {
  const f = await startFakeLlm(...args);
  fakes.push(f);
  return f;
}

function cfg(baseUrl: string, over: Partial<ProviderConfig> = {}): ProviderConfig {
  return {
    baseUrl,
    apiKey: KEY,
    models: { agent: "agent-model", user: "user-model", judge: "judge-model" },
    maxConcurrency: 4,
    timeoutMs: 5_000,
    maxRetries: 2,
    source: "environment",
    ...over,
  };
}

/** A client whose waits between retries are recorded, not slept. */
function recording(config: ProviderConfig, more: LlmClientOptions = {}) {
  const delays: number[] = [];
  const retries: RetryInfo[] = [];
  const client = createLlmClient(config, {
    sleep: async (ms) => {
      delays.push(ms);
    },
    onRetry: (info) => retries.push(info),
    ...more,
  });
  return { client, delays, retries };
}

const ask = (content = "Hello", over: Partial<ChatRequest> = {}): ChatRequest => ({
  role: "agent",
  messages: [{ role: "user", content }],
  ...over,
});

async function failure(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ProviderError);
    return err as ProviderError;
  }
  throw new Error("expected the call to fail");
}

async function waitFor(cond: () => boolean, ms = 2_000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error("waitFor timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe("chat", () => {
  it("posts a chat completion to baseUrl/chat/completions and counts usage", async () => {
    const f = await fake(
      faults.sequence([
        { content: "first", usage: { prompt_tokens: 7, completion_tokens: 3 } },
        { content: "second" },
      ]),
    );
    const client = createLlmClient(cfg(`${f.url}/`)); // a trailing slash is tolerated
    const a = await client.chat(ask("Hi", { temperature: 0.2, maxTokens: 50 }));
    const b = await client.chat({
      role: "judge",
      messages: [
        { role: "system", content: "Judge." },
        { role: "user", content: "Go" },
      ],
    });

    expect(a).toEqual({
      content: "first",
      model: "agent-model",
      promptTokens: 7,
      completionTokens: 3,
    });
    expect(b.content).toBe("second");
    expect(b.model).toBe("judge-model");
    expect(client.usage).toEqual({
      model_calls: 2,
      prompt_tokens: 17,
      completion_tokens: 8,
      retries: 0,
    });
    expect(f.requests.map((r) => r.path)).toEqual(["/v1/chat/completions", "/v1/chat/completions"]);
    expect(f.requests[0]!.body).toEqual({
      model: "agent-model",
      messages: [{ role: "user", content: "Hi" }],
      temperature: 0.2,
      max_tokens: 50,
    });
    expect(f.requests[1]!.body).toEqual({
      model: "judge-model",
      messages: [
        { role: "system", content: "Judge." },
        { role: "user", content: "Go" },
      ],
    });
    expect(f.requests[0]!.headers["content-type"]).toBe("application/json");
  });

  it("counts 0 tokens when the response has no usage", async () => {
    const raw = JSON.stringify({ choices: [{ message: { role: "assistant", content: "bare" } }] });
    const f = await fake(faults.always({ rawBody: raw }));
    const client = createLlmClient(cfg(f.url));
    expect((await client.chat(ask())).content).toBe("bare");
    expect(client.usage).toEqual({
      model_calls: 1,
      prompt_tokens: 0,
      completion_tokens: 0,
      retries: 0,
    });
  });

  it("sends Authorization: Bearer only when an API key is set", async () => {
    const f = await fake();
    await createLlmClient(cfg(f.url)).chat(ask());
    await createLlmClient(cfg(f.url, { apiKey: null })).chat(ask());
    await createLlmClient(cfg(f.url, { apiKey: "" })).chat(ask());
    expect(f.requests.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${KEY}`,
      undefined,
      undefined,
    ]);
  });
});

describe("retries", () => {
  it("honours Retry-After seconds on 429 instead of the backoff", async () => {
    const f = await fake(faults.sequence([faults.rateLimited(1)]));
    const { client, delays, retries } = recording(cfg(f.url));
    expect((await client.chat(ask())).content).toBe("ok");
    expect(delays).toEqual([1000]);
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ attempt: 1, delayMs: 1000 });
    expect(retries[0]!.reason).toContain("429");
    expect(f.requests).toHaveLength(2);
    expect(client.usage).toMatchObject({ model_calls: 1, retries: 1 });
  });

  it("honours an HTTP-date Retry-After on 503 and caps Retry-After at 60 s", async () => {
    const date = new Date(Date.now() + 5_000).toUTCString();
    const f = await fake(
      faults.sequence([
        { status: 503, headers: { "Retry-After": date } },
        faults.rateLimited(3600),
      ]),
    );
    const { client, delays } = recording(cfg(f.url));
    await client.chat(ask());
    expect(delays).toHaveLength(2);
    // HTTP-dates have whole seconds: the wait is between 3 and 5 s, not a sub-second backoff.
    expect(delays[0]).toBeGreaterThan(3_000);
    expect(delays[0]).toBeLessThanOrEqual(5_000);
    expect(delays[1]).toBe(60_000);
  });

  it("retries a 500 with a jittered backoff below the 500 ms base, then succeeds", async () => {
    const f = await fake(faults.sequence([faults.serverError(500)]));
    const { client, delays } = recording(cfg(f.url));
    expect((await client.chat(ask())).content).toBe("ok");
    expect(f.requests).toHaveLength(2);
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThanOrEqual(0);
    expect(delays[0]).toBeLessThan(500);
    expect(client.usage).toMatchObject({ model_calls: 1, retries: 1 });
  });

  it("grows the backoff exponentially up to the 20 s cap (full jitter)", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const f = await fake(faults.always(faults.serverError(502)));
    const { client, delays } = recording(cfg(f.url, { maxRetries: 8 }));
    await failure(client.chat(ask()));
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it("gives up on a 503 after maxRetries with a server error naming the URL, status and attempts", async () => {
    const f = await fake(faults.always(faults.serverError(503, "overloaded")));
    const { client, delays } = recording(cfg(f.url, { maxRetries: 2 }));
    const err = await failure(client.chat(ask()));
    expect(err.kind).toBe("server");
    expect(err.status).toBe(503);
    expect(err.message).toContain(f.url);
    expect(err.message).toContain("HTTP 503 Service Unavailable from the provider");
    expect(err.message).not.toContain("overloaded"); // the provider's words are not repeated
    expect(err.message).toContain("after 3 attempts");
    expect(err.message).not.toContain(KEY);
    expect(f.requests).toHaveLength(3);
    expect(delays).toHaveLength(2);
    expect(client.usage).toEqual({
      model_calls: 0,
      prompt_tokens: 0,
      completion_tokens: 0,
      retries: 2,
    });
  });

  it("gives up on 429s with rate_limited", async () => {
    const f = await fake(faults.always(faults.rateLimited()));
    const { client } = recording(cfg(f.url, { maxRetries: 1 }));
    const err = await failure(client.chat(ask()));
    expect(err.kind).toBe("rate_limited");
    expect(err.message).toMatch(/429 Too Many Requests.*after 2 attempts/);
    expect(f.requests).toHaveLength(2);
  });

  it("does not retry when maxRetries is 0", async () => {
    const f = await fake(faults.always(faults.serverError(500)));
    const { client, delays } = recording(cfg(f.url, { maxRetries: 0 }));
    const err = await failure(client.chat(ask()));
    expect(err.kind).toBe("server");
    expect(err.message).toContain("after 1 attempt");
    expect(f.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });
});

describe("errors that are not retried", () => {
  it.each([401, 403])(
    "%i → auth naming the status, not the provider's message, one request",
    async (status) => {
      const f = await fake(faults.always(faults.error(status, "Incorrect API key provided")));
      const { client, delays } = recording(cfg(f.url));
      const err = await failure(client.chat(ask()));
      expect(err.kind).toBe("auth");
      expect(err.status).toBe(status);
      expect(err.message).toBe(
        `The model provider at ${f.url} refused the API key (HTTP ${status} ${STATUS_CODES[status]} from the provider)`,
      );
      expect(f.requests).toHaveLength(1);
      expect(delays).toEqual([]);
    },
  );

  it("never repeats the API key, even when the provider echoes it", async () => {
    const f = await fake(faults.always(faults.error(401, `Key ${KEY} is not valid`)));
    const err = await failure(createLlmClient(cfg(f.url)).chat(ask()));
    expect(err.message).not.toContain(KEY);
    expect(err.message).not.toContain("is not valid");
  });

  it("explains a known OpenAI error code in its own words, without the provider's text", async () => {
    const f = await fake(
      faults.always({
        status: 404,
        rawBody: JSON.stringify({
          error: { message: "SECRET-INTERNAL-PAGE", code: "model_not_found" },
        }),
      }),
    );
    const err = await failure(createLlmClient(cfg(f.url)).chat(ask()));
    expect(err.message).toBe(
      `The model provider at ${f.url} rejected the call to model agent-model (HTTP 404 Not Found from the provider: the model does not exist or this key cannot use it)`,
    );
  });

  it.each([404, 400])(
    "%i for an unknown model → bad_request naming the status and the model, not the provider's message",
    async (status) => {
      const f = await fake(
        faults.always(faults.error(status, "The model `agent-model` does not exist")),
      );
      const { client, delays } = recording(cfg(f.url));
      const err = await failure(client.chat(ask()));
      expect(err.kind).toBe("bad_request");
      expect(err.status).toBe(status);
      expect(err.message).toContain("model agent-model");
      expect(err.message).toContain(`HTTP ${status} ${STATUS_CODES[status]} from the provider`);
      expect(err.message).not.toContain("does not exist");
      if (status === 404) expect(err.message).toContain("check the base URL and the model name");
      expect(f.requests).toHaveLength(1);
      expect(delays).toEqual([]);
    },
  );

  it.each([
    ["not JSON", "<html>hello</html>"],
    ["no choices", JSON.stringify({ id: "x", choices: [] })],
    [
      "null content",
      JSON.stringify({ choices: [{ message: { role: "assistant", content: null } }] }),
    ],
  ])("a 200 whose body is not a chat completion (%s) → bad_response", async (_label, rawBody) => {
    const f = await fake(faults.always({ rawBody }));
    const client = createLlmClient(cfg(f.url));
    const err = await failure(client.chat(ask()));
    expect(err.kind).toBe("bad_response");
    expect(err.message).toContain(f.url);
    expect(f.requests).toHaveLength(1);
    expect(client.usage.model_calls).toBe(0);
  });
});

describe("timeouts, connections and cancellation", () => {
  it("a hanging provider → timeout after the retries", async () => {
    const f = await fake(faults.always(faults.hang()));
    const { client, delays } = recording(cfg(f.url, { timeoutMs: 150, maxRetries: 1 }));
    const started = Date.now();
    const err = await failure(client.chat(ask()));
    expect(err.kind).toBe("timeout");
    expect(err.message).toContain("did not answer within 150 ms (2 attempts)");
    expect(err.message).toContain(f.url);
    expect(f.requests).toHaveLength(2);
    expect(delays).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("a closed port → unreachable after the retries", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    const { client, delays } = recording(cfg(url, { maxRetries: 1 }));
    const err = await failure(client.chat(ask()));
    expect(err.kind).toBe("unreachable");
    expect(err.message).toBe(
      `Could not connect to the model provider at ${url} (connection refused) after 2 attempts`,
    );
    expect(delays).toHaveLength(1);
  });

  it("the caller's abort during a request → aborted, no retry", async () => {
    const f = await fake(faults.always(faults.hang()));
    const { client, delays } = recording(cfg(f.url, { timeoutMs: 10_000 }));
    const controller = new AbortController();
    const call = failure(client.chat(ask("Hi", { signal: controller.signal })));
    await waitFor(() => f.requests.length === 1);
    controller.abort();
    const err = await call;
    expect(err.kind).toBe("aborted");
    expect(f.requests).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(client.usage.retries).toBe(0);
  });

  it("an abort while waiting to retry → aborted, no further request", async () => {
    const f = await fake(faults.always(faults.serverError(500)));
    const controller = new AbortController();
    const client = createLlmClient(cfg(f.url), { sleep: async () => controller.abort() });
    const err = await failure(client.chat(ask("Hi", { signal: controller.signal })));
    expect(err.kind).toBe("aborted");
    expect(f.requests).toHaveLength(1);
  });

  it("an already aborted signal sends nothing", async () => {
    const f = await fake();
    const err = await failure(
      createLlmClient(cfg(f.url)).chat(ask("Hi", { signal: AbortSignal.abort() })),
    );
    expect(err.kind).toBe("aborted");
    expect(f.requests).toHaveLength(0);
  });
});

describe("concurrency", () => {
  it("keeps at most maxConcurrency requests in flight per endpoint", async () => {
    const f = await fake(faults.always({ content: "ok", delayMs: 30 }));
    const client = createLlmClient(cfg(f.url, { maxConcurrency: 3 }));
    let seen = 0;
    const poll = setInterval(() => (seen = Math.max(seen, inFlight(f.url, KEY))), 2);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => client.chat(ask(`call ${i}`))),
    );
    clearInterval(poll);
    expect(results.every((r) => r.content === "ok")).toBe(true);
    expect(f.requests).toHaveLength(20);
    expect(f.maxInFlight).toBe(3); // the limit, and actually used in parallel
    expect(seen).toBeLessThanOrEqual(3);
    expect(seen).toBeGreaterThan(0);
    expect(inFlight(f.url, KEY)).toBe(0);
  });

  it("shares the limit between clients of the same endpoint, with the latest size", async () => {
    const f = await fake(faults.always({ content: "ok", delayMs: 30 }));
    const first = createLlmClient(cfg(f.url, { maxConcurrency: 1 }));
    const second = createLlmClient(cfg(f.url, { maxConcurrency: 2 }));
    await Promise.all([
      ...Array.from({ length: 4 }, () => first.chat(ask())),
      ...Array.from({ length: 4 }, () => second.chat(ask())),
    ]);
    expect(f.maxInFlight).toBe(2);
  });

  it("does not hold a slot while sleeping before a retry", async () => {
    const f = await fake(faults.sequence([faults.serverError(500)]));
    let wake!: () => void;
    const gate = new Promise<void>((r) => (wake = r));
    let sleeping = false;
    const client = createLlmClient(cfg(f.url, { maxConcurrency: 1 }), {
      sleep: () => {
        sleeping = true;
        return gate;
      },
    });
    const first = client.chat(ask("first"));
    await waitFor(() => sleeping);
    expect(inFlight(f.url, KEY)).toBe(0);
    // With the slot held during the sleep, this would wait for the gate forever.
    const second = await Promise.race([
      client.chat(ask("second")),
      new Promise((_, rej) => setTimeout(() => rej(new Error("blocked")), 1_000)),
    ]);
    expect(second).toMatchObject({ content: "ok" });
    wake();
    expect((await first).content).toBe("ok");
    expect(f.requests).toHaveLength(3);
  });
});

describe("json", () => {
  const verdict = z.object({ score: z.number().min(0).max(10), reason: z.string() });
  const verdictSchema = {
    type: "object",
    properties: { score: { type: "number" }, reason: { type: "string" } },
    required: ["score", "reason"],
    additionalProperties: false,
  };
  const askJson = (attempts?: number) => ({
    role: "judge" as const,
    messages: [
      { role: "system" as const, content: "You are a judge." },
      { role: "user" as const, content: "Rate it." },
    ],
    name: "verdict",
    schema: verdict,
    jsonSchema: verdictSchema,
    attempts,
  });

  it("sends response_format with the schema and returns the validated object", async () => {
    const f = await fake(faults.always({ content: '{"score": 7, "reason": "clear"}' }));
    const client = createLlmClient(cfg(f.url));
    expect(await client.json(askJson())).toEqual({ score: 7, reason: "clear" });
    expect(f.requests[0]!.body.model).toBe("judge-model");
    expect(f.requests[0]!.body.response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "verdict", schema: verdictSchema, strict: true },
    });
  });

  it("accepts JSON in a ```json fence, preferring it to an object in the prose", async () => {
    const content =
      'The shape is {"score": 0, "reason": "example"}. Mine:\n```json\n{"score": 3, "reason": "vague"}\n```\nHope this helps.';
    const f = await fake(faults.always({ content }));
    expect(await createLlmClient(cfg(f.url)).json(askJson())).toEqual({
      score: 3,
      reason: "vague",
    });
    expect(f.requests).toHaveLength(1);
  });

  it("finds the object in prose when the provider ignores response_format", async () => {
    const content =
      'Sure! {not json} My verdict: {"score": 9, "reason": "a } and a { in a \\"string\\""} That is all.';
    const f = await fake(faults.always({ content }));
    expect(await createLlmClient(cfg(f.url)).json(askJson())).toEqual({
      score: 9,
      reason: 'a } and a { in a "string"',
    });
    expect(f.requests).toHaveLength(1);
  });

  it("re-asks with the bad answer and what was wrong, then accepts the repaired answer", async () => {
    const bad = '{"score": "high", "reason": "good"}';
    const f = await fake(
      faults.sequence([{ content: bad }, { content: '{"score": 8, "reason": "good"}' }]),
    );
    const client = createLlmClient(cfg(f.url));
    expect(await client.json(askJson())).toEqual({ score: 8, reason: "good" });
    expect(f.requests).toHaveLength(2);
    const messages = f.requests[1]!.body.messages as Array<{ role: string; content: string }>;
    expect(messages.slice(0, 2)).toEqual(askJson().messages);
    expect(messages[2]).toEqual({ role: "assistant", content: bad });
    expect(messages[3]!.role).toBe("user");
    expect(messages[3]!.content).toContain("score:"); // the zod issue, with its path
    expect(messages[3]!.content).toContain("only the JSON object");
    expect(messages).toHaveLength(4);
    expect(client.usage.model_calls).toBe(2);
  });

  it("says when the answer is not JSON at all", async () => {
    const f = await fake(faults.sequence([{ content: "I think it deserves a 7." }]));
    const client = createLlmClient(cfg(f.url));
    await client.json(askJson()).catch(() => undefined);
    expect(f.requests[1]!.body.messages[3].content).toContain("no complete JSON object");
  });

  it("fails with malformed_output after the attempts, naming the model, output and last problem", async () => {
    const f = await fake(faults.always({ content: '{"score": 42}' }));
    const err = await failure(createLlmClient(cfg(f.url)).json(askJson()));
    expect(err.kind).toBe("malformed_output");
    expect(err.message).toMatch(
      /^The model \(judge-model\) returned verdict output that is not valid JSON matching the schema after 3 attempts: /,
    );
    expect(err.message).toContain("score");
    expect(err.message).toContain("reason");
    expect(f.requests).toHaveLength(3);
  });

  it("respects a custom number of attempts", async () => {
    const f = await fake(faults.always({ content: "nope" }));
    const err = await failure(createLlmClient(cfg(f.url)).json(askJson(2)));
    expect(err.message).toContain("after 2 attempts");
    expect(f.requests).toHaveLength(2);
  });

  it("retries without response_format when the provider rejects it, and remembers", async () => {
    const f = await fake(
      faults.sequence(
        [
          faults.error(
            400,
            "Unsupported parameter: response_format.type json_schema is not supported",
          ),
        ],
        () => ({ content: '{"score": 5, "reason": "ok"}' }),
      ),
    );
    const client = createLlmClient(cfg(f.url));
    expect(await client.json(askJson())).toEqual({ score: 5, reason: "ok" });
    expect(await client.json(askJson())).toEqual({ score: 5, reason: "ok" });
    expect(f.requests.map((r) => "response_format" in r.body)).toEqual([true, false, false]);
    // A new client asks with response_format again.
    await createLlmClient(cfg(f.url)).json(askJson());
    expect("response_format" in f.requests[3]!.body).toBe(true);
  });

  it("retries without temperature when a model refuses it, and remembers", async () => {
    const f = await fake(
      faults.sequence(
        [
          faults.error(
            400,
            "Unsupported value: 'temperature' does not support 0.7 with this model. Only the default (1) value is supported.",
          ),
        ],
        () => ({ content: "fine" }),
      ),
    );
    const client = createLlmClient(cfg(f.url));
    expect((await client.chat(ask("a", { temperature: 0.7 }))).content).toBe("fine");
    expect((await client.chat(ask("b", { temperature: 0.7 }))).content).toBe("fine");
    expect(f.requests.map((r) => "temperature" in r.body)).toEqual([true, false, false]);
    expect(client.usage.retries).toBe(0);
  });

  it("does not drop temperature for other 400s", async () => {
    const f = await fake(faults.always(faults.error(400, "The model `nope` does not exist")));
    const err = await failure(createLlmClient(cfg(f.url)).chat(ask("a", { temperature: 0.7 })));
    expect(err.kind).toBe("bad_request");
    expect(f.requests).toHaveLength(1);
  });

  it("does not drop response_format for other 400s", async () => {
    const f = await fake(
      faults.always(faults.error(400, "This model's maximum context length is 8192 tokens")),
    );
    const err = await failure(createLlmClient(cfg(f.url)).json(askJson()));
    expect(err.kind).toBe("bad_request");
    expect(err.message).toContain("HTTP 400 Bad Request from the provider");
    expect(f.requests).toHaveLength(1);
  });
});

describe("the address guard and what is shown of the provider's answers", () => {
  const allowedBefore = process.env.QUIVER_LLM_ALLOWED_HOSTS;
  const allowOnly = (value: string | undefined) => {
    if (value === undefined) delete process.env.QUIVER_LLM_ALLOWED_HOSTS;
    else process.env.QUIVER_LLM_ALLOWED_HOSTS = value;
    resetEnvCache();
  };
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    allowOnly(allowedBefore);
    restoreLlmEnv();
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  it("refuses a loopback provider without the operator's allowance, at once and without retries", async () => {
    const f = await fake();
    allowOnly(undefined);
    const { client, delays } = recording(cfg(f.url, { source: "workspace", maxRetries: 3 }));
    const err = await failure(client.chat(ask()));
    expect(err.kind).toBe("unreachable");
    expect(err.message).toBe(
      `Could not connect to the model provider at ${f.url} (refused: the address is private; an operator can allow it with QUIVER_LLM_ALLOWED_HOSTS)`,
    );
    expect(f.requests).toHaveLength(0);
    expect(delays).toEqual([]);
    allowOnly("127.0.0.1");
    expect((await createLlmClient(cfg(f.url, { source: "workspace" })).chat(ask())).content).toBe(
      "ok",
    );
  });

  it("lets the environment's own provider (QUIVER_LLM_BASE_URL) reach its host, and nothing else through it", async () => {
    const f = await fake();
    const other = await fake();
    allowOnly(undefined);
    setLlmEnv({ QUIVER_LLM_BASE_URL: f.url, QUIVER_LLM_MODEL: "m" });
    expect((await createLlmClient(cfg(f.url, { source: "environment" })).chat(ask())).content).toBe(
      "ok",
    );
    // A workspace's settings naming the same host are not the operator's.
    expect(
      (await failure(createLlmClient(cfg(f.url, { source: "workspace" })).chat(ask()))).message,
    ).toMatch(/refused: the address is private/);
    // Another port of the same address is not the environment's provider.
    expect(
      (await failure(createLlmClient(cfg(other.url, { source: "environment" })).chat(ask())))
        .message,
    ).toMatch(/refused: the address is private/);
    expect(f.requests).toHaveLength(1);
    expect(other.requests).toHaveLength(0);
  });

  it.each([
    ["TLS error", async () => (await fake()).url.replace("http:", "https:")],
    ["DNS lookup failed", async () => "http://no-such-host.invalid/v1"],
    ["the port is not allowed for HTTP", async () => "http://127.0.0.1:25/v1"],
    [
      "the server did not answer HTTP",
      async () => {
        const sockets = new Set<net.Socket>();
        const server = net.createServer((socket) => {
          sockets.add(socket);
          socket.end("SSH-2.0-OpenSSH_9.6 SECRET-BANNER\r\n");
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        closers.push(
          () =>
            new Promise<void>((resolve) => {
              for (const socket of sockets) socket.destroy();
              server.close(() => resolve());
            }),
        );
        return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/v1`;
      },
    ],
  ])("reports a connection failure as a category: %s", async (category, url) => {
    const baseUrl = await url();
    const err = await failure(createLlmClient(cfg(baseUrl, { maxRetries: 0 })).chat(ask()));
    expect(err.kind).toBe("unreachable");
    expect(err.message).toBe(
      `Could not connect to the model provider at ${baseUrl} (${category}) after 1 attempt`,
    );
  });

  it("does not follow a redirect, nor say where it pointed", async () => {
    const target = await fake();
    const f = await fake(
      faults.always({
        status: 307,
        headers: { location: `${target.url}/chat/completions?SECRET-LOCATION` },
        rawBody: "",
      }),
    );
    const err = await failure(createLlmClient(cfg(f.url, { maxRetries: 2 })).chat(ask()));
    expect(err.kind).toBe("bad_response");
    expect(err.message).toBe(
      `The model provider at ${f.url} answered with a redirect to another address (HTTP 307 Temporary Redirect); Quiver does not follow redirects: enter the address it redirects to as the base URL`,
    );
    expect(f.requests).toHaveLength(1);
    expect(target.requests).toHaveLength(0);
  });

  it.each([
    ["a 404 page", { status: 404, rawBody: "<html>SECRET-INTERNAL-PAGE</html>" }],
    ["a 400 error body", { status: 400, error: "SECRET-INTERNAL-PAGE" }],
    ["a 500 error body", { status: 500, error: "SECRET-INTERNAL-PAGE" }],
    ["a 401 error body", { status: 401, error: "SECRET-INTERNAL-PAGE" }],
    ["a 200 that is not JSON", { status: 200, rawBody: "SECRET-INTERNAL-PAGE" }],
    [
      "a 200 that is not a completion",
      { status: 200, rawBody: JSON.stringify({ secret: "SECRET-INTERNAL-PAGE" }) },
    ],
  ])("never repeats the body of %s", async (_label, reply) => {
    const f = await fake(faults.always(reply));
    const result = await testConnection(cfg(f.url));
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain("SECRET-INTERNAL-PAGE");
    const err = await failure(createLlmClient(cfg(f.url, { maxRetries: 0 })).chat(ask()));
    expect(describeProviderError(err)).not.toContain("SECRET-INTERNAL-PAGE");
  });
});

describe("testConnection", () => {
  it("calls each distinct model once and reports the reply", async () => {
    const f = await fake();
    const result = await testConnection(
      cfg(f.url, { models: { agent: "m1", user: "m1", judge: "m2" } }),
    );
    expect(result).toMatchObject({
      ok: true,
      reply: "ok",
      models: { agent: "m1", user: "m1", judge: "m2" },
    });
    expect(f.requests.map((r) => r.body.model)).toEqual(["m1", "m2"]);
    if (result.ok) expect(result.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it("reports the first failure, without retries", async () => {
    const f = await fake(faults.sequence([{ content: "ok" }], () => faults.serverError(503)));
    const result = await testConnection(cfg(f.url, { maxRetries: 5 }));
    expect(result).toMatchObject({ ok: false, kind: "server" });
    if (!result.ok) expect(result.message).toContain("after 1 attempt");
    expect(f.requests.map((r) => r.body.model)).toEqual(["agent-model", "user-model"]);
  });

  it("reports a refused key as auth", async () => {
    const f = await fake(faults.always(faults.error(401, "Invalid key")));
    const result = await testConnection(cfg(f.url));
    expect(result).toEqual({
      ok: false,
      kind: "auth",
      message: `The model provider at ${f.url} refused the API key (HTTP 401 Unauthorized from the provider)`,
    });
    expect(f.requests).toHaveLength(1);
  });

  it("times out like a chat call", async () => {
    const f = await fake(faults.always({ content: "ok", delayMs: 300 }));
    const result = await testConnection(cfg(f.url, { timeoutMs: 100 }));
    expect(result).toMatchObject({ ok: false, kind: "timeout" });
  });
});

describe("describeProviderError", () => {
  it("gives one line for any error", () => {
    expect(describeProviderError(new ProviderError("timeout", "no\nanswer"))).toBe("no answer");
    expect(describeProviderError(new Error("boom"))).toBe("boom");
    expect(describeProviderError(new DOMException("x", "AbortError"))).toBe(
      "The call to the model provider was cancelled",
    );
    expect(describeProviderError("plain")).toBe("plain");
    expect(describeProviderError(undefined)).toBe("Unknown error while calling the model provider");
  });
});
