// The bench catalog generator writes the state the app's own push path leaves behind: running
// refreshLatest (lib/catalog/service.ts) over every generated capability changes nothing, and the
// list, facets and detail routes return what the generator says it wrote.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { refreshLatest } from "@/lib/catalog/service";
import { TRUST_RULES } from "@/lib/catalog/trust/stored";
import {
  capabilityArtifactDetail,
  capabilityArtifactListResponse,
  capabilityFacetsResponse,
} from "@/lib/catalog/schemas";
import { packTarGz } from "@/lib/catalog/ingest/pack";
import { call, expectBody, newOwner, tokenFor, uid, type TestMember } from "@/lib/testing/api";
import { GET as list, POST as push } from "@/app/api/v1/org/[org]/capabilities/route";
import { GET as facets } from "@/app/api/v1/org/[org]/capabilities/facets/route";
import { GET as detail } from "@/app/api/v1/org/[org]/capabilities/[name]/route";
import { generateCatalog, type GeneratedCatalog } from "./catalog-data";

let gen: GeneratedCatalog;
let member: TestMember;
let token: string;

/** What refreshLatest owns for one capability, read back from the database. */
async function denormalized(capabilityId: string) {
  const c = await db().capability.findUniqueOrThrow({
    where: { id: capabilityId },
    select: {
      latestVersionId: true,
      latestVersion: true,
      description: true,
      authorName: true,
      license: true,
      versionCount: true,
    },
  });
  const keywords = (
    await db().capabilityKeyword.findMany({ where: { capabilityId }, select: { keyword: true } })
  )
    .map((k) => k.keyword)
    .sort();
  const search =
    env().databaseProvider === "sqlite"
      ? await db()
          .$queryRaw`SELECT "name", "description", "keywords", "author", "components" FROM "capability_fts" WHERE "capability_id" = ${capabilityId}`
      : await db()
          .$queryRaw`SELECT "document"::text AS "document" FROM "capability_search" WHERE "capability_id" = ${capabilityId}`;
  return { ...c, keywords, search };
}

beforeAll(async () => {
  const owner = await newOwner();
  const id = uid();
  gen = await generateCatalog({
    databaseUrl: env().DATABASE_URL,
    ownerEmail: owner.user.email,
    org: `b-${id}`,
    publicOrg: `bp-${id}`,
    capabilities: 40,
    versionsPer: 10,
    publicCapabilities: 10,
    seed: 7,
  });
  const org = await db().organization.findUniqueOrThrow({ where: { slug: gen.org } });
  member = { user: owner.user, org: { id: org.id, slug: org.slug, name: org.name }, role: "owner" };
  token = (await tokenFor(member, ["write"])).secret;
}, 60_000);

describe("the bench catalog generator", () => {
  it("writes the denormalized state that refreshLatest would write", async () => {
    const caps = await db().capability.findMany({
      where: { org: { slug: { in: [gen.org, gen.publicOrg] } } },
      select: { id: true },
    });
    expect(caps).toHaveLength(50);
    for (const { id } of caps) {
      const before = await denormalized(id);
      expect(before.search).toHaveLength(1);
      await db().$transaction((tx) => refreshLatest(tx, id));
      expect(await denormalized(id)).toEqual(before);
    }
  });

  it("stores a trust level under the current rules on every version, so a server backfills none", async () => {
    const versions = await db().capabilityVersion.findMany({
      where: { capability: { org: { slug: { in: [gen.org, gen.publicOrg] } } } },
      select: { trustLevel: true, trustRules: true },
    });
    expect(versions.length).toBeGreaterThanOrEqual(gen.versions);
    for (const v of versions) {
      expect(["fail", "warn", "clean"]).toContain(v.trustLevel);
      expect(v.trustRules).toBe(TRUST_RULES);
    }
    const caps = await db().capability.findMany({
      where: { org: { slug: gen.org } },
      select: { trustLevel: true, latestVersion: true },
    });
    expect(caps.every((c) => c.trustLevel !== null)).toBe(true);
  });

  it("lists every capability with its latest version in semver order, and the facet counts", async () => {
    expect(gen.versions).toBe(400);
    const rows = [];
    for (let page = 1; ; page++) {
      const r = expectBody(
        await call(list, { path: `/x?limit=25&page=${page}`, params: { org: gen.org }, token }),
        200,
        capabilityArtifactListResponse,
      );
      expect(r.total).toBe(40);
      rows.push(...r.capabilities);
      if (page >= r.total_pages) break;
    }
    expect(rows).toHaveLength(40);
    for (const row of rows) {
      const expected = gen.latest.get(row.name);
      expect(expected, row.name).toBeDefined();
      expect(row.version).toBe(expected!.version);
      expect(row.versions).toEqual(expected!.versions);
      expect(row.version_count).toBe(10);
    }
    const f = expectBody(
      await call(facets, { path: "/x", params: { org: gen.org }, token }),
      200,
      capabilityFacetsResponse,
    );
    const sorted = (m: Map<string, number>) =>
      [...m]
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
    expect(f.keywords).toEqual(sorted(gen.facets.keywords).slice(0, 100));
    expect(f.authors).toEqual(sorted(gen.facets.authors));
    expect(f.licenses).toEqual(sorted(gen.facets.licenses));
  });

  it("shows the other org's public capabilities with include_public, and its detail route works", async () => {
    const r = expectBody(
      await call(list, {
        path: "/x?include_public=true&limit=100",
        params: { org: gen.org },
        token,
      }),
      200,
      capabilityArtifactListResponse,
    );
    expect(r.capabilities.filter((c) => c.name.startsWith(`${gen.publicOrg}/`))).toHaveLength(
      gen.publicVisible,
    );
    const [name, latest] = [...gen.latest][0]!;
    const d = expectBody(
      await call(detail, { path: `/x`, params: { org: gen.org, name }, token }),
      200,
      capabilityArtifactDetail,
    );
    expect(d.version).toBe(latest.version);
    expect(d.file_manifest.length).toBeGreaterThanOrEqual(3);
  });

  it.each([
    ["sort_by=name&sort_dir=asc", [{ name: "asc" as const }, { id: "asc" as const }]],
    // created_at is what a row shows: when its latest version was pushed.
    [
      "sort_by=created_at&sort_dir=desc",
      [{ latestVersionCreatedAt: "desc" as const }, { id: "desc" as const }],
    ],
  ])(
    "pages through own and other orgs' public capabilities in one order (include_public, %s)",
    async (sort, orderBy) => {
      // The public org's authors: rows of both orgs (and of earlier runs' public orgs), none of other tests.
      const pub = await db().capability.findMany({
        where: { org: { slug: gen.publicOrg } },
        select: { authorName: true },
      });
      const authors = [
        ...new Set(pub.map((c) => c.authorName).filter((a): a is string => a !== null)),
      ];
      const expected = await db().capability.findMany({
        where: {
          latestVersionId: { not: null },
          authorName: { in: authors },
          OR: [{ orgId: member.org.id }, { isPublic: true }],
        },
        include: { org: { select: { slug: true } } },
        orderBy,
      });
      expect(
        expected.some((c) => c.orgId !== member.org.id) &&
          expected.some((c) => c.orgId === member.org.id),
      ).toBe(true);
      const filter = `include_public=true&${sort}&${authors.map((a) => `author=${encodeURIComponent(a)}`).join("&")}`;
      const seen: string[] = [];
      for (let page = 1; ; page++) {
        const r = expectBody(
          await call(list, {
            path: `/x?${filter}&limit=3&page=${page}`,
            params: { org: gen.org },
            token,
          }),
          200,
          capabilityArtifactListResponse,
        );
        expect(r.total).toBe(expected.length);
        seen.push(...r.capabilities.map((c) => c.name));
        if (page >= r.total_pages) break;
      }
      expect(seen).toEqual(
        expected.map((c) => (c.orgId === member.org.id ? c.name : `${c.org.slug}/${c.name}`)),
      );
    },
  );

  it("counts search results on every page, and past the last one", async () => {
    const [name] = [...gen.latest][2]!;
    const word = name.split("-")[0]!;
    const get = (qs: string) =>
      call(list, { path: `/x?search=${word}&${qs}`, params: { org: gen.org }, token });
    const all = expectBody(await get("limit=100"), 200, capabilityArtifactListResponse);
    expect(all.total).toBeGreaterThan(0);
    expect(all.capabilities.map((c) => c.name)).toContain(name);
    const second = expectBody(await get("limit=1&page=2"), 200, capabilityArtifactListResponse);
    expect(second.total).toBe(all.total);
    expect(second.capabilities.map((c) => c.name)).toEqual(
      all.total > 1 ? [all.capabilities[1]!.name] : [],
    );
    const past = expectBody(await get("limit=100&page=50"), 200, capabilityArtifactListResponse);
    expect([past.total, past.capabilities.length]).toEqual([all.total, 0]);
  });

  it("takes a real push on top of generated versions", async () => {
    const [name] = [...gen.latest][1]!;
    const bundle = packTarGz([
      {
        path: "capability.yaml",
        data: `schema: 1\nname: ${name}\nversion: 99.0.0\ndescription: Pushed over generated versions\nkeywords: [zzz-pushed]\n`,
      },
      { path: "skills/x/SKILL.md", data: "A skill.\n" },
    ]);
    const res = await call(push, {
      method: "POST",
      params: { org: gen.org },
      token,
      bytes: bundle,
      headers: { "content-type": "application/gzip" },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const r = expectBody(
      await call(list, {
        path: `/x?search=${name}&keywords=zzz-pushed`,
        params: { org: gen.org },
        token,
      }),
      200,
      capabilityArtifactListResponse,
    );
    expect(r.capabilities.map((c) => [c.name, c.version, c.version_count])).toEqual([
      [name, "99.0.0", 11],
    ]);
  });
});
