// GET /api/v1/org/{org}/capabilities and /facets: filters, ranked full-text search, sorting,
// pagination, public capabilities of other orgs, and validation.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { capabilityArtifactListResponse, capabilityFacetsResponse } from "@/lib/catalog/schemas";
import { packTarGz } from "@/lib/catalog/ingest/pack";
import {
  call,
  expectBody,
  expectError,
  newOwner,
  tokenFor,
  uid,
  type TestMember,
} from "@/lib/testing/api";
import { GET as list, POST } from "./route";
import { GET as facets } from "./facets/route";

let owner: TestMember;
let token: string;

interface Spec {
  name: string;
  version: string;
  description: string;
  keywords?: string[];
  author?: string;
  license?: string;
  agent?: { name: string; description: string };
}

async function push(
  spec: Spec,
  as: { org: string; token: string } = { org: owner.org.slug, token },
) {
  const manifest = [
    "schema: 1",
    `name: ${spec.name}`,
    `version: ${spec.version}`,
    `description: ${spec.description}`,
    spec.keywords ? `keywords: [${spec.keywords.join(", ")}]` : "",
    spec.author ? `author: ${spec.author}` : "",
    spec.license ? `license: ${spec.license}` : "",
  ].join("\n");
  const agent = spec.agent ?? { name: "helper", description: "Helps out" };
  const bundle = packTarGz([
    { path: "capability.yaml", data: manifest },
    {
      path: `agents/${agent.name}.md`,
      data: `---\ndescription: ${agent.description}\n---\nPrompt.\n`,
    },
  ]);
  const res = await call(POST, {
    method: "POST",
    params: { org: as.org },
    token: as.token,
    bytes: bundle,
    headers: { "content-type": "application/gzip" },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
}

const get = async (qs: string, org = owner.org.slug) =>
  expectBody(
    await call(list, { path: `/x?${qs}`, params: { org }, token }),
    200,
    capabilityArtifactListResponse,
  );
const names = (r: { capabilities: { name: string }[] }) => r.capabilities.map((c) => c.name);

beforeAll(async () => {
  owner = await newOwner();
  token = (await tokenFor(owner, ["write"])).secret;
  await push({
    name: "alpha-hunter",
    version: "1.0.0",
    description: "Hunt threats in security logs",
    keywords: ["security", "logs"],
    author: "Ada",
    license: "MIT",
    agent: { name: "triager", description: "Sorts alerts" },
  });
  await push({
    name: "beta-writer",
    version: "0.1.0",
    description: "Drafts release notes",
    keywords: ["writing"],
    author: "Bob",
    license: "Apache-2.0",
  });
  for (const v of ["1.0.0", "1.10.0", "1.2.0"]) {
    await push({
      name: "gamma-runbooks",
      version: v,
      description: "Incident response runbooks",
      keywords: ["security"],
      agent: { name: "pager", description: "Pages the on-call engineer" },
    });
  }
  await push({
    name: "delta-notes",
    version: "2.0.0",
    description: "Meeting notes by a careful writer",
    keywords: ["writing"],
    author: "Ada",
    license: "MIT",
  });
});

describe("GET /api/v1/org/{org}/capabilities", () => {
  it("lists one row per capability with its latest version, newest first by default", async () => {
    const r = await get("");
    expect(r).toMatchObject({
      total: 4,
      page: 1,
      limit: 50,
      total_pages: 1,
      has_next: false,
      has_previous: false,
    });
    expect(names(r)).toEqual(["delta-notes", "gamma-runbooks", "beta-writer", "alpha-hunter"]);
    const gamma = r.capabilities.find((c) => c.name === "gamma-runbooks")!;
    expect(gamma).toMatchObject({
      version: "1.10.0",
      versions: ["1.10.0", "1.2.0", "1.0.0"],
      version_count: 3,
      is_public: false,
    });
    expect(gamma.component_counts).toEqual({ agent: 1 });
  });

  it("filters by keywords (any of), author (any of), license and name", async () => {
    expect(names(await get("keywords=security&sort_by=name&sort_dir=asc"))).toEqual([
      "alpha-hunter",
      "gamma-runbooks",
    ]);
    expect(names(await get("keywords=logs&keywords=writing&sort_by=name&sort_dir=asc"))).toEqual([
      "alpha-hunter",
      "beta-writer",
      "delta-notes",
    ]);
    expect(names(await get("author=Ada&author=Bob&sort_by=name&sort_dir=asc"))).toEqual([
      "alpha-hunter",
      "beta-writer",
      "delta-notes",
    ]);
    expect(names(await get("license=Apache-2.0"))).toEqual(["beta-writer"]);
    expect(names(await get("name=gamma-runbooks"))).toEqual(["gamma-runbooks"]);
    expect((await get("keywords=security&author=Bob")).total).toBe(0);
  });

  it("searches name, description, keywords, author and components, ranked, by word prefix", async () => {
    expect(names(await get("search=threats"))).toEqual(["alpha-hunter"]);
    expect(names(await get("search=on-call"))).toEqual(["gamma-runbooks"]); // a component's description
    expect(names(await get("search=runbook"))).toEqual(["gamma-runbooks"]); // prefix
    expect(names(await get("search=alerts"))).toEqual(["alpha-hunter"]);
    // "writer" is beta-writer's name and only a word in delta-notes' description: the name ranks first.
    expect(names(await get("search=writer"))).toEqual(["beta-writer", "delta-notes"]);
    expect((await get("search=nothing-matches-this")).total).toBe(0);
    expect(names(await get("search=security&sort_by=name&sort_dir=asc"))).toEqual([
      "alpha-hunter",
      "gamma-runbooks",
    ]);
    expect((await get("search=%22%27*)(")).total).toBe(0); // punctuation only: no error, no match
  });

  it("re-indexes a capability when a newer version arrives", async () => {
    await push({
      name: "beta-writer",
      version: "0.2.0",
      description: "Drafts changelogs",
      keywords: ["writing"],
      author: "Bob",
      license: "Apache-2.0",
    });
    expect(names(await get("search=changelogs"))).toEqual(["beta-writer"]);
    expect(names(await get("search=release"))).toEqual([]);
    expect((await get("name=beta-writer")).capabilities[0]?.version).toBe("0.2.0");
  });

  it("sorts by a column, NULLs last either way, and paginates", async () => {
    const byLicense = await get("sort_by=license&sort_dir=asc");
    expect(byLicense.capabilities.map((c) => c.license)).toEqual([
      "Apache-2.0",
      "MIT",
      "MIT",
      null,
    ]);
    const desc = await get("sort_by=license&sort_dir=desc");
    expect(desc.capabilities.at(-1)?.license).toBeNull();
    const p2 = await get("sort_by=name&sort_dir=asc&limit=3&page=2");
    expect(p2).toMatchObject({
      total: 4,
      page: 2,
      limit: 3,
      total_pages: 2,
      has_next: false,
      has_previous: true,
    });
    expect(names(p2)).toEqual(["gamma-runbooks"]);
    expect((await get("limit=3&page=7")).capabilities).toEqual([]);
  });

  it("orders by default by the created_at the rows show: when their latest version was pushed", async () => {
    // alpha-hunter was pushed first; a new version makes it the newest row.
    await push({
      name: "alpha-hunter",
      version: "1.1.0",
      description: "Hunt threats in security logs",
      keywords: ["security", "logs"],
      author: "Ada",
      license: "MIT",
      agent: { name: "triager", description: "Sorts alerts" },
    });
    const r = await get("");
    expect(names(r)[0]).toBe("alpha-hunter");
    const shown = r.capabilities.map((c) => c.created_at);
    expect(shown).toEqual([...shown].sort().reverse());
    const asc = (await get("sort_by=created_at&sort_dir=asc")).capabilities.map(
      (c) => c.created_at,
    );
    expect(asc).toEqual([...asc].sort());
  });

  it.each([
    ["include_public=True", 200],
    ["include_public=False", 200],
    ["include_public=yes", 200],
    ["include_public=0", 200],
  ])("accepts the bool spellings FastAPI accepts: %s", async (qs, status) => {
    expect(
      (await call(list, { path: `/x?${qs}`, params: { org: owner.org.slug }, token })).status,
    ).toBe(status);
  });

  it.each([
    ["limit=0", ["query", "limit"]],
    ["limit=101", ["query", "limit"]],
    ["page=0", ["query", "page"]],
    ["sort_by=size", ["query", "sort_by"]],
    ["sort_dir=up", ["query", "sort_dir"]],
    ["include_public=maybe", ["query", "include_public"]],
  ])("answers 422 to %s", async (qs, loc) => {
    const err = expectError(
      await call(list, { path: `/x?${qs}`, params: { org: owner.org.slug }, token }),
      422,
      "validation_error",
    );
    expect(err.errors?.[0]?.loc).toEqual(loc);
  });

  it("adds public capabilities of other orgs as owner/name only with include_public", async () => {
    const other = await newOwner();
    const otherToken = (await tokenFor(other, ["write"])).secret;
    // Other tests' public capabilities share this database: a word of this test's own.
    const word = `widget${uid()}`;
    await push(
      {
        name: "shared-tool",
        version: "1.0.0",
        description: `A shared security ${word}`,
        keywords: ["security"],
      },
      { org: other.org.slug, token: otherToken },
    );
    await push(
      {
        name: "secret-tool",
        version: "1.0.0",
        description: `A private security ${word}`,
        keywords: ["security"],
      },
      { org: other.org.slug, token: otherToken },
    );
    await db().capability.updateMany({
      where: { orgId: other.org.id, name: "shared-tool" },
      data: { isPublic: true },
    });
    expect(names(await get(`search=${word}`))).toEqual([]);
    const withPublic = await get(`search=${word}&include_public=true`);
    expect(names(withPublic)).toEqual([`${other.org.slug}/shared-tool`]);
    expect(withPublic.capabilities[0]?.is_public).toBe(true);
    expect(names(await get(`include_public=true&name=${other.org.slug}/shared-tool`))).toEqual([
      `${other.org.slug}/shared-tool`,
    ]);
  });
});

describe("GET /api/v1/org/{org}/capabilities/facets", () => {
  it("counts keywords, authors and licenses under the same filters", async () => {
    const all = expectBody(
      await call(facets, { path: "/x", params: { org: owner.org.slug }, token }),
      200,
      capabilityFacetsResponse,
    );
    expect(all.keywords).toEqual([
      { value: "security", count: 2 },
      { value: "writing", count: 2 },
      { value: "logs", count: 1 },
    ]);
    expect(all.authors).toEqual([
      { value: "Ada", count: 2 },
      { value: "Bob", count: 1 },
    ]);
    expect(all.licenses).toEqual([
      { value: "MIT", count: 2 },
      { value: "Apache-2.0", count: 1 },
    ]);
    const sec = expectBody(
      await call(facets, { path: "/x?keywords=security", params: { org: owner.org.slug }, token }),
      200,
      capabilityFacetsResponse,
    );
    expect(sec.authors).toEqual([{ value: "Ada", count: 1 }]);
    expect(sec.keywords).toEqual([
      { value: "security", count: 2 },
      { value: "logs", count: 1 },
    ]);
    expectError(
      await call(facets, { path: "/x?limit=0", params: { org: owner.org.slug }, token }),
      422,
      "validation_error",
    );
  });
});
