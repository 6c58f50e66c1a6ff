// The seeds/003 surface at /api/v1/ai/releases: the seed's shapes field for field, every
// validation rule, versions, the seed's error names in the canonical envelope, restore, concurrent
// deploys, and the token's workspace.
import { beforeAll, describe, expect, it } from "vitest";
import {
  compatRelease,
  compatReleaseList,
  compatReleaseResponse,
} from "@/lib/agents/compat-schemas";
import { agent as agentSchema } from "@/lib/agents/schemas";
import { pushCapability, seedBody } from "@/lib/agents/testing";
import { db } from "@/lib/db/client";
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
import * as agentsRoute from "@/app/api/v1/org/[org]/ws/[workspace]/agents/route";
import * as listRoute from "./list/route";
import * as getRoute from "./[uuid]/route";
import * as getDraftRoute from "./getDraft/route";
import * as updateDraftRoute from "./updateDraft/route";
import * as deployRoute from "./deployDraft/route";
import * as restoreRoute from "./restore/route";

let owner: TestMember;
let token: string;
let capability: string;
let workspaceId: string;

const SEED_RELEASE_KEYS = [
  "uuid",
  "parentUuid",
  "workspaceUuid",
  "userUuid",
  "agentUuid",
  "description",
  "templateSlug",
  "version",
  "actions",
  "resources",
  "capabilities",
  "suggestedActions",
  "systemPrompt",
  "withReasoning",
  "temperature",
  "maxSteps",
  "integrationSlug",
  "connectorUuid",
  "languageModelSlug",
  "mcpClients",
  "output",
  "heartbeat",
  "evaluator",
  "deployedAt",
  "createdAt",
  "updatedAt",
];

beforeAll(async () => {
  owner = await newOwner();
  token = (await tokenFor(owner, ["write"], { workspace: "main" })).secret;
  capability = await pushCapability(owner);
  workspaceId = (
    await db().workspace.findFirstOrThrow({ where: { orgId: owner.org.id, slug: "main" } })
  ).id;
});

async function newAgent(t = token, member = owner): Promise<string> {
  const res = await call(agentsRoute.POST, {
    method: "POST",
    params: { org: member.org.slug, workspace: "main" },
    token: t,
    body: { name: `agent-${uid()}` },
  });
  return expectBody(res, 201, agentSchema).id;
}

const getDraft = (agentUuid: string, t = token) =>
  call(getDraftRoute.GET, {
    path: `/api/v1/ai/releases/getDraft?agentUuid=${agentUuid}`,
    token: t,
  });
const deploy = (body: unknown, t = token) =>
  call(deployRoute.POST, { method: "POST", token: t, body });
const update = (body: unknown, t = token) =>
  call(updateDraftRoute.PUT, { method: "PUT", token: t, body });

/** A fresh agent with its draft opened, and a deploy body for it. */
async function agentWithDraft() {
  const agentUuid = await newAgent();
  expectBody(await getDraft(agentUuid), 200, compatReleaseResponse);
  return { agentUuid, body: seedBody(agentUuid, capability) };
}

describe("/api/v1/ai/releases (seeds/003)", () => {
  it("opens an empty draft for a new agent, in the seed's release shape", async () => {
    const agentUuid = await newAgent();
    const { release } = expectBody(await getDraft(agentUuid), 200, compatReleaseResponse);
    expect(Object.keys(release).sort()).toEqual([...SEED_RELEASE_KEYS, "status"].sort());
    expect(release).toMatchObject({
      parentUuid: null,
      workspaceUuid: workspaceId,
      userUuid: owner.user.id,
      agentUuid,
      status: "draft",
      version: "1.0.0",
      actions: [],
      resources: [],
      capabilities: [],
      suggestedActions: [],
      mcpClients: [],
      systemPrompt: "",
      integrationSlug: "",
      languageModelSlug: "",
      heartbeat: null,
      evaluator: null,
      deployedAt: null,
    });
    // Opening it again gives the same draft.
    expect(expectBody(await getDraft(agentUuid), 200, compatReleaseResponse).release.uuid).toBe(
      release.uuid,
    );
  });

  it("deploys the seed's body field for field and answers {release}", async () => {
    const { agentUuid, body } = await agentWithDraft();
    const res = await deploy(body);
    const { release } = expectBody(res, 200, compatReleaseResponse);
    expect(Object.keys(res.json as object)).toEqual(["release"]);
    expect(Object.keys(release).sort()).toEqual([...SEED_RELEASE_KEYS, "status"].sort());
    const { agentUuid: _a, options: _o, description, mcpClients, ...config } = body;
    expect(release).toMatchObject({
      ...config,
      agentUuid,
      description,
      version: "1.0.0",
      status: "deployed",
      parentUuid: null,
      workspaceUuid: workspaceId,
      userUuid: owner.user.id,
      templateSlug: null,
    });
    expect(release.mcpClients).toEqual([
      {
        ...mcpClients[0],
        authentication: {
          ...mcpClients[0]!.authentication,
          accessToken: "••••abcd",
          refreshToken: "••••wxyz",
        },
      },
    ]);
    expect(Date.parse(release.deployedAt!)).toBeGreaterThan(Date.now() - 60_000);

    // The draft now starts from the release; reading the release and the list gives it back.
    const draft = expectBody(await getDraft(agentUuid), 200, compatReleaseResponse).release;
    expect(draft).toMatchObject({
      status: "draft",
      parentUuid: release.uuid,
      version: "1.0.1",
      systemPrompt: body.systemPrompt,
      capabilities: body.capabilities,
      mcpClients: release.mcpClients,
    });
    expect(
      expectBody(
        await call(getRoute.GET, { params: { uuid: release.uuid }, token }),
        200,
        compatReleaseResponse,
      ).release,
    ).toEqual(release);
    const list = expectBody(
      await call(listRoute.GET, { path: `/x?agentUuid=${agentUuid}`, token }),
      200,
      compatReleaseList,
    );
    expect(list).toEqual({ releases: [release], total: 1 });
  });

  it("numbers versions: the next patch by default, a given one must be greater, new and small semver (invalidReleaseVersion)", async () => {
    const { agentUuid, body } = await agentWithDraft();
    const deployed = async (extra: Record<string, unknown>) =>
      expectBody(await deploy({ ...body, ...extra }), 200, compatReleaseResponse).release;
    expect((await deployed({ systemPrompt: "v1" })).version).toBe("1.0.0");
    expect((await deployed({ systemPrompt: "v2" })).version).toBe("1.0.1");
    for (const [version, why] of [
      ["1.0.1", /not greater than the deployed version 1\.0\.1/],
      ["0.9.0", /not greater/],
      ["1.0", /not a release version/],
      ["01.2.3", /not a release version/],
      ["1.2.100000", /not a release version/],
    ] as const) {
      const err = expectError(
        await deploy({ ...body, systemPrompt: "v3", version }),
        422,
        "validation_error",
      );
      expect(err.detail).toMatch(/^invalidReleaseVersion: /);
      expect(err.detail).toMatch(why);
      expect(err.errors).toEqual([
        expect.objectContaining({ loc: ["body", "version"], type: "invalidReleaseVersion" }),
      ]);
    }
    expect((await deployed({ systemPrompt: "v3", version: "1.10.0" })).version).toBe("1.10.0");
    expect((await deployed({ systemPrompt: "v4" })).version).toBe("1.10.1");
    const list = expectBody(
      await call(listRoute.GET, { path: `/x?agentUuid=${agentUuid}&limit=2&offset=1`, token }),
      200,
      compatReleaseList,
    );
    expect(list.total).toBe(4);
    expect(list.releases.map((r) => [r.version, r.status])).toEqual([
      ["1.10.0", "archived"],
      ["1.0.1", "archived"],
    ]);
    const first = expectBody(
      await call(listRoute.GET, { path: `/x?agentUuid=${agentUuid}&limit=1`, token }),
      200,
      compatReleaseList,
    );
    expect(first.releases.map((r) => [r.version, r.status])).toEqual([["1.10.1", "deployed"]]);
    // A refused deploy changed nothing, the draft included.
    expect(
      expectBody(await getDraft(agentUuid), 200, compatReleaseResponse).release.systemPrompt,
    ).toBe("v4");
  });

  it("refuses every invalid field with a 422 naming it", async () => {
    const { body } = await agentWithDraft();
    const other = await newOwner();
    const privateCap = await pushCapability(other);
    const cases: [Record<string, unknown>, (string | number)[], RegExp?][] = [
      ...(
        [
          "actions",
          "mcpClients",
          "resources",
          "capabilities",
          "suggestedActions",
          "integrationSlug",
          "languageModelSlug",
          "agentUuid",
        ] as const
      ).map((f): [Record<string, unknown>, (string | number)[], RegExp] => [
        { [f]: undefined },
        ["body", f],
        /required/,
      ]),
      [{ agentUuid: "3c90c3cc-0d44-1b50-8888-8dd25736052a" }, ["body", "agentUuid"], /UUID v4/],
      [{ connectorUuid: "not-a-uuid" }, ["body", "connectorUuid"], /UUID v4/],
      [{ temperature: 1.5 }, ["body", "temperature"], /between 0 and 1/],
      [{ temperature: -0.1 }, ["body", "temperature"], /between 0 and 1/],
      [{ maxSteps: 0 }, ["body", "maxSteps"], /at least 1/],
      [{ maxSteps: 2.5 }, ["body", "maxSteps"], /whole number/],
      [
        { evaluator: { rubric: "r", threshold: 1.2 } },
        ["body", "evaluator", "threshold"],
        /between 0 and 1/,
      ],
      [{ evaluator: { threshold: 0.5 } }, ["body", "evaluator", "rubric"], /required/],
      [
        { heartbeat: { intervalMinutes: 0 } },
        ["body", "heartbeat", "intervalMinutes"],
        /at least 1/,
      ],
      [{ integrationSlug: "" }, ["body", "integrationSlug"], /empty/],
      [
        { actions: [{ slug: "a" }, { slug: "a" }] },
        ["body", "actions", 1, "slug"],
        /appears twice/,
      ],
      [{ actions: [{ name: "no slug" }] }, ["body", "actions", 0, "slug"], /required/],
      [
        { mcpClients: [{ name: "x", url: "ftp://example.com" }] },
        ["body", "mcpClients", 0, "url"],
        /http/,
      ],
      [
        { capabilities: [{ slug: "Not A Slug" }] },
        ["body", "capabilities", 0, "slug"],
        /not a capability/,
      ],
      [
        { capabilities: [{ slug: `missing-${uid()}` }] },
        ["body", "capabilities", 0, "slug"],
        /no capability 'missing-/,
      ],
      [
        { capabilities: [{ slug: `${capability}@9.9.9` }] },
        ["body", "capabilities", 0, "slug"],
        /has no version 9\.9\.9/,
      ],
      [
        { capabilities: [{ slug: `${other.org.slug}/${privateCap}` }] },
        ["body", "capabilities", 0, "slug"],
        /no capability/,
      ],
      [{ version: "1.2" }, ["body", "version"], /not a release version/],
    ];
    for (const [patch, loc, msg] of cases) {
      const res = await deploy({ ...body, ...patch });
      const err = expectError(res, 422, "validation_error");
      const item = err.errors?.find((e) => JSON.stringify(e.loc) === JSON.stringify(loc));
      expect(item, `${JSON.stringify(patch)} → ${JSON.stringify(err.errors)}`).toBeDefined();
      if (msg) expect(item!.msg).toMatch(msg);
    }
    expect(
      expectError(
        await deploy({ ...body, capabilities: [{ slug: `nope-${uid()}` }] }),
        422,
        "validation_error",
      ).detail,
    ).toMatch(/^Unknown capability: 'nope-/);
  });

  it("accepts the optional fields left out, null heartbeat and evaluator, and public capabilities of other orgs by owner/name@version", async () => {
    const { agentUuid, body } = await agentWithDraft();
    const other = await newOwner();
    const shared = await pushCapability(other, undefined, {
      versions: ["1.0.0", "1.1.0"],
      isPublic: true,
    });
    const {
      systemPrompt: _s,
      withReasoning: _w,
      temperature: _t,
      maxSteps: _m,
      connectorUuid: _c,
      output: _o,
      description: _d,
      options: _op,
      ...required
    } = body;
    const minimal = {
      ...required,
      heartbeat: null,
      evaluator: null,
      capabilities: [
        { slug: `${other.org.slug}/${shared}@1.0.0` },
        { slug: `${capability}@1.0.0` },
      ],
    };
    const { release } = expectBody(await deploy(minimal), 200, compatReleaseResponse);
    // Unset temperature and step limit show as numbers (Cargo's client types them so).
    expect(release).toMatchObject({
      agentUuid,
      heartbeat: null,
      evaluator: null,
      systemPrompt: "",
      withReasoning: false,
      temperature: 0.7,
      maxSteps: 10,
      connectorUuid: null,
      output: null,
      description: "",
    });
    expect(release.capabilities).toEqual(
      minimal.capabilities.map((c) => ({ ...c, resolvedVersion: "1.0.0" })),
    );
  });

  it("deploys and updates an agent whose draft was never read or written: the first write stores the draft", async () => {
    const deployed = await newAgent();
    expect(
      expectBody(await deploy(seedBody(deployed, capability)), 200, compatReleaseResponse).release,
    ).toMatchObject({ agentUuid: deployed, version: "1.0.0", status: "deployed" });
    const updated = await newAgent();
    expect(
      expectBody(await update(seedBody(updated, capability)), 200, compatReleaseResponse).release,
    ).toMatchObject({
      agentUuid: updated,
      status: "draft",
      systemPrompt: "You are a sales assistant.\nBe concise.",
    });
    expect(await db().release.count({ where: { draftOf: { in: [deployed, updated] } } })).toBe(2);
  });

  it("answers invalidParent (409) when the draft is no longer drafted from the release the caller names", async () => {
    const { agentUuid, body } = await agentWithDraft();
    const r1 = expectBody(
      await deploy({ ...body, systemPrompt: "one" }),
      200,
      compatReleaseResponse,
    ).release;
    const r2 = expectBody(
      await deploy({ ...body, systemPrompt: "two", parentUuid: r1.uuid }),
      200,
      compatReleaseResponse,
    ).release;
    expect(r2.parentUuid).toBe(r1.uuid);
    const stale = { ...body, systemPrompt: "three", parentUuid: r1.uuid };
    expect(expectError(await deploy(stale), 409, "conflict_error").detail).toMatch(
      /^invalidParent: /,
    );
    expect(expectError(await update(stale), 409, "conflict_error").detail).toMatch(
      /^invalidParent: /,
    );
    const saved = expectBody(
      await update({ ...stale, parentUuid: r2.uuid }),
      200,
      compatReleaseResponse,
    ).release;
    expect(saved).toMatchObject({
      systemPrompt: "three",
      parentUuid: r2.uuid,
      status: "draft",
      version: "1.0.2",
    });
    expect(
      expectBody(await getDraft(agentUuid), 200, compatReleaseResponse).release.systemPrompt,
    ).toBe("three");
  });

  it("updates the draft without deploying it (an incomplete one too), and deploys nothing twice", async () => {
    const { agentUuid, body } = await agentWithDraft();
    const { agentUuid: _a, options: _o, ...rest } = body;
    const saved = expectBody(
      await update({ ...rest, agentUuid, languageModelSlug: "", templateSlug: "sales-agent" }),
      200,
      compatReleaseResponse,
    ).release;
    expect(saved).toMatchObject({
      status: "draft",
      languageModelSlug: "",
      templateSlug: "sales-agent",
      systemPrompt: body.systemPrompt,
    });
    expect(
      expectBody(
        await call(listRoute.GET, { path: `/x?agentUuid=${agentUuid}`, token }),
        200,
        compatReleaseList,
      ).total,
    ).toBe(0);
    const first = expectBody(await deploy(body), 200, compatReleaseResponse).release;
    expect(first.templateSlug).toBe("sales-agent");
    expect(expectError(await deploy(body), 409, "conflict_error").detail).toMatch(
      /Nothing to deploy: the draft is the same as the deployed release 1\.0\.0/,
    );
  });

  it("restores a release into the draft, which then deploys as a new version drafted from it", async () => {
    const { agentUuid, body } = await agentWithDraft();
    const r1 = expectBody(
      await deploy({ ...body, systemPrompt: "first prompt" }),
      200,
      compatReleaseResponse,
    ).release;
    expectBody(
      await deploy({ ...body, systemPrompt: "second prompt" }),
      200,
      compatReleaseResponse,
    );
    const draft = expectBody(
      await call(restoreRoute.POST, { method: "POST", token, body: { uuid: r1.uuid } }),
      200,
      compatReleaseResponse,
    ).release;
    expect(draft).toMatchObject({
      status: "draft",
      parentUuid: r1.uuid,
      systemPrompt: "first prompt",
      description: "Restore 1.0.0",
      mcpClients: r1.mcpClients,
    });
    // Sending the restored draft back as the deploy body (its secrets redacted) deploys it.
    const {
      uuid: _u,
      parentUuid,
      workspaceUuid: _w,
      userUuid: _us,
      status: _st,
      version: _v,
      deployedAt: _d,
      createdAt: _c,
      updatedAt: _up,
      ...config
    } = draft;
    const r3 = expectBody(
      await deploy({ ...config, parentUuid: parentUuid! }),
      200,
      compatReleaseResponse,
    ).release;
    expect(r3).toMatchObject({
      version: "1.0.2",
      parentUuid: r1.uuid,
      systemPrompt: "first prompt",
      description: "Restore 1.0.0",
    });
    expectError(
      await call(restoreRoute.POST, { method: "POST", token, body: { uuid: draft.uuid } }),
      409,
      "conflict_error",
    );
    expectError(
      await call(restoreRoute.POST, {
        method: "POST",
        token,
        body: { uuid: "3c90c3cc-0d44-4b50-8888-8dd25736052a" },
      }),
      404,
      "not_found_error",
    );
    expect(
      expectBody(
        await call(listRoute.GET, { path: `/x?agentUuid=${agentUuid}`, token }),
        200,
        compatReleaseList,
      ).releases.map((r) => r.version),
    ).toEqual(["1.0.2", "1.0.1", "1.0.0"]);
  });

  it("lets exactly one of two concurrent deploys of one draft win; the other gets 409", async () => {
    const { agentUuid, body } = await agentWithDraft();
    const results = await Promise.all([deploy(body), deploy(body)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expectError(
      results.find((r) => r.status === 409)!,
      409,
      "conflict_error",
    );
    const list = expectBody(
      await call(listRoute.GET, { path: `/x?agentUuid=${agentUuid}`, token }),
      200,
      compatReleaseList,
    );
    expect(list.releases.map((r) => r.version)).toEqual(["1.0.0"]);
  });

  it("serves only the token's workspace, answering in the canonical envelope", async () => {
    const { agentUuid, body } = await agentWithDraft();
    const { release } = expectBody(await deploy(body), 200, compatReleaseResponse);
    const stranger = await newOwner();
    const t = (await tokenFor(stranger, ["write"], { workspace: "main" })).secret;
    expectError(
      await call(getRoute.GET, { params: { uuid: release.uuid }, token: t }),
      404,
      "not_found_error",
    );
    expectError(await getDraft(agentUuid, t), 404, "not_found_error");
    expectError(
      await call(listRoute.GET, { path: `/x?agentUuid=${agentUuid}`, token: t }),
      404,
      "not_found_error",
    );
    expectError(await deploy({ ...body, systemPrompt: "hijack" }, t), 404, "not_found_error");
    expectError(
      await call(restoreRoute.POST, { method: "POST", token: t, body: { uuid: release.uuid } }),
      404,
      "not_found_error",
    );
    // Another workspace of the same org is another workspace.
    const staging = await db().workspace.create({
      data: { orgId: owner.org.id, slug: `staging-${uid()}`, name: "Staging" },
    });
    const stagingToken = (await tokenFor(owner, ["write"], { workspace: staging.slug })).secret;
    expectError(
      await call(getRoute.GET, { params: { uuid: release.uuid }, token: stagingToken }),
      404,
      "not_found_error",
    );

    const noWs = (await tokenFor(owner, ["write"])).secret;
    expect(expectError(await getDraft(agentUuid, noWs), 400, "invalid_error").detail).toMatch(
      /default workspace/,
    );
    expect(
      expectError(
        await call(getDraftRoute.GET, {
          path: `/x?agentUuid=${agentUuid}`,
          cookie: await sessionCookie(owner.user.id),
        }),
        400,
        "invalid_error",
      ).detail,
    ).toMatch(/API token/);
    expectError(
      await call(listRoute.GET, { path: `/x?agentUuid=${agentUuid}` }),
      401,
      "authentication_error",
    );
    const readOnly = (await tokenFor(owner, ["read"], { workspace: "main" })).secret;
    expectBody(await getDraft(agentUuid, readOnly), 200, compatReleaseResponse);
    expect(expectError(await deploy(body, readOnly), 403, "forbidden_error").detail).toMatch(
      /scope/,
    );
    const viewer = await newMember(owner.org, "viewer");
    const viewerToken = (await tokenFor(viewer, ["read"], { workspace: "main" })).secret;
    expectBody(
      await call(getRoute.GET, { params: { uuid: release.uuid }, token: viewerToken }),
      200,
      compatReleaseResponse,
    );
    expectError(await update(body, viewerToken), 403, "forbidden_error");
    expectError(
      await call(getRoute.GET, { params: { uuid: "not-a-uuid" }, token }),
      422,
      "validation_error",
    );
    expectError(
      await call(listRoute.GET, {
        path: "/x?agentUuid=3c90c3cc-0d44-4b50-8888-8dd25736052a&limit=0",
        token,
      }),
      422,
      "validation_error",
    );
    expectError(await deploy(undefined), 422, "validation_error");
  });

  it("answers errors with the seed's reason and an errorMessage beside the canonical envelope", async () => {
    const missing = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d";
    const notFound = await getDraft(missing);
    expectError(notFound, 404, "not_found_error");
    expect(notFound.json).toEqual({
      code: 404,
      type: "not_found_error",
      detail: expect.stringMatching(/^Agent '9b1deb4d-/),
      errorMessage: expect.stringMatching(/^Agent '9b1deb4d-/),
      reason: "agentNotFound",
    });
    const { body } = await agentWithDraft();
    const invalid = await deploy({ ...body, actions: undefined, temperature: 3 });
    expectError(invalid, 422, "validation_error");
    expect(invalid.json).toMatchObject({
      detail: "Validation failed",
      errorMessage: "Validation failed: actions: required; temperature: must be between 0 and 1",
    });
    expect(invalid.json).not.toHaveProperty("reason");
    expect(
      expectError(
        await call(listRoute.GET, { path: "/x?statuses=bogus", token }),
        422,
        "validation_error",
      ).errors![0]!.loc,
    ).toEqual(["query", "statuses"]);
    // The documented list filters, the plain way: statuses=a&statuses=b.
    const agentUuid = body.agentUuid;
    await update({ agentUuid, systemPrompt: "stored" });
    const both = expectBody(
      await call(listRoute.GET, {
        path: `/x?agentUuid=${agentUuid}&statuses=draft&statuses=deployed`,
        token,
      }),
      200,
      compatReleaseList,
    );
    expect(both.releases.map((r) => r.status)).toEqual(["draft"]);
  });

  it("parses every release it lists with the seed's schema", async () => {
    const { agentUuid, body } = await agentWithDraft();
    await deploy(body);
    const list = expectBody(
      await call(listRoute.GET, { path: `/x?agentUuid=${agentUuid}`, token }),
      200,
      compatReleaseList,
    );
    for (const r of list.releases) compatRelease.strict().parse(r);
  });
});
