// Sharing capabilities between orgs: who may publish, what unpublishing revokes (existing
// bindings keep their pinned version, nothing new is readable or bindable), what a refused delete
// says about other tenants, the headers of downloads, and secrets in manifests.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { packTarGz } from "@/lib/catalog/ingest/pack";
import {
  capabilityArtifactDetail,
  capabilityArtifactListResponse,
  capabilityVersionDiff,
  capabilityVersionList,
  trustCard,
} from "@/lib/catalog/schemas";
import {
  resolvedConfiguration,
  runtime,
  runtimeCapabilityBinding,
  runtimeCapabilityListResponse,
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
  type CallResult,
  type TestMember,
} from "@/lib/testing/api";
import { GET as list, POST as push } from "./route";
import { GET as getLatest } from "./[name]/route";
import { DELETE as deleteVersion, GET as getVersion } from "./[name]/[version]/route";
import { GET as getVersions } from "./[name]/versions/route";
import { GET as getDiff } from "./[name]/diff/route";
import { PATCH as setVisibility } from "./[name]/visibility/route";
import { GET as getTrust } from "./[name]/[version]/trust/route";
import { GET as getFile } from "./[name]/[version]/files/[...path]/route";
import { GET as getReadme } from "./[name]/[version]/readme/route";
import { GET as getBundle } from "./[name]/[version]/bundle/route";
import * as runtimesRoute from "@/app/api/v1/org/[org]/ws/[workspace]/runtimes/route";
import * as runtimeRoute from "@/app/api/v1/org/[org]/ws/[workspace]/runtimes/[runtime_id]/route";
import * as bindingsRoute from "@/app/api/v1/org/[org]/ws/[workspace]/runtimes/[runtime_id]/capabilities/route";
import * as bindingRoute from "@/app/api/v1/org/[org]/ws/[workspace]/runtimes/[runtime_id]/capabilities/[binding_id]/route";
import * as resolvedRoute from "@/app/api/v1/org/[org]/ws/[workspace]/runtimes/[runtime_id]/capabilities/resolved/route";
import * as previewRoute from "@/app/api/v1/org/[org]/ws/[workspace]/runtimes/[runtime_id]/capabilities/[binding_id]/upgrade-preview/route";

function bundle(
  name: string,
  version: string,
  extra: Record<string, string | Buffer> = {},
  manifestExtra = "",
): Buffer {
  const files: Record<string, string | Buffer> = {
    "capability.yaml": `schema: 1\nname: ${name}\nversion: ${version}\ndescription: Shared ${name} ${version}\nflags:\n  verbose:\n    description: Say more\n${manifestExtra}`,
    "agents/helper.md": `You help (${version}).\n`,
    "README.md": `# ${name} ${version}\n`,
    ...extra,
  };
  return packTarGz(Object.entries(files).map(([path, data]) => ({ path, data })));
}

async function pushAs(
  m: { org: { slug: string } },
  token: string,
  bytes: Buffer,
): Promise<CallResult> {
  return call(push, {
    method: "POST",
    params: { org: m.org.slug },
    token,
    bytes,
    headers: { "content-type": "application/gzip" },
  });
}

/** A raw (non-JSON) route's response. */
type Params = Record<string, string | string[]>;
async function raw(
  handler: (req: Request, ctx: { params: Promise<Params> }) => Promise<Response>,
  token: string,
  params: Params,
) {
  return handler(new Request("http://x", { headers: { authorization: `Bearer ${token}` } }), {
    params: Promise.resolve(params),
  });
}

describe("publishing (PATCH .../visibility) needs an admin", () => {
  it("refuses members and write-scoped tokens of admins (403), allows admins' sessions and admin-scoped tokens", async () => {
    const owner = await newOwner();
    const name = `pub-${uid()}`;
    expect(
      (await pushAs(owner, (await tokenFor(owner, ["write"])).secret, bundle(name, "1.0.0")))
        .status,
    ).toBe(201);
    const params = { org: owner.org.slug, name };
    const patch = (auth: { token?: string; cookie?: string }, isPublic: boolean) =>
      call(setVisibility, { method: "PATCH", params, ...auth, body: { is_public: isPublic } });
    const member = await newMember(owner.org, "member");
    const admin = await newMember(owner.org, "admin");

    expectError(
      await patch({ cookie: await sessionCookie(member.user.id) }, true),
      403,
      "forbidden_error",
    );
    expectError(
      await patch({ token: (await tokenFor(member, ["write"])).secret }, true),
      403,
      "forbidden_error",
    );
    // Publishing exposes the capability to every org: like deleting a version, it takes the admin scope.
    expectError(
      await patch({ token: (await tokenFor(admin, ["write"])).secret }, true),
      403,
      "forbidden_error",
    );
    expect(
      (await db().capability.findFirstOrThrow({ where: { orgId: owner.org.id, name } })).isPublic,
    ).toBe(false);
    expect(
      await db().auditEvent.count({
        where: { orgId: owner.org.id, action: "capability.visibility" },
      }),
    ).toBe(0);

    expect((await patch({ cookie: await sessionCookie(admin.user.id) }, true)).json).toEqual({
      name,
      is_public: true,
      version_count: 1,
    });
    expect((await patch({ token: (await tokenFor(admin, ["admin"])).secret }, false)).json).toEqual(
      { name, is_public: false, version_count: 1 },
    );
    expect((await patch({ cookie: await sessionCookie(owner.user.id) }, true)).status).toBe(200);
    expect(
      await db().auditEvent.count({
        where: { orgId: owner.org.id, action: "capability.visibility" },
      }),
    ).toBe(3);
  });
});

describe("making a capability private again", () => {
  let publisher: TestMember;
  let pubToken: string;
  let consumer: TestMember;
  let token: string;
  let name: string;
  let qualified: string;
  let ws: { org: string; workspace: string };
  let rt: { id: string };
  let binding: { id: string };

  beforeAll(async () => {
    publisher = await newOwner();
    pubToken = (await tokenFor(publisher, ["admin"])).secret;
    consumer = await newOwner();
    token = (await tokenFor(consumer, ["admin"])).secret;
    ws = { org: consumer.org.slug, workspace: "main" };
    name = `shared-${uid()}`;
    qualified = `${publisher.org.slug}/${name}`;
    expect((await pushAs(publisher, pubToken, bundle(name, "1.0.0"))).status).toBe(201);
    expect((await pushAs(publisher, pubToken, bundle(name, "1.1.0"))).status).toBe(201);
    await call(setVisibility, {
      method: "PATCH",
      params: { org: publisher.org.slug, name },
      token: pubToken,
      body: { is_public: true },
    });

    // While public: listed, and bound at 1.0.0 by the consumer's runtime.
    const listed = expectBody(
      await call(list, {
        path: `/x?include_public=true&name=${qualified}`,
        params: { org: consumer.org.slug },
        token,
      }),
      200,
      capabilityArtifactListResponse,
    );
    expect(listed.capabilities.map((c) => c.name)).toEqual([qualified]);
    rt = expectBody(
      await call(runtimesRoute.POST, {
        method: "POST",
        params: ws,
        token,
        body: { name: `rt-${uid()}` },
      }),
      201,
      runtime,
    );
    binding = expectBody(
      await call(bindingsRoute.POST, {
        method: "POST",
        params: { ...ws, runtime_id: rt.id },
        token,
        body: { name: qualified, version: "1.0.0" },
      }),
      201,
      runtimeCapabilityBinding,
    );

    // Then private again, and two versions pushed after: a newer and an older one.
    await call(setVisibility, {
      method: "PATCH",
      params: { org: publisher.org.slug, name },
      token: pubToken,
      body: { is_public: false },
    });
    expect(
      (
        await pushAs(
          publisher,
          pubToken,
          bundle(name, "1.2.0", { "agents/new.md": "New since private.\n" }),
        )
      ).status,
    ).toBe(201);
    expect((await pushAs(publisher, pubToken, bundle(name, "0.9.0"))).status).toBe(201);
  });

  const p = (extra: Record<string, string> = {}): Record<string, string> => ({
    org: consumer.org.slug,
    name: qualified,
    ...extra,
  });

  it("no longer lists it (include_public, facets' source)", async () => {
    const listed = expectBody(
      await call(list, {
        path: `/x?include_public=true&name=${qualified}`,
        params: { org: consumer.org.slug },
        token,
      }),
      200,
      capabilityArtifactListResponse,
    );
    expect(listed.total).toBe(0);
    const searched = expectBody(
      await call(list, {
        path: `/x?include_public=true&search=${name}`,
        params: { org: consumer.org.slug },
        token,
      }),
      200,
      capabilityArtifactListResponse,
    );
    expect(searched.capabilities.map((c) => c.name)).not.toContain(qualified);
  });

  it("keeps the pinned version's detail readable to the binding's org, and nothing else", async () => {
    const latest = expectBody(
      await call(getLatest, { params: p(), token }),
      200,
      capabilityArtifactDetail,
    );
    expect(latest).toMatchObject({
      name: qualified,
      version: "1.0.0",
      is_public: false,
      versions: ["1.0.0"],
      version_count: 1,
    });
    expect(
      expectBody(
        await call(getVersion, { params: p({ version: "1.0.0" }), token }),
        200,
        capabilityArtifactDetail,
      ).version,
    ).toBe("1.0.0");
    for (const version of ["1.1.0", "1.2.0", "0.9.0"])
      expectError(
        await call(getVersion, { params: p({ version }), token }),
        404,
        "not_found_error",
      );
    const versions = expectBody(
      await call(getVersions, { params: p(), token }),
      200,
      capabilityVersionList,
    );
    expect(versions.versions.map((v) => v.version)).toEqual(["1.0.0"]);
  });

  it("serves the pinned version's files, README, bundle and trust card, and no other version's", async () => {
    const file = await raw(getFile, token, {
      ...p({ version: "1.0.0" }),
      path: ["agents", "helper.md"],
    });
    expect(file.status).toBe(200);
    expect(await file.text()).toBe("You help (1.0.0).\n");
    expect(
      (await raw(getFile, token, { ...p({ version: "1.2.0" }), path: ["agents", "new.md"] }))
        .status,
    ).toBe(404);
    expect(
      (await raw(getFile, token, { ...p({ version: "1.1.0" }), path: ["agents", "helper.md"] }))
        .status,
    ).toBe(404);
    expect((await raw(getReadme, token, p({ version: "1.0.0" }))).status).toBe(200);
    expect((await raw(getReadme, token, p({ version: "1.2.0" }))).status).toBe(404);
    expect((await raw(getBundle, token, p({ version: "1.0.0" }))).status).toBe(200);
    expect((await raw(getBundle, token, p({ version: "1.2.0" }))).status).toBe(404);
    const card = expectBody(
      await call(getTrust, { params: p({ version: "1.0.0" }), token }),
      200,
      trustCard,
    );
    // 0.9.0 came after the capability went private: not even named as the previous version.
    expect(card.previous_version).toBeNull();
    expectError(
      await call(getTrust, { params: p({ version: "1.2.0" }), token }),
      404,
      "not_found_error",
    );
  });

  it("diffs nothing beyond the pinned version", async () => {
    // Only one readable version: no earlier one to compare with by default.
    expectError(await call(getDiff, { params: p(), token }), 422, "validation_error");
    expectError(
      await call(getDiff, { path: "/x?from=1.0.0&to=1.2.0", params: p(), token }),
      404,
      "not_found_error",
    );
    expectError(
      await call(getDiff, { path: "/x?from=0.9.0&to=1.0.0", params: p(), token }),
      404,
      "not_found_error",
    );
    // The owner still diffs everything.
    const own = expectBody(
      await call(getDiff, {
        path: "/x?from=1.0.0&to=1.2.0",
        params: { org: publisher.org.slug, name },
        token: pubToken,
      }),
      200,
      capabilityVersionDiff,
    );
    expect(own.to).toBe("1.2.0");
  });

  it("refuses a new binding, a move to any other version and an upgrade preview to one; the binding keeps working", async () => {
    const other = expectBody(
      await call(runtimesRoute.POST, {
        method: "POST",
        params: ws,
        token,
        body: { name: `rt-${uid()}` },
      }),
      201,
      runtime,
    );
    for (const body of [
      { name: qualified },
      { name: qualified, version: "1.0.0" },
      { name: qualified, version: "1.2.0" },
    ]) {
      expectError(
        await call(bindingsRoute.POST, {
          method: "POST",
          params: { ...ws, runtime_id: other.id },
          token,
          body,
        }),
        404,
        "not_found_error",
      );
    }
    const bp = { ...ws, runtime_id: rt.id, binding_id: binding.id };
    for (const version of ["1.2.0", "1.1.0", "0.9.0"]) {
      expectError(
        await call(bindingRoute.PATCH, { method: "PATCH", params: bp, token, body: { version } }),
        404,
        "not_found_error",
      );
      expectError(
        await call(previewRoute.GET, { path: `/x?to=${version}`, params: bp, token }),
        404,
        "not_found_error",
      );
    }
    expect(
      (
        await db().runtimeBinding.findUniqueOrThrow({
          where: { id: binding.id },
          include: { version: true },
        })
      ).version.version,
    ).toBe("1.0.0");
    // Nothing newer is offered: the preview's default target is the pinned version, no upgrade is counted.
    const preview = expectBody(
      await call(previewRoute.GET, { params: bp, token }),
      200,
      upgradePreview,
    );
    expect(preview).toMatchObject({
      from: "1.0.0",
      to: "1.0.0",
      components: { added: [], removed: [] },
    });
    const bindings = expectBody(
      await call(bindingsRoute.GET, { params: { ...ws, runtime_id: rt.id }, token }),
      200,
      runtimeCapabilityListResponse,
    );
    expect(bindings.items[0]).toMatchObject({
      capability_name: qualified,
      version: "1.0.0",
      latest_version: "1.0.0",
    });
    expect(
      expectBody(
        await call(runtimeRoute.GET, { params: { ...ws, runtime_id: rt.id }, token }),
        200,
        runtime,
      ).upgrades_available,
    ).toBe(0);
    // The binding itself still changes in place (flags, enabled), and the runtime keeps resolving it.
    expect(
      expectBody(
        await call(bindingRoute.PATCH, {
          method: "PATCH",
          params: bp,
          token,
          body: { flags: { verbose: true } },
        }),
        200,
        runtimeCapabilityBinding,
      ).flags,
    ).toEqual({ verbose: true });
    const resolved = expectBody(
      await call(resolvedRoute.GET, { params: { ...ws, runtime_id: rt.id }, token }),
      200,
      resolvedConfiguration,
    );
    expect(resolved.capabilities).toEqual([
      expect.objectContaining({ name: qualified, version: "1.0.0", flags: { verbose: true } }),
    ]);
  });

  it("stays invisible to an org that never bound it", async () => {
    const stranger = await newOwner();
    const t = (await tokenFor(stranger, ["admin"])).secret;
    const sp = { org: stranger.org.slug, name: qualified };
    expectError(await call(getLatest, { params: sp, token: t }), 404, "not_found_error");
    expectError(
      await call(getVersion, { params: { ...sp, version: "1.0.0" }, token: t }),
      404,
      "not_found_error",
    );
    expectError(await call(getVersions, { params: sp, token: t }), 404, "not_found_error");
    expect(
      (await raw(getFile, t, { ...sp, version: "1.0.0", path: ["agents", "helper.md"] })).status,
    ).toBe(404);
  });

  it("refuses to delete the pinned version saying how many runtimes elsewhere hold it, never whose", async () => {
    const pubRt = expectBody(
      await call(runtimesRoute.POST, {
        method: "POST",
        params: { org: publisher.org.slug, workspace: "main" },
        token: pubToken,
        body: { name: `own-${uid()}` },
      }),
      201,
      runtime,
    );
    await call(bindingsRoute.POST, {
      method: "POST",
      params: { org: publisher.org.slug, workspace: "main", runtime_id: pubRt.id },
      token: pubToken,
      body: { name, version: "1.0.0" },
    });
    const refused = expectError(
      await call(deleteVersion, {
        method: "DELETE",
        params: { org: publisher.org.slug, name, version: "1.0.0" },
        token: pubToken,
      }),
      409,
      "conflict_error",
    );
    expect(refused.detail).toContain(`the runtime main/${pubRt.name}`);
    expect(refused.detail).toContain("1 runtime of other orgs");
    const consumerRt = await db().runtime.findUniqueOrThrow({ where: { id: rt.id } });
    expect(refused.detail).not.toContain(consumer.org.slug);
    expect(refused.detail).not.toContain(consumerRt.name);
    expect(
      await db().capabilityVersion.count({
        where: { capability: { orgId: publisher.org.id, name } },
      }),
    ).toBe(4);
  });

  it("opens every version again when it is made public again", async () => {
    const other = await newOwner();
    const otherToken = (await tokenFor(other, ["admin"])).secret;
    const n = `again-${uid()}`;
    await pushAs(other, otherToken, bundle(n, "1.0.0"));
    await call(setVisibility, {
      method: "PATCH",
      params: { org: other.org.slug, name: n },
      token: otherToken,
      body: { is_public: true },
    });
    const r = expectBody(
      await call(runtimesRoute.POST, {
        method: "POST",
        params: ws,
        token,
        body: { name: `rt-${uid()}` },
      }),
      201,
      runtime,
    );
    const b = expectBody(
      await call(bindingsRoute.POST, {
        method: "POST",
        params: { ...ws, runtime_id: r.id },
        token,
        body: { name: `${other.org.slug}/${n}` },
      }),
      201,
      runtimeCapabilityBinding,
    );
    await call(setVisibility, {
      method: "PATCH",
      params: { org: other.org.slug, name: n },
      token: otherToken,
      body: { is_public: false },
    });
    await pushAs(other, otherToken, bundle(n, "2.0.0"));
    expectError(
      await call(bindingRoute.PATCH, {
        method: "PATCH",
        params: { ...ws, runtime_id: r.id, binding_id: b.id },
        token,
        body: { version: "2.0.0" },
      }),
      404,
      "not_found_error",
    );
    await call(setVisibility, {
      method: "PATCH",
      params: { org: other.org.slug, name: n },
      token: otherToken,
      body: { is_public: true },
    });
    expect(
      expectBody(
        await call(bindingRoute.PATCH, {
          method: "PATCH",
          params: { ...ws, runtime_id: r.id, binding_id: b.id },
          token,
          body: { version: "2.0.0" },
        }),
        200,
        runtimeCapabilityBinding,
      ).version,
    ).toBe("2.0.0");
  });
});

describe("downloads", () => {
  it("serve text inline as text/plain and everything else as an attachment, all with nosniff and a sandbox CSP", async () => {
    const owner = await newOwner();
    const token = (await tokenFor(owner, ["write"])).secret;
    const name = `dl-${uid()}`;
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    const html = "<script>alert(document.cookie)</script>\n";
    await pushAs(
      owner,
      token,
      bundle(name, "1.0.0", {
        "docs/page.html": html,
        "docs/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "img/logo.png": png,
        "docs/caf\u00e9 menu.txt": "menu\n",
      }),
    );
    const p = { org: owner.org.slug, name, version: "1.0.0" };
    const sandboxed = (res: Response) => {
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
    };

    const page = await raw(getFile, token, { ...p, path: ["docs", "page.html"] });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/plain; charset=utf-8"); // never text/html
    expect(page.headers.get("content-disposition")).toBe("inline; filename=page.html");
    expect(await page.text()).toBe(html);
    sandboxed(page);

    const svg = await raw(getFile, token, { ...p, path: ["docs", "logo.svg"] });
    expect(svg.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    sandboxed(svg);

    const image = await raw(getFile, token, { ...p, path: ["img", "logo.png"] });
    expect(image.headers.get("content-type")).toBe("application/octet-stream");
    expect(image.headers.get("content-disposition")).toBe("attachment; filename=logo.png");
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);
    sandboxed(image);

    const unicode = await raw(getFile, token, { ...p, path: ["docs", "caf\u00e9 menu.txt"] });
    expect(unicode.headers.get("content-disposition")).toBe(
      `inline; filename="caf? menu.txt"; filename*=UTF-8''caf%C3%A9%20menu.txt`,
    );

    const readme = await raw(getReadme, token, p);
    expect(readme.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(readme.headers.get("content-disposition")).toBe("inline; filename=README.md");
    expect(await readme.text()).toBe(`# ${name} 1.0.0\n`);
    sandboxed(readme);

    const dl = await raw(getBundle, token, p);
    expect(dl.headers.get("content-type")).toBe("application/gzip");
    expect(dl.headers.get("content-disposition")).toBe(`attachment; filename=${name}-1.0.0.tar.gz`);
    sandboxed(dl);
  });
});

describe("secrets in capability.yaml", () => {
  const aws = "AKIAUJZDE8GXD6NCF10E";
  const gh1 = "ghp_pfJBd0Kh8oOOL8dKLzdocJ2isAjIhKtJ0Rlg";
  const gh2 = "ghp_LKOmxgJTeKdNnFRIBXuDL7DxtpYlSXpfKtHF";
  const manifestWith = (gh: string) =>
    `notes: "deploy with ${gh} from CI"\nmcp:\n  servers:\n    s3:\n      command: s3-mcp\n      args: ["--token", "${gh}"]\n      env:\n        AWS_ACCESS_KEY_ID: ${aws}\n        REGION: eu-west-1\n`;

  it("are redacted in the detail, the push response, the list and the diff; the rest is as pushed", async () => {
    const owner = await newOwner();
    const token = (await tokenFor(owner, ["write"])).secret;
    const name = `sec-${uid()}`;
    const pushed = expectBody(
      await pushAs(owner, token, bundle(name, "1.0.0", {}, manifestWith(gh1))),
      201,
      capabilityArtifactDetail,
    );
    const detail = expectBody(
      await call(getVersion, { params: { org: owner.org.slug, name, version: "1.0.0" }, token }),
      200,
      capabilityArtifactDetail,
    );
    for (const d of [pushed, detail]) {
      const text = JSON.stringify(d);
      expect(text).not.toContain(aws);
      expect(text).not.toContain(gh1);
      expect(text).not.toContain(aws.slice(4));
      expect(d.manifest).toMatchObject({
        name,
        version: "1.0.0",
        description: `Shared ${name} 1.0.0`,
        flags: { verbose: { description: "Say more" } },
        notes: expect.stringMatching(/^deploy with ghp_…\[redacted, 40 chars\] from CI$/),
        mcp: {
          servers: {
            s3: {
              command: "s3-mcp",
              args: ["--token", expect.stringContaining("[redacted, 40 chars]")],
              env: { AWS_ACCESS_KEY_ID: "AKIA…[redacted, 20 chars]", REGION: "eu-west-1" },
            },
          },
        },
      });
    }
    const listed = await call(list, {
      path: `/x?name=${name}`,
      params: { org: owner.org.slug },
      token,
    });
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.json)).not.toContain(gh1);

    // A rotated secret is a change, shown redacted on both sides.
    expect((await pushAs(owner, token, bundle(name, "1.1.0", {}, manifestWith(gh2)))).status).toBe(
      201,
    );
    const diff = expectBody(
      await call(getDiff, { params: { org: owner.org.slug, name }, token }),
      200,
      capabilityVersionDiff,
    );
    const text = JSON.stringify(diff.manifest) + JSON.stringify(diff.components);
    for (const secret of [aws, gh1, gh2]) expect(text).not.toContain(secret);
    expect(diff.manifest.find((c) => c.path === "notes")).toMatchObject({
      change: "changed",
      from: expect.stringContaining("[redacted"),
      to: expect.stringContaining("[redacted"),
    });
    // The trust card and an upgrade preview list command lines and hosts: redacted too.
    for (const version of ["1.0.0", "1.1.0"]) {
      const card = JSON.stringify(
        expectBody(
          await call(getTrust, { params: { org: owner.org.slug, name, version }, token }),
          200,
          trustCard,
        ),
      );
      for (const secret of [aws, gh1, gh2]) expect(card).not.toContain(secret);
    }
    const ws = { org: owner.org.slug, workspace: "main" };
    const r = expectBody(
      await call(runtimesRoute.POST, {
        method: "POST",
        params: ws,
        token,
        body: { name: `rt-${uid()}` },
      }),
      201,
      runtime,
    );
    const b = expectBody(
      await call(bindingsRoute.POST, {
        method: "POST",
        params: { ...ws, runtime_id: r.id },
        token,
        body: { name, version: "1.0.0" },
      }),
      201,
      runtimeCapabilityBinding,
    );
    const preview = JSON.stringify(
      expectBody(
        await call(previewRoute.GET, {
          params: { ...ws, runtime_id: r.id, binding_id: b.id },
          token,
        }),
        200,
        upgradePreview,
      ),
    );
    for (const secret of [aws, gh1, gh2]) expect(preview).not.toContain(secret);
    // Stored whole: what runtimes resolve and digests cover is the manifest as pushed.
    const stored = await db().capabilityVersion.findFirstOrThrow({
      where: { capability: { orgId: owner.org.id, name }, version: "1.0.0" },
    });
    expect(JSON.stringify(stored.manifest)).toContain(gh1);
  });
});
