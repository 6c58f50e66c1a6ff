/// <reference types="vite/client" />
// Every operation of the API (lib/api/operations-index.ts) against the same hostile callers: no
// credentials, a bad, revoked or expired token, a token or session of another org, too low a role
// or scope, invalid params, query and body, malformed JSON. What to send is derived from each
// operation's declaration (route-matrix-derive.ts); what cannot be derived is in the explicit
// table (route-matrix-cases-*.ts). An operation with neither fails here.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { allOperations } from "@/lib/api/operations-index";
import type { Operation } from "@/lib/api/operation";
import { maxScopeForRole } from "@/lib/auth/roles";
import {
  call,
  newMember,
  newOwner,
  sessionCookie,
  tokenFor,
  uid,
  type CallOptions,
  type TestMember,
} from "@/lib/testing/api";
import { orgCases } from "./route-matrix-cases-org";
import { workspaceCases } from "./route-matrix-cases-workspace";
import {
  owner,
  ownerToken,
  setupFixtures,
  type ExplicitCase,
  type Handler,
  type Send,
} from "./route-matrix-fixtures";
import { derive, opKey, probeParams } from "./route-matrix-derive";
import { expectFailure } from "./route-matrix-envelope";

type RouteModule = Record<string, unknown>;
const modules = {
  ...import.meta.glob<RouteModule>("./**/route.ts"),
  ...import.meta.glob<RouteModule>("../health/route.ts"),
};

/** `/api/v1/org/{org}/tokens/{id}` → `./org/[org]/tokens/[id]/route.ts` (or its catch-all). */
async function handlerOf(op: Operation): Promise<Handler | undefined> {
  if (op.path === "/api/health")
    return (await modules["../health/route.ts"]!())[op.method] as Handler;
  const dir = op.path.slice("/api/v1/".length);
  for (const file of [
    `./${dir.replace(/\{(\w+)\}/g, "[$1]")}/route.ts`,
    `./${dir.replace(/\{(\w+)\}$/, "[...$1]").replace(/\{(\w+)\}/g, "[$1]")}/route.ts`,
  ]) {
    const load = modules[file];
    if (load) return (await load())[op.method] as Handler | undefined;
  }
  return undefined;
}

const explicitCases: Record<string, ExplicitCase> = { ...orgCases, ...workspaceCases };

const rows = allOperations.map((op) => ({
  key: opKey(op),
  op,
  d: derive(op),
  x: explicitCases[opKey(op)] ?? {},
}));

describe("the matrix", () => {
  it("covers every operation: each has a check that it succeeds or refuses bad input, derived or in the table", () => {
    expect(rows.length).toBeGreaterThan(90);
    const uncovered = rows
      .filter(({ d, x }) => !x.request && !x.public && !d.plainGet && d.probes.length === 0)
      .map((r) => r.key);
    expect(uncovered, "add these to route-matrix-cases-*.ts").toEqual([]);
  });

  it("has no table entry for an operation that does not exist", () => {
    const keys = new Set(rows.map((r) => r.key));
    expect(Object.keys(explicitCases).filter((k) => !keys.has(k))).toEqual([]);
  });
});

// Callers shared by every row: none of them is changed by what the rows send.
let ws: { token: string; id: string };
let stranger: TestMember & { token: string; wsToken: string; cookie: string };
let bothToken: { org: string; ws: string };
let revoked: string;
let expired: string;
const lowMembers = new Map<string, { cookie: string; wsToken: string }>();

beforeAll(async () => {
  await setupFixtures();
  ws = {
    token: (await tokenFor(owner, ["admin"], { workspace: "main" })).secret,
    id: (await db().workspace.findFirstOrThrow({ where: { orgId: owner.org.id, slug: "main" } }))
      .id,
  };
  const s = await newOwner();
  stranger = {
    ...s,
    token: (await tokenFor(s, ["admin"])).secret,
    wsToken: (await tokenFor(s, ["admin"], { workspace: "main" })).secret,
    cookie: await sessionCookie(s.user.id),
  };
  // A member of both orgs whose token was issued for the stranger's org.
  const both = await newMember(s.org, "admin");
  await db().membership.create({
    data: { userId: both.user.id, orgId: owner.org.id, role: "owner" },
  });
  bothToken = {
    org: (await tokenFor(both, ["admin"])).secret,
    ws: (await tokenFor(both, ["admin"], { workspace: "main" })).secret,
  };
  const r = await tokenFor(owner, ["admin"], { workspace: "main" });
  await db().apiToken.update({ where: { id: r.id }, data: { revokedAt: new Date() } });
  revoked = r.secret;
  const e = await tokenFor(owner, ["admin"], {
    workspace: "main",
    expires_at: new Date(Date.now() + 60_000).toISOString(),
  });
  await db().apiToken.update({
    where: { id: e.id },
    data: { expiresAt: new Date(Date.now() - 1000) },
  });
  expired = e.secret;
  for (const role of ["viewer", "member", "admin"] as const) {
    const m = await newMember(owner.org, role);
    lowMembers.set(role, {
      cookie: await sessionCookie(m.user.id),
      wsToken: (await tokenFor(m, [maxScopeForRole(role)], { workspace: "main" })).secret,
    });
  }
});

describe.each(rows)("$key", ({ op, d, x }) => {
  const surface = op.surface ?? "canonical";
  const byToken = op.scope === "token_workspace";
  const handler = () => handlerOf(op).then((h) => h!);
  const request = async (org: string): Promise<CallOptions> =>
    x.request ? await x.request(org) : { path: "/x", params: d.params(org) };
  const send: Send = async (org, extra) =>
    call(await handler(), { method: op.method, ...(await request(org)), ...extra });
  const ownerAuth = (): CallOptions =>
    op.auth === "none" ? {} : { token: byToken ? ws.token : ownerToken };
  const fail = (
    res: Parameters<typeof expectFailure>[0],
    kind: Parameters<typeof expectFailure>[2],
  ) => expectFailure(res, surface, kind);

  it("has a route handler", async () => {
    expect(typeof (await handlerOf(op)), `no ${op.method} in the route file of ${op.path}`).toBe(
      "function",
    );
  });

  if (x.request || d.plainGet) {
    const success = x.success ?? op.status ?? 200;
    it(`succeeds (${success}) ${x.sessionOnly ? "with a session only" : `with a token${byToken ? "" : " and with a session"}`}`, async () => {
      const viaToken = await send(owner.org.slug, ownerAuth());
      if (x.sessionOnly) fail(viaToken, "forbidden");
      else expect(viaToken.status, JSON.stringify(viaToken.json)).toBe(success);
      if (byToken || op.auth === "none") return;
      const viaSession = await send(owner.org.slug, { cookie: await sessionCookie(owner.user.id) });
      expect(viaSession.status, JSON.stringify(viaSession.json)).toBe(success);
    });
  }

  if (op.auth === "required") {
    it("answers 401 with no credentials", async () => {
      fail(await send(owner.org.slug, {}), "unauthenticated");
    });

    it("answers 401 to a bad token, a malformed header and a forged session", async () => {
      fail(await send(owner.org.slug, { token: "qvr_not-a-real-token-at-all" }), "unauthenticated");
      fail(await send(owner.org.slug, { token: "sk-something-else" }), "unauthenticated");
      const basic = { authorization: "Basic dXNlcjpwYXNz" };
      fail(await send(owner.org.slug, { headers: basic }), "unauthenticated");
      const forged = "next-auth.session-token=forged.jwt.value";
      fail(await send(owner.org.slug, { cookie: forged }), "unauthenticated");
    });

    it("answers 401 to a revoked token and an expired token", async () => {
      const gone = fail(await send(owner.org.slug, { token: revoked }), "unauthenticated");
      expect(gone.detail).toBe("This API token has been revoked");
      fail(await send(owner.org.slug, { token: expired }), "unauthenticated");
    });
  }

  if (op.scope === "org" || op.scope === "workspace") {
    it("answers 404 to a token of another org, exactly as for an org that does not exist", async () => {
      const hidden = fail(await send(owner.org.slug, { token: stranger.token }), "not_found");
      const missing = fail(await send(`missing-${uid()}`, { token: stranger.token }), "not_found");
      expect(hidden.detail.replace(owner.org.slug, "X")).toBe(
        missing.detail.replace(/missing-\w+/, "X"),
      );
      // A member of both orgs whose token was issued for the other one sees nothing here either.
      fail(await send(owner.org.slug, { token: bothToken.org }), "not_found");
      // Nor does the stranger's session see the org.
      fail(await send(owner.org.slug, { cookie: stranger.cookie }), "not_found");
    });
  }

  if (op.scope === "workspace") {
    it("answers 404 for a workspace the org does not have", async () => {
      const req = await request(owner.org.slug);
      const params = { ...req.params, workspace: `missing-${uid()}` };
      const res = await call(await handler(), {
        method: op.method,
        ...req,
        params,
        token: ownerToken,
      });
      fail(res, "not_found");
    });
  }

  if (byToken) {
    it("answers 400 to a session: the workspace comes from the token", async () => {
      fail(
        await send(owner.org.slug, { cookie: await sessionCookie(owner.user.id) }),
        "bad_request",
      );
    });

    it("answers 404 to another org's token that names this org's workspace", async () => {
      const headers = { "selected-workspace-uuid": ws.id };
      fail(await send(owner.org.slug, { token: stranger.wsToken, headers }), "not_found");
      fail(await send(owner.org.slug, { token: bothToken.ws, headers }), "not_found");
    });
  }

  if (d.lowRole) {
    it(`answers 403 to a ${d.lowRole}`, async () => {
      const low = lowMembers.get(d.lowRole!)!;
      const res = await send(
        owner.org.slug,
        byToken ? { token: low.wsToken } : { cookie: low.cookie },
      );
      expect(fail(res, "forbidden").detail).toMatch(/role/);
    });
  }

  if (d.lowScopes && op.auth === "required") {
    it(`answers 403 to a token with only ${d.lowScopes.join(",")}`, async () => {
      const extra = byToken ? { workspace: "main" } : {};
      const t = (await tokenFor(owner, d.lowScopes, extra)).secret;
      expect(fail(await send(owner.org.slug, { token: t }), "forbidden").detail).toMatch(/scope/);
    });
  }

  for (const bad of x.invalid ?? []) {
    it(`answers 422 naming ${bad.loc.join(".")}`, async () => {
      const res = await call(await handler(), {
        method: op.method,
        ...ownerAuth(),
        ...(await bad.request(owner.org.slug)),
      });
      expect(fail(res, "validation").names(bad.loc), JSON.stringify(res.json)).toBe(true);
    });
  }

  for (const probe of d.probes) {
    it(`answers 422 naming ${probe.loc.join(".")} to a bad ${probe.what}`, async () => {
      const res = await call(await handler(), {
        method: op.method,
        ...ownerAuth(),
        path: probe.path ?? "/x",
        params: probeParams(probe, owner.org.slug),
        ...(probe.body !== undefined ? { body: probe.body } : {}),
      });
      expect(fail(res, "validation").names(probe.loc, probe.first), JSON.stringify(res.json)).toBe(
        true,
      );
    });
  }

  const sessionProbe = d.probes.find((p) => p.body !== undefined || !d.jsonBody);
  if (sessionProbe && !byToken && op.auth === "required") {
    it("lets the owner's session through to validation", async () => {
      const res = await call(await handler(), {
        method: op.method,
        cookie: await sessionCookie(owner.user.id),
        path: sessionProbe.path ?? "/x",
        params: probeParams(sessionProbe, owner.org.slug),
        ...(sessionProbe.body !== undefined ? { body: sessionProbe.body } : {}),
      });
      expect(fail(res, "validation").names(sessionProbe.loc, sessionProbe.first)).toBe(true);
    });
  }

  if (d.jsonBody) {
    it("answers 422 to malformed JSON and 400 to a body over the limit", async () => {
      const { params } = await request(owner.org.slug);
      const malformed = await call(await handler(), {
        method: op.method,
        ...ownerAuth(),
        params,
        rawBody: '{"name": "x",',
      });
      const refused = fail(malformed, "validation");
      if (surface !== "compat")
        expect(refused.errors?.[0]).toMatchObject({ loc: ["body"], type: "json_invalid" });
      const limit = op.maxBodyBytes ?? env().QUIVER_MAX_JSON_BODY_BYTES;
      const huge = await call(await handler(), {
        method: op.method,
        ...ownerAuth(),
        params,
        rawBody: JSON.stringify({ name: "x".repeat(limit + 1) }),
      });
      fail(huge, "bad_request");
    });
  }

  for (const check of x.extra ?? []) it(check.name, () => check.run(send));
});
