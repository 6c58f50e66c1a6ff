// Racing pushes of one capability through the real route handler, on each database: every new
// version is stored, the latest is the highest version, identical re-pushes are 200 and only a
// different bundle under a taken version is a 409.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { packTarGz } from "@/lib/catalog/ingest/pack";
import { capabilityArtifactDetail, capabilityArtifactListResponse } from "@/lib/catalog/schemas";
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
import { GET as getLatest } from "./[name]/route";

let owner: TestMember;
let token: string;

beforeAll(async () => {
  owner = await newOwner();
  token = (await tokenFor(owner, ["write"])).secret;
});

const bundle = (name: string, version: string, readme = `# ${name} ${version}\n`) =>
  packTarGz([
    {
      path: "capability.yaml",
      data: `schema: 1\nname: ${name}\nversion: ${version}\ndescription: Racing ${version}\n`,
    },
    { path: "agents/a.md", data: `Version ${version}.\n` },
    { path: "README.md", data: readme },
  ]);

const push = (bytes: Buffer) =>
  call(POST, {
    method: "POST",
    params: { org: owner.org.slug },
    token,
    bytes,
    headers: { "content-type": "application/gzip" },
  });

/** 1.0.0 … 1.19.0 in a shuffled order (1.10.0 sorts above 1.9.0 only as numbers). */
function shuffledVersions(): string[] {
  const versions = Array.from({ length: 20 }, (_, i) => `1.${i}.0`);
  for (let i = versions.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [versions[i], versions[j]] = [versions[j]!, versions[i]!];
  }
  return versions;
}

async function expectLatest(name: string, version: string, count: number) {
  const latest = expectBody(
    await call(getLatest, { params: { org: owner.org.slug, name }, token }),
    200,
    capabilityArtifactDetail,
  );
  expect(latest.version).toBe(version);
  expect(latest.version_count).toBe(count);
  const row = await db().capability.findFirstOrThrow({ where: { orgId: owner.org.id, name } });
  expect({
    latest: row.latestVersion,
    count: row.versionCount,
    description: row.description,
  }).toEqual({ latest: version, count, description: `Racing ${version}` });
  const listed = expectBody(
    await call(list, { path: `/x?name=${name}`, params: { org: owner.org.slug }, token }),
    200,
    capabilityArtifactListResponse,
  );
  expect(listed.capabilities.map((c) => c.version)).toEqual([version]);
}

describe("20 racing pushes of different versions of one capability", () => {
  for (const round of [1, 2, 3]) {
    it(`stores every version, keeps the highest as latest, and answers identical re-pushes 200 (round ${round})`, async () => {
      const name = `race-${uid()}`;
      // Round 1 races the capability's creation too; later rounds start from a stored version.
      if (round > 1) expect((await push(bundle(name, "0.1.0"))).status).toBe(201);
      const versions = shuffledVersions();
      const pushed = await Promise.all(versions.map((v) => push(bundle(name, v))));
      expect(
        pushed.map((r) => r.status),
        JSON.stringify(pushed.filter((r) => r.status !== 201).map((r) => r.json)),
      ).toEqual(versions.map(() => 201));
      const count = 20 + (round > 1 ? 1 : 0);
      expect(
        await db().capabilityVersion.count({
          where: { capability: { orgId: owner.org.id, name } },
        }),
      ).toBe(count);
      await expectLatest(name, "1.19.0", count);

      // The same bundles again, racing: unchanged, 200, nothing stored twice.
      const again = await Promise.all(versions.map((v) => push(bundle(name, v))));
      expect(again.map((r) => r.status)).toEqual(versions.map(() => 200));
      for (const [i, r] of again.entries())
        expect(capabilityArtifactDetail.parse(r.json).version).toBe(versions[i]);
      expect(
        await db().capabilityVersion.count({
          where: { capability: { orgId: owner.org.id, name } },
        }),
      ).toBe(count);
    });
  }

  it("of one new version: one 201, identical ones 200, a different bundle 409, none a 5xx", async () => {
    const name = `race-${uid()}`;
    expect((await push(bundle(name, "1.0.0"))).status).toBe(201);
    const racers = [
      ...Array.from({ length: 8 }, () => bundle(name, "2.0.0")),
      bundle(name, "2.0.0", "# a different README\n"),
      ...Array.from({ length: 3 }, (_, i) => bundle(name, `1.${i + 1}.0`)),
    ];
    const results = await Promise.all(racers.map((b) => push(b)));
    const same = results.slice(0, 8).map((r) => r.status);
    const different = results[8]!;
    // Whichever of the two 2.0.0 bundles got there first is stored; the other kind is refused.
    if (different.status === 201) {
      expect(same).toEqual(same.map(() => 409));
    } else {
      expectError(different, 409, "already_exists_error");
      expect([...same].sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    }
    expect(results.slice(9).map((r) => r.status)).toEqual([201, 201, 201]);
    await expectLatest(name, "2.0.0", 5);
  });
});
