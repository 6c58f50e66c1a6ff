// Strings the databases cannot store (lone UTF-16 surrogates; NUL on PostgreSQL) and JSON nested
// past any need: refused as a 422 naming where they are, in every part of a request and on both
// surfaces, before anything reaches the database.
import { beforeAll, describe, expect, it } from "vitest";
import {
  call,
  expectBody,
  expectError,
  newOwner,
  tokenFor,
  type TestMember,
} from "@/lib/testing/api";
import { prompt, promptList } from "@/lib/optimization/schemas";
import { compatPrompt } from "@/lib/optimization/compat-schemas";
import { findInputProblem, MAX_JSON_DEPTH } from "./input-guard";
import * as promptsRoute from "@/app/api/v1/org/[org]/ws/[workspace]/prompts/route";
import * as promptRoute from "@/app/api/v1/org/[org]/ws/[workspace]/prompts/[id]/route";
import * as workspacesRoute from "@/app/api/v1/org/[org]/workspaces/route";
import * as compatPromptsRoute from "@/app/api/v1/prompts/route";
import * as compatPromptRoute from "@/app/api/v1/prompts/[id]/route";

let owner: TestMember;
let token: string;
let compatToken: string;
const ws = () => ({ org: owner.org.slug, workspace: "main" });

beforeAll(async () => {
  owner = await newOwner();
  token = (await tokenFor(owner, ["write"])).secret;
  compatToken = (await tokenFor(owner, ["write"], { workspace: "main" })).secret;
});

/** A JSON text nested `levels` deep: [[[ … "x" … ]]]. */
const nested = (levels: number) => `${"[".repeat(levels)}"x"${"]".repeat(levels)}`;

const createPrompt = (rawBody: string) =>
  call(promptsRoute.POST, { method: "POST", params: ws(), token, rawBody });

async function promptNames(): Promise<string[]> {
  const res = expectBody(
    await call(promptsRoute.GET, { params: ws(), token, path: "/?limit=100" }),
    200,
    promptList,
  );
  return res.prompts.map((p) => p.name);
}

describe("hostile strings and nesting in a JSON body", () => {
  it("refuses a lone surrogate with a 422 naming the field, and stores nothing", async () => {
    const res = await createPrompt(
      `{"name":"lone-${owner.org.slug}","content":"before \\ud800 after"}`,
    );
    const payload = expectError(res, 422, "validation_error");
    expect(payload.errors).toEqual([
      {
        loc: ["body", "content"],
        msg: expect.stringContaining("lone UTF-16 surrogate"),
        type: "string_unicode",
      },
    ]);
    expect(await promptNames()).not.toContain(`lone-${owner.org.slug}`);
    // A low surrogate alone, inside an array, is found too.
    const low = await createPrompt(`{"name":"low","content":"c","tags":["ok","\\udc00"]}`);
    expect(expectError(low, 422, "validation_error").errors?.[0]?.loc).toEqual(["body", "tags", 1]);
  });

  it("refuses NUL in a string and in a key", async () => {
    const res = await createPrompt(`{"name":"nul\\u0000name","content":"c"}`);
    const payload = expectError(res, 422, "validation_error");
    expect(payload.errors).toEqual([
      {
        loc: ["body", "name"],
        msg: "Must not contain the NUL character (U+0000)",
        type: "string_nul",
      },
    ]);
    const key = expectError(
      await createPrompt(`{"name":"n","content":"c","a\\u0000b":1}`),
      422,
      "validation_error",
    );
    expect(key.errors?.[0]).toMatchObject({ loc: ["body", "a\\u0000b"], type: "string_nul" });
  });

  it("refuses JSON nested 300 levels deep, and accepts the deepest allowed", async () => {
    const res = await createPrompt(`{"name":"deep","content":"c","description":${nested(300)}}`);
    const payload = expectError(res, 422, "validation_error");
    const item = payload.errors?.[0];
    expect(item?.type).toBe("json_depth");
    expect(item?.msg).toBe(`Nested more than ${MAX_JSON_DEPTH} levels deep`);
    expect(item?.loc.slice(0, 2)).toEqual(["body", "description"]);
    // At the limit the guard lets it through and the schema speaks (description must be a string).
    const atLimit = expectError(
      await createPrompt(
        `{"name":"deep","content":"c","description":${nested(MAX_JSON_DEPTH - 1)}}`,
      ),
      422,
      "validation_error",
    );
    expect(atLimit.errors?.[0]).toMatchObject({
      loc: ["body", "description"],
      type: "invalid_type",
    });
  });

  it("keeps well-formed text: surrogate pairs (emoji), escapes and non-ASCII are stored as sent", async () => {
    const content = "Réponds 😀 \u2028 \\ud83d is text here";
    const created = expectBody(
      await call(promptsRoute.POST, {
        method: "POST",
        params: ws(),
        token,
        body: { name: "emoji 😀", content },
      }),
      201,
      prompt,
    );
    expect(created.name).toBe("emoji 😀");
    expect(created.active_version?.content).toBe(content);
  });

  it("answers the seeds/004 envelope on the compatibility surface", async () => {
    const res = await call(compatPromptsRoute.POST, {
      method: "POST",
      token: compatToken,
      rawBody: `{"name":"x","content":"\\udfff"}`,
    });
    expect(res.status).toBe(422);
    expect(res.json).toEqual({
      error: {
        code: "VALIDATION_ERROR",
        message: expect.stringMatching(/^content: .*lone UTF-16 surrogate/),
      },
    });
    const ok = expectBody(
      await call(compatPromptsRoute.POST, {
        method: "POST",
        token: compatToken,
        body: { name: "fine", content: "ok" },
      }),
      201,
      compatPrompt,
    );
    expect(ok.name).toBe("fine");
  });
});

describe("hostile strings in path params and the query", () => {
  it("refuses NUL in a path param before the org is looked up (PostgreSQL answered 500)", async () => {
    const res = await call(workspacesRoute.GET, {
      params: { org: `${owner.org.slug}\u0000` },
      token,
    });
    expect(expectError(res, 422, "validation_error").errors).toEqual([
      {
        loc: ["path", "org"],
        msg: "Must not contain the NUL character (U+0000)",
        type: "string_nul",
      },
    ]);
    const compat = await call(compatPromptRoute.GET, {
      params: { id: "a\u0000b" },
      token: compatToken,
    });
    expect(compat.status).toBe(422);
    expect(compat.json).toEqual({
      error: {
        code: "VALIDATION_ERROR",
        message: "id: Must not contain the NUL character (U+0000)",
      },
    });
    const lone = await call(promptRoute.GET, { params: { ...ws(), id: "\ud800" }, token });
    expect(expectError(lone, 422, "validation_error").errors?.[0]).toMatchObject({
      loc: ["path", "id"],
      type: "string_unicode",
    });
  });

  it("refuses NUL in a query value, and still serves the same search without it", async () => {
    const res = await call(promptsRoute.GET, { params: ws(), token, path: "/?search=billing%00" });
    expect(expectError(res, 422, "validation_error").errors).toEqual([
      {
        loc: ["query", "search"],
        msg: "Must not contain the NUL character (U+0000)",
        type: "string_nul",
      },
    ]);
    expectBody(
      await call(promptsRoute.GET, { params: ws(), token, path: "/?search=billing" }),
      200,
      promptList,
    );
  });
});

describe("findInputProblem", () => {
  it("passes clean values of every JSON type and finds the first problem with its location", () => {
    expect(findInputProblem({ a: [1, true, null, "ok", { b: "😀" }] }, ["body"])).toBeNull();
    expect(findInputProblem({ a: [{ b: "x\u0000" }] }, ["body"])).toMatchObject({
      loc: ["body", "a", 0, "b"],
      type: "string_nul",
    });
    expect(findInputProblem("\udbff\udfff", ["query"])).toBeNull(); // the highest valid pair
    expect(findInputProblem("\udfff\udbff", ["query"])).toMatchObject({ type: "string_unicode" }); // reversed: two lone halves
    expect(findInputProblem(JSON.parse(nested(MAX_JSON_DEPTH)), ["body"])).toBeNull();
    expect(findInputProblem(JSON.parse(nested(MAX_JSON_DEPTH + 1)), ["body"])).toMatchObject({
      type: "json_depth",
      loc: ["body", ...Array(MAX_JSON_DEPTH).fill(0)],
    });
  });
});
