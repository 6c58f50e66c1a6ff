// Runtimes and their capability bindings (seeds/001): shape, defaults, 409s and 422s, tenancy,
// flag overrides and effective flags, the combined digest and its ETag/304, heartbeats and sync,
// upgrade previews, lost updates, audit events, and the catalog refusing to delete a bound version.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { packTarGz } from "@/lib/catalog/ingest/pack";
import {
  heartbeatResponse,
  resolvedConfiguration,
  runtime,
  runtimeCapabilityBinding,
  runtimeCapabilityListResponse,
  runtimeListResponse,
  upgradePreview,
} from "@/lib/runtimes/schemas";
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
import { POST as pushCapability } from "@/app/api/v1/org/[org]/capabilities/route";
import { PATCH as setVisibility } from "@/app/api/v1/org/[org]/capabilities/[name]/visibility/route";
import { DELETE as deleteVersion } from "@/app/api/v1/org/[org]/capabilities/[name]/[version]/route";
import * as runtimesRoute from "./route";
import * as runtimeRoute from "./[runtime_id]/route";
import * as bindingsRoute from "./[runtime_id]/capabilities/route";
import * as bindingRoute from "./[runtime_id]/capabilities/[binding_id]/route";
import * as resolvedRoute from "./[runtime_id]/capabilities/resolved/route";
import * as previewRoute from "./[runtime_id]/capabilities/[binding_id]/upgrade-preview/route";
import * as heartbeatRoute from "./[runtime_id]/heartbeat/route";

let owner: TestMember;
let token: string;
let ws: { org: string; workspace: string };

function manifest(name: string, version: string, flags: string, extra = ""): string {
  return `schema: 1\nname: ${name}\nversion: ${version}\ndescription: Runtime test ${name}\nflags:\n${flags}${extra}`;
}

async function pushTo(member: TestMember, t: string, files: Record<string, string>) {
  const res = await call(pushCapability, {
    method: "POST",
    params: { org: member.org.slug },
    token: t,
    bytes: packTarGz(Object.entries(files).map(([path, data]) => ({ path, data }))),
    headers: { "content-type": "application/gzip" },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
}

/** A capability with 1.0.0 (flags verbose off, legacy on) and 1.1.0 (verbose, beta on; legacy gone; a new MCP server). */
async function capabilityWithTwoVersions(member = owner, t = token): Promise<string> {
  const name = `rt-${uid()}`;
  await pushTo(member, t, {
    "capability.yaml": manifest(
      name,
      "1.0.0",
      "  verbose:\n    description: Say more\n  legacy:\n    description: Old path\n    default: true\n",
    ),
    "agents/a.md": "You help.",
  });
  await pushTo(member, t, {
    "capability.yaml": manifest(
      name,
      "1.1.0",
      "  verbose:\n    description: Say more\n  beta:\n    description: New path\n    default: true\n",
    ),
    "agents/a.md": "You help.",
    "skills/report/SKILL.md": "---\ndescription: Reports\n---\nWrite reports.",
    ".mcp.json": JSON.stringify({
      mcpServers: { metrics: { url: "https://metrics.example.net/mcp", when: ["beta"] } },
    }),
  });
  return name;
}

async function newRuntime(name = `runtime-${uid()}`) {
  return expectBody(
    await call(runtimesRoute.POST, {
      method: "POST",
      params: ws,
      token,
      body: { name, description: "A test runtime" },
    }),
    201,
    runtime,
  );
}

async function bind(runtimeId: string, body: Record<string, unknown>) {
  return call(bindingsRoute.POST, {
    method: "POST",
    params: { ...ws, runtime_id: runtimeId },
    token,
    body,
  });
}

async function patch(runtimeId: string, bindingId: string, body: Record<string, unknown>) {
  return call(bindingRoute.PATCH, {
    method: "PATCH",
    params: { ...ws, runtime_id: runtimeId, binding_id: bindingId },
    token,
    body,
  });
}

async function resolved(runtimeId: string, headers: Record<string, string> = {}) {
  return call(resolvedRoute.GET, { params: { ...ws, runtime_id: runtimeId }, token, headers });
}

beforeAll(async () => {
  owner = await newOwner();
  token = (await tokenFor(owner, ["write"])).secret;
  ws = { org: owner.org.slug, workspace: "main" };
});

describe("runtimes", () => {
  it("creates, lists, renames and deletes a runtime, with audit events", async () => {
    const rt = await newRuntime("sandbox-1");
    expect(rt).toMatchObject({
      name: "sandbox-1",
      description: "A test runtime",
      binding_count: 0,
      enabled_count: 0,
      upgrades_available: 0,
      sync: { status: "unknown", last_heartbeat_at: null },
    });
    expect(rt.runtime_digest).toBe(createHash("sha256").update("").digest("hex"));
    expectError(
      await call(runtimesRoute.POST, {
        method: "POST",
        params: ws,
        token,
        body: { name: "sandbox-1" },
      }),
      409,
      "already_exists_error",
    );
    const list = expectBody(
      await call(runtimesRoute.GET, { params: ws, token }),
      200,
      runtimeListResponse,
    );
    expect(list.runtimes.map((r) => r.name)).toContain("sandbox-1");
    const renamed = expectBody(
      await call(runtimeRoute.PATCH, {
        method: "PATCH",
        params: { ...ws, runtime_id: rt.id },
        token,
        body: { name: "sandbox-one" },
      }),
      200,
      runtime,
    );
    expect(renamed.name).toBe("sandbox-one");
    expect(
      (
        await call(runtimeRoute.DELETE, {
          method: "DELETE",
          params: { ...ws, runtime_id: rt.id },
          token,
        })
      ).status,
    ).toBe(204);
    expectError(
      await call(runtimeRoute.GET, { params: { ...ws, runtime_id: rt.id }, token }),
      404,
      "not_found_error",
    );
    const actions = (
      await db().auditEvent.findMany({ where: { targetId: rt.id }, orderBy: { createdAt: "asc" } })
    ).map((e) => e.action);
    expect(actions).toEqual(["runtime.create", "runtime.update", "runtime.delete"]);
  });

  it("answers 422 for bad input and an id that is not a UUID", async () => {
    const empty = expectError(
      await call(runtimesRoute.POST, { method: "POST", params: ws, token, body: { name: "  " } }),
      422,
      "validation_error",
    );
    expect(empty.errors?.[0]?.loc).toEqual(["body", "name"]);
    expectError(
      await call(runtimeRoute.PATCH, {
        method: "PATCH",
        params: { ...ws, runtime_id: (await newRuntime()).id },
        token,
        body: {},
      }),
      422,
      "validation_error",
    );
    const bad = expectError(
      await call(runtimeRoute.GET, { params: { ...ws, runtime_id: "nope" }, token }),
      422,
      "validation_error",
    );
    expect(bad.errors?.[0]?.loc).toEqual(["path", "runtime_id"]);
  });

  it("keeps runtimes to their workspace and org: elsewhere they are a 404", async () => {
    const rt = await newRuntime();
    const stranger = await newOwner();
    const strangerToken = (await tokenFor(stranger, ["admin"])).secret;
    expectError(
      await call(runtimeRoute.GET, {
        params: { org: stranger.org.slug, workspace: "main", runtime_id: rt.id },
        token: strangerToken,
      }),
      404,
      "not_found_error",
    );
    await db()
      .workspace.create({ data: { orgId: owner.org.id, slug: "other", name: "Other" } })
      .catch(() => undefined);
    expectError(
      await call(runtimeRoute.GET, {
        params: { ...ws, workspace: "other", runtime_id: rt.id },
        token,
      }),
      404,
      "not_found_error",
    );
    expectError(
      await call(bindingsRoute.GET, {
        params: { ...ws, workspace: "other", runtime_id: rt.id },
        token,
      }),
      404,
      "not_found_error",
    );
  });

  it("answers a workspace the org does not have with a 404 naming it, by token and by session alike", async () => {
    const stranger = await newOwner();
    const elsewhere = `elsewhere-${uid()}`;
    await db().workspace.create({ data: { orgId: stranger.org.id, slug: elsewhere, name: "X" } });
    // None by that slug, and one that exists in another org only.
    for (const slug of ["no-such-workspace", elsewhere]) {
      const byToken = expectError(
        await call(runtimesRoute.GET, { params: { ...ws, workspace: slug }, token }),
        404,
        "not_found_error",
      );
      expect(byToken.detail).toBe(
        `Workspace '${slug}' not found in organization '${owner.org.slug}'`,
      );
      const bySession = expectError(
        await call(runtimesRoute.GET, {
          params: { ...ws, workspace: slug },
          cookie: await sessionCookie(owner.user.id),
        }),
        404,
        "not_found_error",
      );
      expect(bySession.detail).toBe(byToken.detail);
    }
    expectError(
      await call(runtimesRoute.GET, {
        params: { org: stranger.org.slug, workspace: "main" },
        token,
      }),
      404,
      "not_found_error",
    );
    // The org's own workspace, by token: its runtimes.
    expectBody(await call(runtimesRoute.GET, { params: ws, token }), 200, runtimeListResponse);
  });

  it("lets viewers read and report but not change", async () => {
    const rt = await newRuntime();
    const viewer = await newMember(owner.org, "viewer");
    const cookie = await sessionCookie(viewer.user.id);
    expect(
      (await call(runtimeRoute.GET, { params: { ...ws, runtime_id: rt.id }, cookie })).status,
    ).toBe(200);
    expectError(
      await call(runtimesRoute.POST, {
        method: "POST",
        params: ws,
        cookie,
        body: { name: `v-${uid()}` },
      }),
      403,
      "forbidden_error",
    );
    const readToken = (await tokenFor(owner, ["read"])).secret;
    const digest = "a".repeat(64);
    expect(
      (
        await call(heartbeatRoute.POST, {
          method: "POST",
          params: { ...ws, runtime_id: rt.id },
          token: readToken,
          body: { runtime_digest: digest },
        })
      ).status,
    ).toBe(200);
    expectError(
      await call(bindingsRoute.POST, {
        method: "POST",
        params: { ...ws, runtime_id: rt.id },
        token: readToken,
        body: { name: "x" },
      }),
      403,
      "forbidden_error",
    );
  });
});

describe("bindings (seeds/001)", () => {
  it("binds the latest version by default, with every field of the seed", async () => {
    const name = await capabilityWithTwoVersions();
    const rt = await newRuntime();
    const b = expectBody(await bind(rt.id, { name }), 201, runtimeCapabilityBinding);
    expect(b).toMatchObject({
      capability_name: name,
      version: "1.1.0",
      enabled: true,
      flags: {},
      latest_version: "1.1.0",
      source: "org",
      description: `Runtime test ${name}`,
    });
    expect(b.component_counts).toEqual({ agent: 1, skill: 1, mcp_server: 1 });
    const artifact = await db().capabilityVersion.findFirstOrThrow({
      where: { capability: { orgId: owner.org.id, name }, version: "1.1.0" },
    });
    expect(b.artifact_id).toBe(artifact.id);
    const list = expectBody(
      await call(bindingsRoute.GET, { params: { ...ws, runtime_id: rt.id }, token }),
      200,
      runtimeCapabilityListResponse,
    );
    expect(list.items).toEqual([b]);
    expect(Object.keys(list.items[0]!).sort()).toEqual([
      "artifact_id",
      "capability_name",
      "component_counts",
      "description",
      "enabled",
      "flags",
      "id",
      "latest_version",
      "source",
      "version",
    ]);
  });

  it("finds a runtime and a binding by upper-case UUIDs, as seeds/001's own example writes them", async () => {
    const name = await capabilityWithTwoVersions();
    const rt = await newRuntime();
    const b = expectBody(await bind(rt.id, { name }), 201, runtimeCapabilityBinding);
    const list = expectBody(
      await call(bindingsRoute.GET, { params: { ...ws, runtime_id: rt.id.toUpperCase() }, token }),
      200,
      runtimeCapabilityListResponse,
    );
    expect(list.items.map((i) => i.id)).toEqual([b.id]);
    expectBody(
      await patch(rt.id.toUpperCase(), b.id.toUpperCase(), { enabled: false }),
      200,
      runtimeCapabilityBinding,
    );
  });

  it("binds a pinned version, refuses a second binding of one capability (409), unknown ones (404) and bad names (422)", async () => {
    const name = await capabilityWithTwoVersions();
    const rt = await newRuntime();
    const b = expectBody(
      await bind(rt.id, { name, version: "1.0.0" }),
      201,
      runtimeCapabilityBinding,
    );
    expect(b.version).toBe("1.0.0");
    expect(b.latest_version).toBe("1.1.0");
    expectError(await bind(rt.id, { name, version: "1.1.0" }), 409, "already_exists_error");
    expectError(await bind(rt.id, { name, version: "9.9.9" }), 404, "not_found_error");
    expectError(await bind(rt.id, { name: `missing-${uid()}` }), 404, "not_found_error");
    const bad = expectError(await bind(rt.id, { name: "Bad Name" }), 422, "validation_error");
    expect(bad.errors?.[0]?.loc).toEqual(["body", "name"]);
    expect(await db().runtimeBinding.count({ where: { runtimeId: rt.id } })).toBe(1);
    const listed = expectBody(
      await call(runtimeRoute.GET, { params: { ...ws, runtime_id: rt.id }, token }),
      200,
      runtime,
    );
    expect(listed).toMatchObject({ binding_count: 1, enabled_count: 1, upgrades_available: 1 });
  });

  it("binds another org's public capability as owner/name, and not a private one", async () => {
    const other = await newOwner();
    const otherToken = (await tokenFor(other, ["admin"])).secret;
    const name = await capabilityWithTwoVersions(other, otherToken);
    const rt = await newRuntime();
    expectError(await bind(rt.id, { name: `${other.org.slug}/${name}` }), 404, "not_found_error");
    await call(setVisibility, {
      method: "PATCH",
      params: { org: other.org.slug, name },
      token: otherToken,
      body: { is_public: true },
    });
    const b = expectBody(
      await bind(rt.id, { name: `${other.org.slug}/${name}` }),
      201,
      runtimeCapabilityBinding,
    );
    expect(b).toMatchObject({
      capability_name: `${other.org.slug}/${name}`,
      source: "public",
      version: "1.1.0",
    });
    const r = resolvedConfiguration.parse((await resolved(rt.id)).json);
    expect(r.capabilities[0]!.name).toBe(`${other.org.slug}/${name}`);
  });

  it("overrides flags, clears an override with null, and resolves effective flags", async () => {
    const name = await capabilityWithTwoVersions();
    const rt = await newRuntime();
    const b = expectBody(
      await bind(rt.id, { name, version: "1.0.0" }),
      201,
      runtimeCapabilityBinding,
    );
    const r0 = resolvedConfiguration.parse((await resolved(rt.id)).json);
    expect(r0.capabilities[0]!.flags).toEqual({ legacy: true, verbose: false });
    const set = expectBody(
      await patch(rt.id, b.id, { flags: { verbose: true, legacy: false } }),
      200,
      runtimeCapabilityBinding,
    );
    expect(set.flags).toEqual({ verbose: true, legacy: false });
    expect(
      resolvedConfiguration.parse((await resolved(rt.id)).json).capabilities[0]!.flags,
    ).toEqual({ legacy: false, verbose: true });
    const cleared = expectBody(
      await patch(rt.id, b.id, { flags: { legacy: null } }),
      200,
      runtimeCapabilityBinding,
    );
    expect(cleared.flags).toEqual({ verbose: true });
    expect(
      resolvedConfiguration.parse((await resolved(rt.id)).json).capabilities[0]!.flags,
    ).toEqual({ legacy: true, verbose: true });
  });

  it("refuses an undeclared flag (422 naming it and the declared ones) and two kinds of change at once, changing nothing", async () => {
    const name = await capabilityWithTwoVersions();
    const rt = await newRuntime();
    const b = expectBody(
      await bind(rt.id, { name, version: "1.0.0" }),
      201,
      runtimeCapabilityBinding,
    );
    const undeclared = expectError(
      await patch(rt.id, b.id, { flags: { verbose: true, turbo: true } }),
      422,
      "validation_error",
    );
    expect(undeclared.detail).toContain("'turbo'");
    expect(undeclared.detail).toContain("its flags are 'legacy', 'verbose'");
    expect(undeclared.errors?.[0]?.loc).toEqual(["body", "flags", "turbo"]);
    const two = expectError(
      await patch(rt.id, b.id, { enabled: false, version: "1.1.0" }),
      422,
      "validation_error",
    );
    expect(two.errors?.[0]?.msg).toContain("exactly one");
    expectError(await patch(rt.id, b.id, {}), 422, "validation_error");
    expectError(await patch(rt.id, b.id, { flags: { verbose: "yes" } }), 422, "validation_error");
    expectError(await patch(rt.id, b.id, { colour: "red" }), 422, "validation_error");
    const after = await db().runtimeBinding.findUniqueOrThrow({ where: { id: b.id } });
    expect(after).toMatchObject({ enabled: true, flags: {}, revision: 0 });
  });

  it("changes the combined digest when a binding is enabled, disabled, upgraded or its flags change, and not otherwise", async () => {
    const name = await capabilityWithTwoVersions();
    const rt = await newRuntime();
    const digest = async () =>
      resolvedConfiguration.parse((await resolved(rt.id)).json).runtime_digest;
    const empty = await digest();
    const b = expectBody(
      await bind(rt.id, { name, version: "1.0.0" }),
      201,
      runtimeCapabilityBinding,
    );
    const bound = await digest();
    expect(bound).not.toBe(empty);
    await patch(rt.id, b.id, { enabled: false });
    expect(await digest()).toBe(empty);
    await patch(rt.id, b.id, { enabled: true });
    expect(await digest()).toBe(bound);
    await patch(rt.id, b.id, { flags: { verbose: true } });
    const flagged = await digest();
    expect(flagged).not.toBe(bound);
    // Setting an override to the default changes no effective flag, so nothing a runtime loads.
    await patch(rt.id, b.id, { flags: { verbose: false } });
    expect(await digest()).toBe(bound);
    await patch(rt.id, b.id, { version: "1.1.0" });
    const upgraded = await digest();
    expect(upgraded).not.toBe(bound);
    // Renaming the runtime or a heartbeat is not a change of what it loads.
    await call(runtimeRoute.PATCH, {
      method: "PATCH",
      params: { ...ws, runtime_id: rt.id },
      token,
      body: { description: "renamed" },
    });
    await call(heartbeatRoute.POST, {
      method: "POST",
      params: { ...ws, runtime_id: rt.id },
      token,
      body: { runtime_digest: upgraded },
    });
    expect(await digest()).toBe(upgraded);
    // The stored digest (the list's) is the one the resolved view computes.
    expect(
      expectBody(
        await call(runtimeRoute.GET, { params: { ...ws, runtime_id: rt.id }, token }),
        200,
        runtime,
      ).runtime_digest,
    ).toBe(upgraded);
  });

  it("computes the documented combined digest", async () => {
    const name = await capabilityWithTwoVersions();
    const rt = await newRuntime();
    await bind(rt.id, { name, version: "1.0.0" });
    const r = resolvedConfiguration.parse((await resolved(rt.id)).json);
    const c = r.capabilities[0]!;
    const line = `${c.name}\0${c.version}\0${c.runtime_digest}\0legacy=true,verbose=false\n`;
    expect(r.runtime_digest).toBe(createHash("sha256").update(line).digest("hex"));
    expect(c.artifact_digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it("answers 304 to If-None-Match with the current ETag, and 200 once it changed", async () => {
    const name = await capabilityWithTwoVersions();
    const rt = await newRuntime();
    const b = expectBody(await bind(rt.id, { name }), 201, runtimeCapabilityBinding);
    const first = await resolved(rt.id);
    const etag = first.headers.get("etag")!;
    expect(etag).toBe(`"${resolvedConfiguration.parse(first.json).runtime_digest}"`);
    const again = await resolved(rt.id, { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.json).toBeNull();
    expect(again.headers.get("etag")).toBe(etag);
    expect((await resolved(rt.id, { "if-none-match": `W/${etag}, "other"` })).status).toBe(304);
    expect((await resolved(rt.id, { "if-none-match": '"stale"' })).status).toBe(200);
    await patch(rt.id, b.id, { enabled: false });
    const changed = await resolved(rt.id, { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(resolvedConfiguration.parse(changed.json).capabilities).toEqual([]);
  });

  it("lets concurrent changes of one binding both apply or get 409, never lose one", async () => {
    const name = await capabilityWithTwoVersions();
    const rt = await newRuntime();
    const b = expectBody(
      await bind(rt.id, { name, version: "1.0.0" }),
      201,
      runtimeCapabilityBinding,
    );
    const results = await Promise.all([
      patch(rt.id, b.id, { flags: { verbose: true } }),
      patch(rt.id, b.id, { flags: { legacy: false } }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    const stored = await db().runtimeBinding.findUniqueOrThrow({ where: { id: b.id } });
    const applied = results.filter((r) => r.status === 200).length;
    expect(stored.revision).toBe(applied);
    const flags = stored.flags as Record<string, boolean>;
    if (applied === 2) expect(flags).toEqual({ verbose: true, legacy: false });
    else expect(Object.keys(flags)).toHaveLength(1);
    // The stored digest matches the bindings after the race.
    const r = resolvedConfiguration.parse((await resolved(rt.id)).json);
    expect((await db().runtime.findUniqueOrThrow({ where: { id: rt.id } })).resolvedDigest).toBe(
      r.runtime_digest,
    );
  });

  it("removes a binding (204), and writes an audit event for every change", async () => {
    const name = await capabilityWithTwoVersions();
    const rt = await newRuntime();
    const b = expectBody(
      await bind(rt.id, { name, version: "1.0.0" }),
      201,
      runtimeCapabilityBinding,
    );
    await patch(rt.id, b.id, { enabled: false });
    await patch(rt.id, b.id, { flags: { verbose: true } });
    await patch(rt.id, b.id, { version: "1.1.0" });
    expect(
      (
        await call(bindingRoute.DELETE, {
          method: "DELETE",
          params: { ...ws, runtime_id: rt.id, binding_id: b.id },
          token,
        })
      ).status,
    ).toBe(204);
    expectError(
      await call(bindingRoute.DELETE, {
        method: "DELETE",
        params: { ...ws, runtime_id: rt.id, binding_id: b.id },
        token,
      }),
      404,
      "not_found_error",
    );
    const events = await db().auditEvent.findMany({
      where: { targetType: "runtime", targetId: rt.id },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual([
      "runtime.create",
      "runtime.binding.create",
      "runtime.binding.update",
      "runtime.binding.update",
      "runtime.binding.update",
      "runtime.binding.delete",
    ]);
    expect(events[4]!.summary).toMatchObject({ version: "1.1.0", was: "1.0.0" });
  });
});

describe("heartbeats and sync", () => {
  it("is unknown without a heartbeat, in sync when the runtime reports the resolved digest, drift otherwise", async () => {
    const name = await capabilityWithTwoVersions();
    const rt = await newRuntime();
    await bind(rt.id, { name });
    const digest = resolvedConfiguration.parse((await resolved(rt.id)).json).runtime_digest;
    const beat = (d: string, status?: string) =>
      call(heartbeatRoute.POST, {
        method: "POST",
        params: { ...ws, runtime_id: rt.id },
        token,
        body: { runtime_digest: d, ...(status ? { status } : {}) },
      });
    const ok = expectBody(await beat(digest, "ok"), 200, heartbeatResponse);
    expect(ok).toMatchObject({ sync: "in_sync", runtime_digest: digest });
    let got = expectBody(
      await call(runtimeRoute.GET, { params: { ...ws, runtime_id: rt.id }, token }),
      200,
      runtime,
    );
    expect(got.sync).toMatchObject({
      status: "in_sync",
      reported_digest: digest,
      reported_status: "ok",
    });
    expect(got.sync.last_heartbeat_at).not.toBeNull();
    expect(expectBody(await beat("b".repeat(64)), 200, heartbeatResponse).sync).toBe("drift");
    got = expectBody(
      await call(runtimeRoute.GET, { params: { ...ws, runtime_id: rt.id }, token }),
      200,
      runtime,
    );
    expect(got.sync.status).toBe("drift");
    // Repeating the same report writes no new audit event.
    await beat("b".repeat(64));
    expect(
      await db().auditEvent.count({ where: { targetId: rt.id, action: "runtime.heartbeat" } }),
    ).toBe(2);
    expectError(await beat("not-a-digest"), 422, "validation_error");
  });

  it("turns drift when the configuration changes after the runtime reported", async () => {
    const name = await capabilityWithTwoVersions();
    const rt = await newRuntime();
    const b = expectBody(await bind(rt.id, { name }), 201, runtimeCapabilityBinding);
    const digest = resolvedConfiguration.parse((await resolved(rt.id)).json).runtime_digest;
    await call(heartbeatRoute.POST, {
      method: "POST",
      params: { ...ws, runtime_id: rt.id },
      token,
      body: { runtime_digest: digest },
    });
    await patch(rt.id, b.id, { enabled: false });
    expect(
      expectBody(
        await call(runtimeRoute.GET, { params: { ...ws, runtime_id: rt.id }, token }),
        200,
        runtime,
      ).sync.status,
    ).toBe("drift");
  });
});

describe("upgrade preview", () => {
  it("says what upgrading changes, including the override it drops, and the digest after", async () => {
    const name = await capabilityWithTwoVersions();
    const rt = await newRuntime();
    const b = expectBody(
      await bind(rt.id, { name, version: "1.0.0" }),
      201,
      runtimeCapabilityBinding,
    );
    await patch(rt.id, b.id, { flags: { legacy: false, verbose: true } });
    const p = expectBody(
      await call(previewRoute.GET, {
        params: { ...ws, runtime_id: rt.id, binding_id: b.id },
        token,
      }),
      200,
      upgradePreview,
    );
    expect(p).toMatchObject({
      capability_name: name,
      from: "1.0.0",
      to: "1.1.0",
      new_mcp_servers: ["metrics"],
      new_hosts: ["metrics.example.net"],
      new_commands: [],
    });
    expect(p.components.added).toEqual(
      expect.arrayContaining([
        { type: "skill", name: "report" },
        { type: "mcp_server", name: "metrics" },
      ]),
    );
    expect(p.components.removed).toEqual([]);
    expect(p.flags).toEqual({
      added: [{ name: "beta", default: true, description: "New path" }],
      removed: ["legacy"],
    });
    expect(p.dropped_overrides).toEqual([{ flag: "legacy", value: false }]);
    // Applying it gives exactly the digest the preview announced, and drops the override.
    const upgraded = expectBody(
      await patch(rt.id, b.id, { version: "1.1.0" }),
      200,
      runtimeCapabilityBinding,
    );
    expect(upgraded.flags).toEqual({ verbose: true });
    expect(resolvedConfiguration.parse((await resolved(rt.id)).json).runtime_digest).toBe(
      p.runtime_digest_after,
    );
    expectError(
      await call(previewRoute.GET, {
        path: "/x?to=7.7.7",
        params: { ...ws, runtime_id: rt.id, binding_id: b.id },
        token,
      }),
      404,
      "not_found_error",
    );
    expectError(
      await call(previewRoute.GET, {
        path: "/x?to=next",
        params: { ...ws, runtime_id: rt.id, binding_id: b.id },
        token,
      }),
      422,
      "validation_error",
    );
  });
});

describe("deleting a bound capability version", () => {
  it("is refused with 409 naming the runtimes, and allowed once unbound", async () => {
    const name = await capabilityWithTwoVersions();
    const rt = await newRuntime(`bound-${uid()}`);
    const b = expectBody(
      await bind(rt.id, { name, version: "1.0.0" }),
      201,
      runtimeCapabilityBinding,
    );
    const adminToken = (await tokenFor(owner, ["admin"])).secret;
    const del = () =>
      call(deleteVersion, {
        method: "DELETE",
        params: { org: owner.org.slug, name, version: "1.0.0" },
        token: adminToken,
      });
    const refused = expectError(await del(), 409, "conflict_error");
    expect(refused.detail).toContain(`the runtime main/${rt.name}`);
    expect(
      await db().capabilityVersion.count({ where: { capability: { orgId: owner.org.id, name } } }),
    ).toBe(2);
    await patch(rt.id, b.id, { version: "1.1.0" });
    expect((await del()).status).toBe(204);
  });
});
