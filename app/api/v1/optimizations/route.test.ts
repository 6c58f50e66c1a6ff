// The seeds/004 compatibility surface: camelCase shapes exactly as the seed, the token's default
// workspace, and its own error envelope {error: {code, message}}.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import {
  compatApplyResponse,
  compatJob,
  compatJobList,
  compatPrompt,
  compatPromptList,
  compatStopResponse,
  compatVariantList,
} from "@/lib/optimization/compat-schemas";
import {
  call,
  expectBody,
  newOwner,
  sessionCookie,
  tokenFor,
  uid,
  type TestMember,
} from "@/lib/testing/api";
import * as listRoute from "./route";
import * as getRoute from "./[id]/route";
import * as variantsRoute from "./[id]/variants/route";
import * as applyRoute from "./[id]/apply/route";
import * as stopRoute from "./[id]/stop/route";
import * as promptsRoute from "@/app/api/v1/prompts/route";
import * as promptRoute from "@/app/api/v1/prompts/[id]/route";
import * as progressRoute from "@/app/api/v1/org/[org]/ws/[workspace]/optimization/jobs/[job_id]/progress/route";

let owner: TestMember;
let token: string;

beforeAll(async () => {
  owner = await newOwner();
  token = (await tokenFor(owner, ["write"], { workspace: "main" })).secret;
});

function expectCompatError(
  res: { status: number; json: unknown },
  status: number,
  code: string,
): string {
  expect(res.status, JSON.stringify(res.json)).toBe(status);
  expect(Object.keys(res.json as object)).toEqual(["error"]);
  const err = (res.json as { error: { code: string; message: string } }).error;
  expect(Object.keys(err).sort()).toEqual(["code", "message"]);
  expect(err.code).toBe(code);
  return err.message;
}

const score = (center: number, seed: string) =>
  Math.round(center + ((createHash("sha256").update(seed).digest()[0]! / 255) * 2 - 1) * 6);

async function newPrompt() {
  return expectBody(
    await call(promptsRoute.POST, {
      method: "POST",
      token,
      body: { name: `p-${uid()}`, content: "You answer billing questions." },
    }),
    201,
    compatPrompt,
  );
}

async function finish(jobId: string, controlTc: number, variantTc: number) {
  const cells = ["control", "b"].flatMap((v) =>
    ["a", "b", "c", "d", "e"].flatMap((p) =>
      ["s1", "s2", "s3"].map((s) => ({
        variant: v,
        persona: p,
        scenario: s,
        metrics: {
          task_completion: score(v === "control" ? controlTc : variantTc, v + p + s),
          quality: 70,
          sentiment: 70,
        },
      })),
    ),
  );
  const res = await call(progressRoute.POST, {
    method: "POST",
    params: { org: owner.org.slug, workspace: "main", job_id: jobId },
    token,
    body: {
      variants: [
        {
          key: "control",
          name: "Control (Original)",
          content: "You answer billing questions.",
          is_original: true,
        },
        {
          key: "b",
          name: "Variant B",
          content: "You answer billing questions. Quote the invoice line.",
        },
      ],
      cells,
      finished: true,
    },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
}

describe("/api/v1/optimizations (seeds/004)", () => {
  it("triggers an optimization (201) in the seed's shape, lists and gets it", async () => {
    const p = await newPrompt();
    const res = await call(listRoute.POST, {
      method: "POST",
      token,
      body: {
        promptId: p.id,
        mode: "exploratory",
        variantCount: 1,
        intent: { targetImprovements: ["task completion", "clarity"], hypothesis: "Examples help" },
      },
    });
    const created = expectBody(res, 201, compatJob);
    expect(Object.keys(created).sort()).toEqual([
      "createdAt",
      "id",
      "mode",
      "promptId",
      "status",
      "variantCount",
    ]);
    expect(created).toMatchObject({
      promptId: p.id,
      status: "queued",
      mode: "exploratory",
      variantCount: 1,
    });
    const list = expectBody(
      await call(listRoute.GET, { path: `/x?promptId=${p.id}`, token }),
      200,
      compatJobList,
    );
    expect(list.data.map((j) => j.id)).toEqual([created.id]);
    await finish(created.id, 60, 82);
    const got = expectBody(
      await call(getRoute.GET, { params: { id: created.id }, token }),
      200,
      compatJob,
    );
    expect(got.status).toBe("completed");
    expect(Object.keys(got.results!).sort()).toEqual([
      "confidence",
      "lift",
      "winnerSelected",
      "winningVariantId",
    ]);
    expect(got.results).toMatchObject({ winnerSelected: true });
    expect(got.results!.confidence).toBeGreaterThan(0.9);
    expect(got.completedAt).toBeDefined();
    const completed = expectBody(
      await call(listRoute.GET, { path: "/x?status=completed&limit=1", token }),
      200,
      compatJobList,
    );
    expect(completed.data).toHaveLength(1);
  });

  it("gives variants in the seed's shape and applies the winner (no variantId)", async () => {
    const p = await newPrompt();
    const created = compatJob.parse(
      (
        await call(listRoute.POST, {
          method: "POST",
          token,
          body: { promptId: p.id, variantCount: 1 },
        })
      ).json,
    );
    // Apply before completion: INVALID_STATE with the seed's message (the body is optional: none sent).
    const early = expectCompatError(
      await call(applyRoute.POST, { method: "POST", params: { id: created.id }, token }),
      409,
      "INVALID_STATE",
    );
    expect(early).toBe("Cannot apply variant: optimization not complete");
    await finish(created.id, 55, 85);
    const vs = expectBody(
      await call(variantsRoute.GET, { params: { id: created.id }, token }),
      200,
      compatVariantList,
    );
    expect(vs.data[0]).toMatchObject({ name: "Control (Original)", isOriginal: true });
    expect(Object.keys(vs.data[0]!).sort()).toEqual([
      "content",
      "id",
      "isOriginal",
      "metrics",
      "name",
    ]);
    expect(Object.keys(vs.data[1]!).sort()).toEqual([
      "content",
      "id",
      "isOriginal",
      "isWinner",
      "lift",
      "metrics",
      "name",
    ]);
    expect(Object.keys(vs.data[1]!.metrics).sort()).toEqual([
      "quality",
      "sentiment",
      "taskCompletion",
    ]);
    expect(vs.data[1]).toMatchObject({ isWinner: true });
    const applied = expectBody(
      await call(applyRoute.POST, { method: "POST", params: { id: created.id }, token }),
      200,
      compatApplyResponse,
    );
    expect(applied).toEqual({
      success: true,
      promptId: p.id,
      appliedVariantId: vs.data[1]!.id,
      message: "Variant applied successfully",
    });
    const after = expectBody(
      await call(promptRoute.GET, { params: { id: p.id }, token }),
      200,
      compatPrompt,
    );
    expect(after).toMatchObject({
      content: "You answer billing questions. Quote the invoice line.",
      version: 2,
    });
  });

  it("stops an optimization, and refuses to stop it again", async () => {
    const p = await newPrompt();
    const created = compatJob.parse(
      (await call(listRoute.POST, { method: "POST", token, body: { promptId: p.id } })).json,
    );
    const stopped = expectBody(
      await call(stopRoute.POST, {
        method: "POST",
        params: { id: created.id },
        token,
        body: { reason: "Need to modify base prompt" },
      }),
      200,
      compatStopResponse,
    );
    expect(stopped).toEqual({ success: true, status: "stopped" });
    expectCompatError(
      await call(stopRoute.POST, { method: "POST", params: { id: created.id }, token, body: {} }),
      409,
      "INVALID_STATE",
    );
  });

  it("stops an optimization sent with no body at all (the body is optional in seeds/004)", async () => {
    const p = await newPrompt();
    const created = compatJob.parse(
      (await call(listRoute.POST, { method: "POST", token, body: { promptId: p.id } })).json,
    );
    const stopped = expectBody(
      await call(stopRoute.POST, { method: "POST", params: { id: created.id }, token }),
      200,
      compatStopResponse,
    );
    expect(stopped).toEqual({ success: true, status: "stopped" });
    // A body that is there but not an object is still refused.
    expectCompatError(
      await call(stopRoute.POST, {
        method: "POST",
        params: { id: created.id },
        token,
        rawBody: "[1]",
      }),
      422,
      "VALIDATION_ERROR",
    );
  });

  it("gives a completed run without a winner only winnerSelected: false, which the seed's types decode", async () => {
    const p = await newPrompt();
    const created = compatJob.parse(
      (
        await call(listRoute.POST, {
          method: "POST",
          token,
          body: { promptId: p.id, variantCount: 1 },
        })
      ).json,
    );
    await finish(created.id, 85, 55); // the variant is worse: no winner
    const got = expectBody(
      await call(getRoute.GET, { params: { id: created.id }, token }),
      200,
      compatJob,
    );
    expect(got.status).toBe("completed");
    expect(got.results).toEqual({ winnerSelected: false });
  });

  it("serves prompt runs only: a run of another target is left out of the list and is a 404 here", async () => {
    const p = await newPrompt();
    const created = compatJob.parse(
      (
        await call(listRoute.POST, {
          method: "POST",
          token,
          body: { promptId: p.id, variantCount: 1 },
        })
      ).json,
    );
    // As a run of an agent's draft is stored: no prompt.
    await db().optimizationJob.update({
      where: { id: created.id },
      data: { targetKind: "agent_draft", promptId: null },
    });
    const list = expectBody(
      await call(listRoute.GET, { path: "/x?limit=100", token }),
      200,
      compatJobList,
    );
    expect(list.data.map((j) => j.id)).not.toContain(created.id);
    expect(list.data.every((j) => typeof j.promptId === "string" && j.promptId.length > 0)).toBe(
      true,
    );
    expect(
      expectCompatError(
        await call(getRoute.GET, { params: { id: created.id }, token }),
        404,
        "NOT_FOUND",
      ),
    ).toMatch(/agent's draft/);
  });

  it("answers in its own envelope: NOT_FOUND, VALIDATION_ERROR, UNAUTHORIZED, and a clear 400 without a default workspace", async () => {
    expect(
      expectCompatError(
        await call(getRoute.GET, { params: { id: "opt_789" }, token }),
        404,
        "NOT_FOUND",
      ),
    ).toMatch(/not found/);
    expect(
      expectCompatError(
        await call(listRoute.POST, { method: "POST", token, body: { variantCount: 9 } }),
        422,
        "VALIDATION_ERROR",
      ),
    ).toMatch(/promptId/);
    expectCompatError(
      await call(listRoute.POST, { method: "POST", token, rawBody: "{nope" }),
      422,
      "VALIDATION_ERROR",
    );
    expectCompatError(
      await call(listRoute.GET, { path: "/x?limit=0", token }),
      422,
      "VALIDATION_ERROR",
    );
    expectCompatError(await call(listRoute.GET, {}), 401, "UNAUTHORIZED");
    expectCompatError(await call(listRoute.GET, { token: "qvr_bogus" }), 401, "UNAUTHORIZED");
    const noWs = (await tokenFor(owner, ["write"])).secret;
    expect(
      expectCompatError(await call(listRoute.GET, { token: noWs }), 400, "BAD_REQUEST"),
    ).toMatch(/default workspace/);
    expect(
      expectCompatError(
        await call(listRoute.GET, { cookie: await sessionCookie(owner.user.id) }),
        400,
        "BAD_REQUEST",
      ),
    ).toMatch(/API token/);
    const readOnly = (await tokenFor(owner, ["read"], { workspace: "main" })).secret;
    expectCompatError(
      await call(listRoute.POST, { method: "POST", token: readOnly, body: { promptId: "x" } }),
      403,
      "FORBIDDEN",
    );
  });

  it("sees only the token's workspace", async () => {
    const p = await newPrompt();
    const created = compatJob.parse(
      (await call(listRoute.POST, { method: "POST", token, body: { promptId: p.id } })).json,
    );
    const stranger = await newOwner();
    const t = (await tokenFor(stranger, ["write"], { workspace: "main" })).secret;
    expectCompatError(
      await call(getRoute.GET, { params: { id: created.id }, token: t }),
      404,
      "NOT_FOUND",
    );
    expectCompatError(
      await call(listRoute.POST, { method: "POST", token: t, body: { promptId: p.id } }),
      404,
      "NOT_FOUND",
    );
    expect(
      expectBody(await call(promptsRoute.GET, { token: t }), 200, compatPromptList).data,
    ).toEqual([]);
  });
});
