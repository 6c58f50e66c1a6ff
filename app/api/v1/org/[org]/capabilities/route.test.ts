// Pushing bundles and reading versions back: idempotent and conflicting pushes, races, hostile
// bundles that store nothing, content-addressed files, semver order, tenancy.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { capabilityArtifactDetail } from "@/lib/catalog/schemas";
import { packTarGz, packZip, type PackEntry } from "@/lib/catalog/ingest/pack";
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
import { GET as list, POST } from "./route";
import { GET as getLatest } from "./[name]/route";
import { DELETE as deleteVersion, GET as getVersion } from "./[name]/[version]/route";
import * as versionsRoute from "./[name]/versions/route";
import * as visibilityRoute from "./[name]/visibility/route";
import * as fileRoute from "./[name]/[version]/files/[...path]/route";
import * as readmeRoute from "./[name]/[version]/readme/route";
import * as bundleRoute from "./[name]/[version]/bundle/route";

let owner: TestMember;
let token: string;

beforeAll(async () => {
  owner = await newOwner();
  token = (await tokenFor(owner, ["write"])).secret;
});

function capability(
  name: string,
  version: string,
  extra: Record<string, string> = {},
): PackEntry[] {
  const files: Record<string, string> = {
    "capability.yaml": `schema: 1\nname: ${name}\nversion: ${version}\ndescription: Test capability ${name}\nlicense: MIT\nkeywords: [test]\n`,
    "agents/helper.md": "---\ndescription: Helps\n---\nYou help.\n",
    "README.md": `# ${name}\n`,
    ...extra,
  };
  return Object.entries(files).map(([path, data]) => ({ path, data }));
}

async function pushBytes(
  bundle: Buffer,
  opts: { token?: string; org?: string; type?: string; form?: boolean } = {},
) {
  const org = opts.org ?? owner.org.slug;
  if (!opts.form)
    return call(POST, {
      method: "POST",
      params: { org },
      token: opts.token ?? token,
      bytes: bundle,
      headers: { "content-type": opts.type ?? "application/gzip" },
    });
  const fd = new FormData();
  fd.set("bundle", new Blob([new Uint8Array(bundle)]), "bundle.tar.gz");
  const res = await POST(
    new Request(`http://localhost/api/v1/org/${org}/capabilities`, {
      method: "POST",
      headers: { authorization: `Bearer ${opts.token ?? token}` },
      body: fd,
    }),
    { params: Promise.resolve({ org }) },
  );
  return { status: res.status, headers: res.headers, json: (await res.json()) as unknown };
}

describe("POST /api/v1/org/{org}/capabilities", () => {
  it("stores a new version (201) with the full detail, and its audit event", async () => {
    const name = `cap-${uid()}`;
    const res = await pushBytes(packTarGz(capability(name, "1.0.0")));
    const d = expectBody(res, 201, capabilityArtifactDetail);
    expect(d).toMatchObject({
      name,
      version: "1.0.0",
      license: "MIT",
      keywords: ["test"],
      is_public: false,
      version_count: 1,
      versions: ["1.0.0"],
    });
    expect(d.component_counts).toEqual({ agent: 1 });
    expect(d.component_details[0]).toMatchObject({
      name: "helper",
      type: "agent",
      path: "agents/helper.md",
      description: "Helps",
    });
    expect(d.file_manifest.map((f) => f.path)).toEqual([
      "README.md",
      "agents/helper.md",
      "capability.yaml",
    ]);
    expect(d.origin).toMatchObject({
      type: "push",
      via: "api",
      pushed_by: { email: owner.user.email },
    });
    expect(
      await db().auditEvent.count({ where: { targetId: d.id, action: "capability.push" } }),
    ).toBe(1);
    const blob = await db().blob.findUnique({ where: { sha256: d.artifact_sha256 } });
    expect(blob?.size).toBeGreaterThan(0);
  });

  it("answers 200 with the stored version when the same content is pushed again, however packed", async () => {
    const name = `cap-${uid()}`;
    const first = capabilityArtifactDetail.parse(
      (await pushBytes(packTarGz(capability(name, "1.0.0")))).json,
    );
    const again = await pushBytes(packZip(capability(name, "1.0.0").reverse()), {
      type: "application/zip",
    });
    const d = expectBody(again, 200, capabilityArtifactDetail);
    expect(d.id).toBe(first.id);
    expect(d.runtime_digest).toBe(first.runtime_digest);
    expect(d.artifact_sha256).toBe(first.artifact_sha256);
  });

  it("answers 409 to different content under an existing version, and changes nothing", async () => {
    const name = `cap-${uid()}`;
    const first = capabilityArtifactDetail.parse(
      (await pushBytes(packTarGz(capability(name, "1.0.0")))).json,
    );
    const res = await pushBytes(
      packTarGz(capability(name, "1.0.0", { "README.md": "# changed\n" })),
    );
    const err = expectError(res, 409, "already_exists_error");
    expect(err.detail).toContain("immutable");
    const stored = capabilityArtifactDetail.parse(
      (await call(getVersion, { params: { org: owner.org.slug, name, version: "1.0.0" }, token }))
        .json,
    );
    expect(stored.runtime_digest).toBe(first.runtime_digest);
  });

  it("lets exactly one of racing pushes of one version win; the rest get 409, none a 5xx", async () => {
    const name = `cap-${uid()}`;
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        pushBytes(packTarGz(capability(name, "2.0.0", { "README.md": `# racer ${i}\n` }))),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409))
      expectError(r, 409, "already_exists_error");
    expect(
      await db().capabilityVersion.count({ where: { capability: { name, orgId: owner.org.id } } }),
    ).toBe(1);
  });

  it("refuses a hostile bundle naming the file and the rule, and stores nothing", async () => {
    const name = `cap-${uid()}`;
    const before = {
      versions: await db().capabilityVersion.count(),
      blobs: await db().blob.count(),
    };
    const res = await pushBytes(
      packTarGz([
        ...capability(name, "1.0.0"),
        { path: "agents/evil.md", kind: "symlink", linkTarget: "/etc/passwd" },
      ]),
    );
    const err = expectError(res, 422, "validation_error");
    expect(err.detail).toBe("agents/evil.md: symbolic links are not allowed");
    const bad = await pushBytes(packTarGz(capability(name, "1.0.0-beta")));
    const invalid = expectError(bad, 422, "validation_error");
    expect(invalid.errors?.[0]?.loc).toEqual(["bundle", "capability.yaml", "version"]);
    expect(await db().capabilityVersion.count()).toBe(before.versions);
    expect(await db().blob.count()).toBe(before.blobs);
    expect(await db().capability.count({ where: { name, orgId: owner.org.id } })).toBe(0);
  });

  it("accepts a multipart form with the field 'bundle', and refuses an empty body", async () => {
    const res = await pushBytes(packTarGz(capability(`cap-${uid()}`, "0.1.0")), { form: true });
    expect(res.status).toBe(201);
    const empty = await pushBytes(Buffer.alloc(0));
    expect(expectError(empty, 422, "validation_error").errors?.[0]?.loc).toEqual(["body"]);
  });

  it("stores a file shared by two versions once", async () => {
    const name = `cap-${uid()}`;
    const shared = `shared content ${uid()}`;
    await pushBytes(packTarGz(capability(name, "1.0.0", { "docs/shared.md": shared })));
    const d = capabilityArtifactDetail.parse(
      (await pushBytes(packTarGz(capability(name, "1.1.0", { "docs/shared.md": shared })))).json,
    );
    const sha = d.file_manifest.find((f) => f.path === "docs/shared.md")!.sha256;
    expect(await db().blob.count({ where: { sha256: sha } })).toBe(1);
    expect(await db().capabilityFile.count({ where: { sha256: sha } })).toBe(2);
  });

  it("needs the write scope and at least the member role", async () => {
    const bundle = packTarGz(capability(`cap-${uid()}`, "1.0.0"));
    const read = (await tokenFor(owner, ["read"])).secret;
    expectError(await pushBytes(bundle, { token: read }), 403, "forbidden_error");
    const viewer = await newMember(owner.org, "viewer");
    const res = await POST(
      new Request(`http://localhost/x`, {
        method: "POST",
        headers: {
          cookie: await sessionCookie(viewer.user.id),
          "content-type": "application/gzip",
        },
        body: new Uint8Array(bundle),
      }),
      { params: Promise.resolve({ org: owner.org.slug }) },
    );
    expect(res.status).toBe(403);
  });
});

describe("GET /api/v1/org/{org}/capabilities/{name}[/{version}]", () => {
  it("serves the latest version in semver order, and each version", async () => {
    const name = `cap-${uid()}`;
    for (const v of ["1.2.0", "1.10.0", "1.9.3"]) await pushBytes(packTarGz(capability(name, v)));
    const latest = expectBody(
      await call(getLatest, { params: { org: owner.org.slug, name }, token }),
      200,
      capabilityArtifactDetail,
    );
    expect(latest.version).toBe("1.10.0");
    expect(latest.versions).toEqual(["1.10.0", "1.9.3", "1.2.0"]);
    expect(latest.version_count).toBe(3);
    const one = expectBody(
      await call(getVersion, { params: { org: owner.org.slug, name, version: "1.2.0" }, token }),
      200,
      capabilityArtifactDetail,
    );
    expect(one.version).toBe("1.2.0");
    expectError(
      await call(getVersion, { params: { org: owner.org.slug, name, version: "9.9.9" }, token }),
      404,
      "not_found_error",
    );
    expectError(
      await call(getVersion, { params: { org: owner.org.slug, name, version: "latest" }, token }),
      422,
      "validation_error",
    );
    expectError(
      await call(getLatest, { params: { org: owner.org.slug, name: `missing-${uid()}` }, token }),
      404,
      "not_found_error",
    );
  });

  it("hides another org's capability behind a 404", async () => {
    const name = `cap-${uid()}`;
    await pushBytes(packTarGz(capability(name, "1.0.0")));
    const stranger = await newOwner();
    const strangerToken = (await tokenFor(stranger, ["read"])).secret;
    expectError(
      await call(getLatest, { params: { org: owner.org.slug, name }, token: strangerToken }),
      404,
      "not_found_error",
    );
    expectError(
      await call(getLatest, { params: { org: stranger.org.slug, name }, token: strangerToken }),
      404,
      "not_found_error",
    );
  });
});

describe("versions, files, README, bundle, visibility and delete", () => {
  it("lists versions, serves files, the README and the bundle as pushed", async () => {
    const name = `cap-${uid()}`;
    const bundle = packTarGz(capability(name, "1.0.0", { "tools/run.py": "print('hi')\n" }));
    await pushBytes(bundle);
    await pushBytes(packTarGz(capability(name, "1.1.0")));
    const params = { org: owner.org.slug, name };
    const versions = await call(versionsRoute.GET, { params, token });
    expect(
      (versions.json as { versions: { version: string }[] }).versions.map((v) => v.version),
    ).toEqual(["1.1.0", "1.0.0"]);

    const file = await fileRoute.GET(
      new Request("http://x", { headers: { authorization: `Bearer ${token}` } }),
      {
        params: Promise.resolve({ ...params, version: "1.0.0", path: ["tools", "run.py"] }),
      },
    );
    expect(file.status).toBe(200);
    expect(await file.text()).toBe("print('hi')\n");
    expect(file.headers.get("content-type")).toContain("text/plain");
    expect(file.headers.get("etag")).toMatch(/^"[0-9a-f]{64}"$/);
    expectError(
      await call(fileRoute.GET, {
        params: { ...params, version: "1.1.0", path: ["tools", "run.py"] } as never,
        token,
      }),
      404,
      "not_found_error",
    );

    const readme = await readmeRoute.GET(
      new Request("http://x", { headers: { authorization: `Bearer ${token}` } }),
      { params: Promise.resolve({ ...params, version: "1.0.0" }) },
    );
    expect(await readme.text()).toBe(`# ${name}\n`);

    const dl = await bundleRoute.GET(
      new Request("http://x", { headers: { authorization: `Bearer ${token}` } }),
      { params: Promise.resolve({ ...params, version: "1.0.0" }) },
    );
    expect(dl.headers.get("content-disposition")).toBe(`attachment; filename=${name}-1.0.0.tar.gz`);
    expect(Buffer.from(await dl.arrayBuffer()).equals(bundle)).toBe(true);
  });

  it("makes a capability public and private again (admins; sharing.test.ts has the roles), with audit events", async () => {
    const name = `cap-${uid()}`;
    await pushBytes(packTarGz(capability(name, "1.0.0")));
    const adminToken = (await tokenFor(owner, ["admin"])).secret;
    expectError(
      await call(visibilityRoute.PATCH, {
        method: "PATCH",
        params: { org: owner.org.slug, name },
        token,
        body: { is_public: true },
      }),
      403,
      "forbidden_error",
    );
    const res = await call(visibilityRoute.PATCH, {
      method: "PATCH",
      params: { org: owner.org.slug, name },
      token: adminToken,
      body: { is_public: true },
    });
    expect(res.json).toEqual({ name, is_public: true, version_count: 1 });
    const detail = capabilityArtifactDetail.parse(
      (await call(getLatest, { params: { org: owner.org.slug, name }, token })).json,
    );
    expect(detail.is_public).toBe(true);
    expectError(
      await call(visibilityRoute.PATCH, {
        method: "PATCH",
        params: { org: owner.org.slug, name },
        token: adminToken,
        body: { is_public: "yes" },
      }),
      422,
      "validation_error",
    );
    const viewer = await newMember(owner.org, "viewer");
    const vres = await call(visibilityRoute.PATCH, {
      method: "PATCH",
      params: { org: owner.org.slug, name },
      cookie: await sessionCookie(viewer.user.id),
      body: { is_public: false },
    });
    expectError(vres, 403, "forbidden_error");
    expect(
      await db().auditEvent.count({
        where: { orgId: owner.org.id, action: "capability.visibility" },
      }),
    ).toBeGreaterThanOrEqual(1);
  });

  it("deletes versions (admin), moving latest back, and the capability with its last version", async () => {
    const name = `cap-${uid()}`;
    await pushBytes(packTarGz(capability(name, "1.0.0")));
    await pushBytes(packTarGz(capability(name, "2.0.0")));
    const params = { org: owner.org.slug, name };
    const member = await newMember(owner.org, "member");
    const del = (version: string, auth: { token?: string; cookie?: string }) =>
      call(deleteVersion, { method: "DELETE", params: { ...params, version }, ...auth });
    expectError(
      await del("2.0.0", { cookie: await sessionCookie(member.user.id) }),
      403,
      "forbidden_error",
    );
    expectError(await del("2.0.0", { token }), 403, "forbidden_error"); // a write token is not enough
    const admin = (await tokenFor(owner, ["admin"])).secret;
    expect((await del("2.0.0", { token: admin })).status).toBe(204);
    const latest = capabilityArtifactDetail.parse((await call(getLatest, { params, token })).json);
    expect(latest).toMatchObject({ version: "1.0.0", versions: ["1.0.0"] });
    expectError(await del("2.0.0", { token: admin }), 404, "not_found_error");
    expect((await del("1.0.0", { token: admin })).status).toBe(204);
    expectError(await call(getLatest, { params, token }), 404, "not_found_error");
    const listed = await call(list, {
      path: `/x?search=${name}`,
      params: { org: owner.org.slug },
      token,
    });
    expect((listed.json as { total: number }).total).toBe(0);
    expect(
      await db().auditEvent.count({
        where: { orgId: owner.org.id, action: "capability.delete_version" },
      }),
    ).toBeGreaterThanOrEqual(2);
  });
});
