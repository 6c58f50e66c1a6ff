// resolveProvider and envProvider: what the engine gets when a job starts. A workspace's own
// settings (key decrypted) win over the environment; per-role models fall back to the default
// model; with neither, null.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { encryptSecret } from "@/lib/crypto/secrets";
import { db } from "@/lib/db/client";
import { restoreLlmEnv, setLlmEnv } from "@/lib/testing/llm-env";
import { newOwner, uid, type TestMember } from "@/lib/testing/api";
import { envProvider, resolveProvider } from "./providers";

let owner: TestMember;

async function newWorkspaceId(): Promise<string> {
  const slug = `ws-${uid()}`;
  return (await db().workspace.create({ data: { orgId: owner.org.id, slug, name: slug } })).id;
}

beforeAll(async () => {
  owner = await newOwner();
});

beforeEach(() => setLlmEnv({}));

afterAll(() => restoreLlmEnv());

describe("envProvider", () => {
  it("is null unless both the base URL and the model are set", () => {
    expect(envProvider()).toBeNull();
    setLlmEnv({ QUIVER_LLM_BASE_URL: "http://localhost:11434/v1" });
    expect(envProvider()).toBeNull();
    setLlmEnv({ QUIVER_LLM_MODEL: "llama3.1", QUIVER_LLM_API_KEY: "sk-x" });
    expect(envProvider()).toBeNull();
  });

  it("gives every role the default model unless the role has its own, with the limits from the environment", () => {
    setLlmEnv({
      QUIVER_LLM_BASE_URL: "http://localhost:11434/v1/",
      QUIVER_LLM_MODEL: "llama3.1",
      QUIVER_LLM_USER_MODEL: "qwen2.5",
      QUIVER_LLM_CONCURRENCY: "3",
      QUIVER_LLM_TIMEOUT_MS: "5000",
      QUIVER_LLM_MAX_RETRIES: "2",
    });
    expect(envProvider()).toEqual({
      baseUrl: "http://localhost:11434/v1",
      apiKey: null,
      models: { agent: "llama3.1", user: "qwen2.5", judge: "llama3.1" },
      maxConcurrency: 3,
      timeoutMs: 5000,
      maxRetries: 2,
      source: "environment",
    });
  });
});

describe("resolveProvider", () => {
  it("prefers the workspace's settings over the environment, and falls back to it when they are removed", async () => {
    setLlmEnv({
      QUIVER_LLM_BASE_URL: "https://env.example.com/v1",
      QUIVER_LLM_MODEL: "env-model",
      QUIVER_LLM_API_KEY: "sk-env",
      QUIVER_LLM_MAX_RETRIES: "1",
    });
    const workspaceId = await newWorkspaceId();
    const other = await newWorkspaceId();
    expect(await resolveProvider(db(), workspaceId)).toMatchObject({
      source: "environment",
      baseUrl: "https://env.example.com/v1",
      apiKey: "sk-env",
    });

    await db().modelProvider.create({
      data: {
        workspaceId,
        baseUrl: "https://ws.example.com/v1",
        model: "ws-model",
        judgeModel: "ws-judge",
        apiKeyCiphertext: encryptSecret("sk-ws-secret"),
        apiKeyLast4: "cret",
        maxConcurrency: 5,
        timeoutMs: 30_000,
      },
    });
    expect(await resolveProvider(db(), workspaceId)).toEqual({
      baseUrl: "https://ws.example.com/v1",
      apiKey: "sk-ws-secret",
      models: { agent: "ws-model", user: "ws-model", judge: "ws-judge" },
      maxConcurrency: 5,
      timeoutMs: 30_000,
      maxRetries: 1,
      source: "workspace",
    });
    // Another workspace of the same org still gets the environment's.
    expect((await resolveProvider(db(), other))?.source).toBe("environment");
    // Inside a transaction too.
    expect((await db().$transaction((tx) => resolveProvider(tx, workspaceId)))?.source).toBe(
      "workspace",
    );

    await db().modelProvider.delete({ where: { workspaceId } });
    expect((await resolveProvider(db(), workspaceId))?.source).toBe("environment");
  });

  it("gives a workspace without a key no key, and is null with neither a workspace provider nor the environment", async () => {
    const workspaceId = await newWorkspaceId();
    expect(await resolveProvider(db(), workspaceId)).toBeNull();
    await db().modelProvider.create({
      data: { workspaceId, baseUrl: "http://localhost:11434/v1", model: "llama3.1" },
    });
    expect(await resolveProvider(db(), workspaceId)).toMatchObject({
      source: "workspace",
      apiKey: null,
      maxConcurrency: 8,
      timeoutMs: 60_000,
      maxRetries: 4,
    });
  });

  it("throws, rather than falling back, when the stored key cannot be decrypted", async () => {
    setLlmEnv({ QUIVER_LLM_BASE_URL: "https://env.example.com/v1", QUIVER_LLM_MODEL: "env-model" });
    const workspaceId = await newWorkspaceId();
    await db().modelProvider.create({
      data: {
        workspaceId,
        baseUrl: "https://ws.example.com/v1",
        model: "m",
        apiKeyCiphertext: "v1:not-a-real-ciphertext-at-all-000000000000",
      },
    });
    await expect(resolveProvider(db(), workspaceId)).rejects.toThrow(/QUIVER_SECRET_KEY/);
  });
});
