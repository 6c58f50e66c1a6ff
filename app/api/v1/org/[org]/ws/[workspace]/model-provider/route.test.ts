// A workspace's model provider: what applies (none, the environment, the workspace's own), every
// validation rule of PUT, the API key kept, replaced and removed, encrypted at rest and never in
// a response or an audit event, roles and tenancy, and the connection test against a real fake
// OpenAI-compatible server.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decryptSecret } from "@/lib/crypto/secrets";
import { db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { modelProvider, modelProviderTestResult } from "@/lib/llm/provider-schemas";
import { setResolverForTests } from "@/lib/net/outbound";
import {
  call,
  expectBody,
  expectError,
  newMember,
  newOwner,
  sessionCookie,
  tokenFor,
  uid,
  type TestMember,
} from "@/lib/testing/api";
import { faults, startFakeLlm, type FakeLlm } from "@/lib/testing/fake-llm";
import { restoreLlmEnv, setLlmEnv } from "@/lib/testing/llm-env";
import * as providerRoute from "./route";
import * as testRoute from "./test/route";

const ENV_KEY = "sk-env-secret-0123456789-ENVK";
const KEY = "sk-workspace-secret-abcdefghij-WXYZ";
const KEY2 = "sk-other-secret-klmnopqrstu-QRST";

let owner: TestMember;
let token: string;
let fake: FakeLlm;

/** A fresh workspace of the owner's org, so tests do not share provider settings. */
async function newWorkspace() {
  const slug = `ws-${uid()}`;
  const row = await db().workspace.create({
    data: { orgId: owner.org.id, slug, name: `Workspace ${slug}` },
  });
  return { params: { org: owner.org.slug, workspace: slug }, id: row.id };
}

const get = (
  params: Record<string, string>,
  auth: { token?: string; cookie?: string } = { token },
) => call(providerRoute.GET, { params, ...auth });
const put = (
  params: Record<string, string>,
  body: unknown,
  auth: { token?: string; cookie?: string } = { token },
) => call(providerRoute.PUT, { method: "PUT", params, body, ...auth });
const del = (
  params: Record<string, string>,
  auth: { token?: string; cookie?: string } = { token },
) => call(providerRoute.DELETE, { method: "DELETE", params, ...auth });
const test = (
  params: Record<string, string>,
  body?: unknown,
  auth: { token?: string; cookie?: string } = { token },
) =>
  call(testRoute.POST, {
    method: "POST",
    params,
    ...(body === undefined ? {} : { body }),
    ...auth,
  });

/** A PUT by the owner that must succeed (what a test then relies on). */
async function save(params: Record<string, string>, body: Record<string, unknown>) {
  return expectBody(await put(params, body), 200, modelProvider);
}

async function auditOf(workspaceId: string) {
  return db().auditEvent.findMany({
    where: { workspaceId, targetType: "model_provider" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

beforeAll(async () => {
  owner = await newOwner();
  token = (await tokenFor(owner, ["admin"])).secret;
  fake = await startFakeLlm();
});

beforeEach(() => {
  setLlmEnv({});
  fake.setHandler(() => ({ content: "ok" }));
  fake.requests.length = 0;
});

afterAll(async () => {
  await fake?.close();
  restoreLlmEnv();
});

describe("GET model-provider", () => {
  it("says none when neither the workspace nor the environment has one, and testing it is a 409", async () => {
    const ws = await newWorkspace();
    const view = expectBody(await get(ws.params), 200, modelProvider);
    expect(view).toEqual({
      source: "none",
      base_url: null,
      model: null,
      agent_model: null,
      user_model: null,
      judge_model: null,
      max_concurrency: null,
      timeout_ms: null,
      api_key_set: false,
      api_key_last4: null,
      updated_at: null,
      updated_by: null,
      environment: null,
    });
    const err = expectError(await test(ws.params), 409, "conflict_error");
    expect(err.detail).toMatch(/no model provider/);
    expect(err.detail).toMatch(/QUIVER_LLM_BASE_URL/);
  });

  it("shows the environment's provider when the workspace has none, without its key", async () => {
    setLlmEnv({
      QUIVER_LLM_BASE_URL: "https://llm.example.com/v1/",
      QUIVER_LLM_MODEL: "big-model",
      QUIVER_LLM_API_KEY: ENV_KEY,
      QUIVER_LLM_JUDGE_MODEL: "judge-model",
    });
    const ws = await newWorkspace();
    const res = await get(ws.params);
    const view = expectBody(res, 200, modelProvider);
    expect(view).toMatchObject({
      source: "environment",
      base_url: "https://llm.example.com/v1",
      model: "big-model",
      agent_model: null,
      user_model: null,
      judge_model: "judge-model",
      max_concurrency: 8,
      timeout_ms: 60_000,
      api_key_set: true,
      api_key_last4: "ENVK",
      updated_at: null,
      updated_by: null,
      environment: {
        base_url: "https://llm.example.com/v1",
        model: "big-model",
        api_key_set: true,
      },
    });
    expect(JSON.stringify(res.json)).not.toContain(ENV_KEY);
  });

  it("needs both QUIVER_LLM_BASE_URL and QUIVER_LLM_MODEL for the environment to count", async () => {
    const ws = await newWorkspace();
    setLlmEnv({ QUIVER_LLM_BASE_URL: "https://llm.example.com/v1" });
    expect(expectBody(await get(ws.params), 200, modelProvider).source).toBe("none");
    setLlmEnv({ QUIVER_LLM_MODEL: "m" });
    expect(expectBody(await get(ws.params), 200, modelProvider).source).toBe("none");
  });

  it("shows the workspace's own provider over the environment's, with who changed it", async () => {
    setLlmEnv({ QUIVER_LLM_BASE_URL: "https://env.example.com/v1", QUIVER_LLM_MODEL: "env-model" });
    const ws = await newWorkspace();
    const view = expectBody(
      await put(ws.params, {
        base_url: "http://localhost:11434/v1/",
        api_key: KEY,
        model: "llama3.1",
        judge_model: "qwen2.5",
        user_model: "",
        max_concurrency: 4,
        timeout_ms: 120_000,
      }),
      200,
      modelProvider,
    );
    expect(view).toMatchObject({
      source: "workspace",
      base_url: "http://localhost:11434/v1",
      model: "llama3.1",
      agent_model: null,
      user_model: null,
      judge_model: "qwen2.5",
      max_concurrency: 4,
      timeout_ms: 120_000,
      api_key_set: true,
      api_key_last4: "WXYZ",
      updated_by: { id: owner.user.id, email: owner.user.email },
      environment: {
        base_url: "https://env.example.com/v1",
        model: "env-model",
        api_key_set: false,
      },
    });
    expect(view.updated_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(expectBody(await get(ws.params), 200, modelProvider)).toEqual(view);
  });

  it("defaults concurrency and timeout when a PUT leaves them out", async () => {
    const ws = await newWorkspace();
    const view = expectBody(
      await put(ws.params, { base_url: "https://api.openai.com/v1", model: "gpt-4o-mini" }),
      200,
      modelProvider,
    );
    expect(view).toMatchObject({
      max_concurrency: 8,
      timeout_ms: 60_000,
      api_key_set: false,
      api_key_last4: null,
    });
  });
});

describe("PUT model-provider validation", () => {
  const valid = { base_url: "https://api.openai.com/v1", model: "gpt-4o-mini" };
  const cases: [string, Record<string, unknown>, (string | number)[], RegExp][] = [
    ["a missing base URL", { model: "m" }, ["body", "base_url"], /required/],
    ["an empty base URL", { ...valid, base_url: "  " }, ["body", "base_url"], /required/],
    [
      "a base URL that is not a URL",
      { ...valid, base_url: "localhost:11434" },
      ["body", "base_url"],
      /http:\/\/ or https:\/\//,
    ],
    [
      "a base URL that is not http(s)",
      { ...valid, base_url: "ftp://files.example.com/v1" },
      ["body", "base_url"],
      /http:\/\/ or https:\/\//,
    ],
    ["a missing model", { base_url: valid.base_url }, ["body", "model"], /required/],
    ["a blank model", { ...valid, model: "   " }, ["body", "model"], /required/],
    [
      "a per-role model too long",
      { ...valid, judge_model: "x".repeat(201) },
      ["body", "judge_model"],
      /200/,
    ],
    ["concurrency 0", { ...valid, max_concurrency: 0 }, ["body", "max_concurrency"], /at least 1/],
    [
      "concurrency 65",
      { ...valid, max_concurrency: 65 },
      ["body", "max_concurrency"],
      /at most 64/,
    ],
    [
      "a fractional concurrency",
      { ...valid, max_concurrency: 2.5 },
      ["body", "max_concurrency"],
      /whole number/,
    ],
    [
      "a concurrency as text",
      { ...valid, max_concurrency: "4" },
      ["body", "max_concurrency"],
      /whole number/,
    ],
    [
      "a timeout under 1000 ms",
      { ...valid, timeout_ms: 999 },
      ["body", "timeout_ms"],
      /at least 1000/,
    ],
    [
      "a timeout over 600000 ms",
      { ...valid, timeout_ms: 600_001 },
      ["body", "timeout_ms"],
      /at most 600000/,
    ],
    ["an empty API key", { ...valid, api_key: "" }, ["body", "api_key"], /send null to remove/],
    ["an unknown field", { ...valid, apikey: "x" }, ["body"], /apikey/],
  ];

  it.each(cases)("refuses %s with a 422 naming the field", async (_name, body, loc, msg) => {
    const ws = await newWorkspace();
    const payload = expectError(await put(ws.params, body), 422, "validation_error");
    const item = payload.errors?.find((e) => JSON.stringify(e.loc) === JSON.stringify(loc));
    expect(item, JSON.stringify(payload.errors)).toBeDefined();
    expect(item!.msg).toMatch(msg);
    expect(await db().modelProvider.count({ where: { workspaceId: ws.id } })).toBe(0);
  });

  it("refuses no body at all", async () => {
    const ws = await newWorkspace();
    const payload = expectError(
      await call(providerRoute.PUT, { method: "PUT", params: ws.params, token }),
      422,
      "validation_error",
    );
    expect(payload.errors?.[0]?.loc).toEqual(["body"]);
  });
});

describe("the API key", () => {
  it("is stored encrypted, kept when omitted, replaced, removed with null, and never in a response or audit event", async () => {
    const ws = await newWorkspace();
    const base = { base_url: "https://api.openai.com/v1", model: "gpt-4o-mini" };
    const responses: unknown[] = [];

    const created = await put(ws.params, { ...base, api_key: KEY });
    responses.push(created.json);
    expect(expectBody(created, 200, modelProvider)).toMatchObject({
      api_key_set: true,
      api_key_last4: "WXYZ",
    });
    const row1 = await db().modelProvider.findUniqueOrThrow({ where: { workspaceId: ws.id } });
    expect(row1.apiKeyCiphertext).toBeTruthy();
    expect(row1.apiKeyCiphertext).not.toContain(KEY);
    expect(row1.apiKeyCiphertext).not.toContain(KEY.slice(0, 12));
    expect(decryptSecret(row1.apiKeyCiphertext!)).toBe(KEY);
    expect(row1.apiKeyLast4).toBe("WXYZ");

    // Omitted: kept as it was, byte for byte.
    const kept = await put(ws.params, { ...base, model: "gpt-4o" });
    responses.push(kept.json);
    expect(expectBody(kept, 200, modelProvider)).toMatchObject({
      model: "gpt-4o",
      api_key_set: true,
      api_key_last4: "WXYZ",
    });
    expect(
      (await db().modelProvider.findUniqueOrThrow({ where: { workspaceId: ws.id } }))
        .apiKeyCiphertext,
    ).toBe(row1.apiKeyCiphertext);

    const replaced = await put(ws.params, { ...base, api_key: KEY2 });
    responses.push(replaced.json);
    expect(expectBody(replaced, 200, modelProvider)).toMatchObject({
      api_key_set: true,
      api_key_last4: "QRST",
    });
    expect(
      decryptSecret(
        (await db().modelProvider.findUniqueOrThrow({ where: { workspaceId: ws.id } }))
          .apiKeyCiphertext!,
      ),
    ).toBe(KEY2);

    const removed = await put(ws.params, { ...base, api_key: null });
    responses.push(removed.json);
    expect(expectBody(removed, 200, modelProvider)).toMatchObject({
      api_key_set: false,
      api_key_last4: null,
    });
    const row4 = await db().modelProvider.findUniqueOrThrow({ where: { workspaceId: ws.id } });
    expect(row4.apiKeyCiphertext).toBeNull();
    expect(row4.apiKeyLast4).toBeNull();

    responses.push((await get(ws.params)).json);
    expect((await del(ws.params)).status).toBe(204);

    const events = await auditOf(ws.id);
    expect(
      events.map((e) => [e.action, (e.summary as { api_key?: string } | null)?.api_key]),
    ).toEqual([
      ["model_provider.create", "set"],
      ["model_provider.update", "kept"],
      ["model_provider.update", "replaced"],
      ["model_provider.update", "removed"],
      ["model_provider.delete", undefined],
    ]);
    expect(
      events.every(
        (e) => e.targetType === "model_provider" && e.orgId === owner.org.id && e.actorId !== null,
      ),
    ).toBe(true);
    const everything = JSON.stringify({ responses, events });
    for (const secret of [KEY, KEY2]) {
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(secret.slice(0, -4));
    }
  });

  it("shows no last 4 characters of a key so short they would be most of it", async () => {
    const ws = await newWorkspace();
    const view = expectBody(
      await put(ws.params, { base_url: "http://localhost:8000/v1", model: "m", api_key: "abc123" }),
      200,
      modelProvider,
    );
    expect(view).toMatchObject({ api_key_set: true, api_key_last4: null });
  });
});

describe("DELETE model-provider", () => {
  it("goes back to the environment, and removing nothing is a no-op", async () => {
    setLlmEnv({ QUIVER_LLM_BASE_URL: "https://env.example.com/v1", QUIVER_LLM_MODEL: "env-model" });
    const ws = await newWorkspace();
    await save(ws.params, {
      base_url: "https://api.openai.com/v1",
      model: "gpt-4o-mini",
      api_key: KEY,
    });
    expect((await del(ws.params)).status).toBe(204);
    expect(expectBody(await get(ws.params), 200, modelProvider)).toMatchObject({
      source: "environment",
      base_url: "https://env.example.com/v1",
    });
    expect(await db().modelProvider.count({ where: { workspaceId: ws.id } })).toBe(0);
    expect((await del(ws.params)).status).toBe(204);
    const events = await auditOf(ws.id);
    expect(events.map((e) => e.action)).toEqual(["model_provider.create", "model_provider.delete"]);
    expect(events[1]!.summary).toMatchObject({ falls_back_to: "environment" });
  });
});

describe("access", () => {
  it("lets viewers and members read, and only admins change or test", async () => {
    const ws = await newWorkspace();
    await save(ws.params, {
      base_url: "https://api.openai.com/v1",
      model: "gpt-4o-mini",
      api_key: KEY,
    });
    const body = { base_url: "https://api.openai.com/v1", model: "other" };
    for (const role of ["viewer", "member"] as const) {
      const m = await newMember(owner.org, role);
      const cookie = await sessionCookie(m.user.id);
      const read = await get(ws.params, { cookie });
      expect(expectBody(read, 200, modelProvider)).toMatchObject({
        source: "workspace",
        api_key_set: true,
      });
      expect(JSON.stringify(read.json)).not.toContain(KEY);
      expectError(await put(ws.params, body, { cookie }), 403, "forbidden_error");
      expectError(await del(ws.params, { cookie }), 403, "forbidden_error");
      expectError(await test(ws.params, undefined, { cookie }), 403, "forbidden_error");
    }
    const admin = await newMember(owner.org, "admin");
    expect(
      expectBody(
        await put(ws.params, body, { cookie: await sessionCookie(admin.user.id) }),
        200,
        modelProvider,
      ).model,
    ).toBe("other");
    const writeToken = (await tokenFor(owner, ["write"])).secret;
    expect(
      expectError(await put(ws.params, body, { token: writeToken }), 403, "forbidden_error").detail,
    ).toMatch(/admin/);
    expect(
      (await db().modelProvider.findUniqueOrThrow({ where: { workspaceId: ws.id } })).model,
    ).toBe("other");
  });

  it("answers 404 to another org and to a workspace the org does not have", async () => {
    const ws = await newWorkspace();
    await save(ws.params, {
      base_url: "https://api.openai.com/v1",
      model: "gpt-4o-mini",
      api_key: KEY,
    });
    const stranger = await newOwner();
    const strangerToken = (await tokenFor(stranger, ["admin"])).secret;
    expectError(await get(ws.params, { token: strangerToken }), 404, "not_found_error");
    expectError(
      await put(
        ws.params,
        { base_url: "https://evil.example.com/v1", model: "m" },
        { token: strangerToken },
      ),
      404,
      "not_found_error",
    );
    expectError(await del(ws.params, { token: strangerToken }), 404, "not_found_error");
    expectError(await test(ws.params, undefined, { token: strangerToken }), 404, "not_found_error");
    expectError(
      await get({ org: owner.org.slug, workspace: `missing-${uid()}` }),
      404,
      "not_found_error",
    );
    expect(
      (await db().modelProvider.findUniqueOrThrow({ where: { workspaceId: ws.id } })).baseUrl,
    ).toBe("https://api.openai.com/v1");
  });
});

describe("POST model-provider/test", () => {
  it("tests the saved settings against a real endpoint, sending the stored key", async () => {
    const ws = await newWorkspace();
    await save(ws.params, {
      base_url: fake.url,
      model: "fake-model",
      judge_model: "fake-judge",
      api_key: KEY,
    });
    const res = await test(ws.params);
    const result = expectBody(res, 200, modelProviderTestResult);
    expect(result).toMatchObject({
      ok: true,
      reply: "ok",
      models: { agent: "fake-model", user: "fake-model", judge: "fake-judge" },
      tested: { source: "workspace", base_url: fake.url },
    });
    if (result.ok) expect(result.latency_ms).toBeGreaterThanOrEqual(0);
    expect(fake.requests.map((r) => r.body.model).sort()).toEqual(["fake-judge", "fake-model"]);
    expect(fake.requests.every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
    expect(JSON.stringify(res.json)).not.toContain(KEY);
  });

  it("tests unsaved settings from the body, with the stored key when it leaves the key out, and saves nothing", async () => {
    const ws = await newWorkspace();
    await save(ws.params, { base_url: `${fake.url}/`, model: "gpt-4o-mini", api_key: KEY });
    const result = expectBody(
      await test(ws.params, { base_url: fake.url, model: "form-model" }),
      200,
      modelProviderTestResult,
    );
    expect(result).toMatchObject({
      ok: true,
      models: { agent: "form-model", user: "form-model", judge: "form-model" },
      tested: { source: "form", base_url: fake.url },
    });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.body.model).toBe("form-model");
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);

    fake.requests.length = 0;
    expectBody(
      await test(ws.params, { base_url: fake.url, model: "form-model", api_key: KEY2 }),
      200,
      modelProviderTestResult,
    );
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${KEY2}`);
    fake.requests.length = 0;
    expectBody(
      await test(ws.params, { base_url: fake.url, model: "form-model", api_key: null }),
      200,
      modelProviderTestResult,
    );
    expect(fake.requests[0]!.headers.authorization).toBeUndefined();

    const row = await db().modelProvider.findUniqueOrThrow({ where: { workspaceId: ws.id } });
    expect(row).toMatchObject({ baseUrl: fake.url, model: "gpt-4o-mini" });
    expect(decryptSecret(row.apiKeyCiphertext!)).toBe(KEY);
    expect((await auditOf(ws.id)).map((e) => e.action)).toEqual(["model_provider.create"]);
  });

  it("never sends the stored key to another host: moving the endpoint needs the key again", async () => {
    const ws = await newWorkspace();
    await save(ws.params, {
      base_url: "https://api.openai.com/v1",
      model: "gpt-4o-mini",
      api_key: KEY,
    });
    for (const call of [
      () => test(ws.params, { base_url: fake.url, model: "m" }),
      () => put(ws.params, { base_url: fake.url, model: "m" }),
    ]) {
      const err = expectError(await call(), 422, "validation_error");
      expect(err.errors?.[0]).toMatchObject({ loc: ["body", "api_key"] });
      expect(err.detail).toContain("https://api.openai.com");
    }
    expect(fake.requests).toHaveLength(0);
    // Same host, another path: the stored key goes along; a new key or none may move anywhere.
    expectBody(
      await put(ws.params, { base_url: "https://api.openai.com/v2", model: "m" }),
      200,
      modelProvider,
    );
    expectBody(
      await put(ws.params, { base_url: fake.url, model: "m", api_key: KEY2 }),
      200,
      modelProvider,
    );
    const row = await db().modelProvider.findUniqueOrThrow({ where: { workspaceId: ws.id } });
    expect(decryptSecret(row.apiKeyCiphertext!)).toBe(KEY2);
  });

  it("tests the environment's provider when the workspace has none", async () => {
    setLlmEnv({
      QUIVER_LLM_BASE_URL: fake.url,
      QUIVER_LLM_MODEL: "env-model",
      QUIVER_LLM_API_KEY: ENV_KEY,
    });
    const ws = await newWorkspace();
    const result = expectBody(await test(ws.params), 200, modelProviderTestResult);
    expect(result).toMatchObject({
      ok: true,
      tested: { source: "environment", base_url: fake.url },
    });
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${ENV_KEY}`);
  });

  it("answers 200 with ok:false and kind auth when the endpoint refuses the key", async () => {
    fake.setHandler(faults.always(faults.error(401, "Incorrect API key provided")));
    const ws = await newWorkspace();
    await save(ws.params, { base_url: fake.url, model: "fake-model", api_key: KEY });
    const res = await test(ws.params);
    const result = expectBody(res, 200, modelProviderTestResult);
    expect(result).toMatchObject({ ok: false, kind: "auth" });
    if (!result.ok) expect(result.message).toMatch(/401/);
    expect(fake.requests).toHaveLength(1); // no retries on a refused key
    expect(JSON.stringify(res.json)).not.toContain(KEY);
  });

  it("answers 200 with ok:false and kind unreachable when nothing listens", async () => {
    const ws = await newWorkspace();
    const result = expectBody(
      await test(ws.params, { base_url: "http://127.0.0.1:1/v1", model: "m" }),
      200,
      modelProviderTestResult,
    );
    expect(result).toMatchObject({
      ok: false,
      kind: "unreachable",
      tested: { source: "form", base_url: "http://127.0.0.1:1/v1" },
    });
  });

  it("validates the settings it is given like PUT does", async () => {
    const ws = await newWorkspace();
    const payload = expectError(
      await test(ws.params, { base_url: "nope", model: "m", timeout_ms: 10 }),
      422,
      "validation_error",
    );
    expect(payload.errors?.map((e) => e.loc)).toEqual(
      expect.arrayContaining([
        ["body", "base_url"],
        ["body", "timeout_ms"],
      ]),
    );
    expect(fake.requests).toHaveLength(0);
  });

  it("answers 409 when the stored key cannot be decrypted (QUIVER_SECRET_KEY changed)", async () => {
    const ws = await newWorkspace();
    await save(ws.params, { base_url: fake.url, model: "fake-model", api_key: KEY });
    await db().modelProvider.update({
      where: { workspaceId: ws.id },
      data: { apiKeyCiphertext: "v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
    });
    const err = expectError(await test(ws.params), 409, "conflict_error");
    expect(err.detail).toMatch(/QUIVER_SECRET_KEY/);
    expect(fake.requests).toHaveLength(0);
  });
});

describe("POST model-provider/test: outbound addresses (SSRF)", () => {
  const allowedBefore = process.env.QUIVER_LLM_ALLOWED_HOSTS;
  const allowOnly = (value: string | undefined) => {
    if (value === undefined) delete process.env.QUIVER_LLM_ALLOWED_HOSTS;
    else process.env.QUIVER_LLM_ALLOWED_HOSTS = value;
    resetEnvCache();
  };
  const REFUSED =
    "refused: the address is private; an operator can allow it with QUIVER_LLM_ALLOWED_HOSTS";
  const port = () => new URL(fake.url).port;

  beforeEach(() => allowOnly(undefined));
  afterEach(() => {
    setResolverForTests(undefined);
    allowOnly(allowedBefore);
  });

  /** Tests unsaved settings with this base URL; the result, which must be a refusal that reached nothing. */
  async function refused(baseUrl: string) {
    const ws = await newWorkspace();
    const res = await test(ws.params, { base_url: baseUrl, model: "m", api_key: KEY });
    const result = expectBody(res, 200, modelProviderTestResult);
    expect(result).toEqual({
      ok: false,
      kind: "unreachable",
      message: `Could not connect to the model provider at ${baseUrl} (${REFUSED})`,
      tested: { source: "form", base_url: baseUrl },
    });
    expect(fake.requests).toHaveLength(0);
    expect(JSON.stringify(res.json)).not.toContain(KEY);
    return result;
  }

  it("refuses loopback without the operator's allowance, and reaches it with QUIVER_LLM_ALLOWED_HOSTS", async () => {
    await refused(fake.url);
    allowOnly(`127.0.0.1:${port()}`);
    const ws = await newWorkspace();
    const result = expectBody(
      await test(ws.params, { base_url: fake.url, model: "m" }),
      200,
      modelProviderTestResult,
    );
    expect(result).toMatchObject({ ok: true, reply: "ok" });
    expect(fake.requests).toHaveLength(1);
  });

  it("refuses a host name that resolves to loopback, `localhost` included", async () => {
    setResolverForTests(async (name) =>
      name === "models.attacker.example" ? [{ address: "127.0.0.1", family: 4 }] : [],
    );
    await refused(`http://models.attacker.example:${port()}/v1`);
    await refused(`http://localhost:${port()}/v1`);
  });

  it.each([
    "http://169.254.169.254/v1",
    "http://[fd00:ec2::254]/v1",
    "http://metadata.google.internal/computeMetadata/v1",
    "http://10.0.0.1:8080/v1",
    "http://100.64.0.1/v1",
    "http://0.0.0.0/v1",
  ])("refuses %s", async (baseUrl) => {
    await refused(baseUrl);
  });

  it("refuses the IPv4-mapped IPv6 form of loopback", async () => {
    await refused(`http://[::ffff:127.0.0.1]:${port()}/v1`);
  });

  it("guards the saved settings too, not only a form", async () => {
    const ws = await newWorkspace();
    await save(ws.params, { base_url: fake.url, model: "fake-model" });
    const result = expectBody(await test(ws.params), 200, modelProviderTestResult);
    expect(result).toMatchObject({
      ok: false,
      kind: "unreachable",
      tested: { source: "workspace" },
    });
    if (!result.ok) expect(result.message).toContain(REFUSED);
    expect(fake.requests).toHaveLength(0);
  });

  it("lets the environment's own provider reach its host without an allowance", async () => {
    setLlmEnv({ QUIVER_LLM_BASE_URL: fake.url, QUIVER_LLM_MODEL: "env-model" });
    const ws = await newWorkspace();
    expect(expectBody(await test(ws.params), 200, modelProviderTestResult)).toMatchObject({
      ok: true,
      tested: { source: "environment" },
    });
    // The same address typed into the workspace's form is not the operator's choice.
    await newWorkspace();
    fake.requests.length = 0;
    await refused(fake.url);
  });

  it("refuses a redirect from an allowed provider to a disallowed address, without following it or saying where", async () => {
    allowOnly("127.0.0.1");
    fake.setHandler(
      faults.always({
        status: 302,
        headers: { location: "http://169.254.169.254/latest/meta-data/iam/SECRET-LOCATION" },
        rawBody: "",
      }),
    );
    const ws = await newWorkspace();
    const res = await test(ws.params, { base_url: fake.url, model: "m" });
    const result = expectBody(res, 200, modelProviderTestResult);
    expect(result).toMatchObject({ ok: false, kind: "bad_response" });
    if (!result.ok)
      expect(result.message).toContain(
        "answered with a redirect to another address (HTTP 302 Found); Quiver does not follow redirects",
      );
    expect(JSON.stringify(res.json)).not.toContain("169.254");
    expect(JSON.stringify(res.json)).not.toContain("SECRET-LOCATION");
    expect(fake.requests).toHaveLength(1);
  });

  it("never shows the body the provider answered an error with", async () => {
    allowOnly("127.0.0.1");
    const ws = await newWorkspace();
    for (const reply of [
      { status: 404, rawBody: "<h1>SECRET-INTERNAL-PAGE</h1>" },
      { status: 403, error: "SECRET-INTERNAL-PAGE" },
      { status: 200, rawBody: "SECRET-INTERNAL-PAGE" },
    ]) {
      fake.setHandler(faults.always(reply));
      const res = await test(ws.params, { base_url: fake.url, model: "m" });
      const result = expectBody(res, 200, modelProviderTestResult);
      expect(result.ok).toBe(false);
      if (!result.ok && reply.status === 404)
        expect(result.message).toContain("HTTP 404 Not Found from the provider");
      expect(JSON.stringify(res.json)).not.toContain("SECRET-INTERNAL-PAGE");
    }
  });
});
