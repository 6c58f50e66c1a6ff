// Speed of the release history and of deploys, through the real route handlers: an agent with
// 1,000 releases lists a page from the (agentId, createdAt) index (target p95 ≤ 20 ms), and a
// deploy is one short transaction (target p95 ≤ 100 ms). The bounds asserted here are looser
// than the targets, so that a loaded test machine does not fail them; the measured p95 is logged.
import { beforeAll, describe, expect, it } from "vitest";
import { compatReleaseList } from "@/lib/agents/compat-schemas";
import { releaseVersionKey, renameKeys, toSnake } from "@/lib/agents/config";
import { agent as agentSchema, draft as draftSchema, release as releaseSchema, releaseList } from "@/lib/agents/schemas";
import { pushCapability, seedBody } from "@/lib/agents/testing";
import { db } from "@/lib/db/client";
import { call, expectBody, newOwner, tokenFor, uid, type TestMember } from "@/lib/testing/api";
import * as agentsRoute from "@/app/api/v1/org/[org]/ws/[workspace]/agents/route";
import * as draftRoute from "@/app/api/v1/org/[org]/ws/[workspace]/agents/[agent_id]/draft/route";
import * as deployRoute from "@/app/api/v1/org/[org]/ws/[workspace]/agents/[agent_id]/draft/deploy/route";
import * as releasesRoute from "@/app/api/v1/org/[org]/ws/[workspace]/agents/[agent_id]/releases/route";
import * as compatListRoute from "@/app/api/v1/ai/releases/list/route";

let owner: TestMember;
let token: string;
let capability: string;

beforeAll(async () => {
  owner = await newOwner();
  token = (await tokenFor(owner, ["write"], { workspace: "main" })).secret;
  capability = await pushCapability(owner);
});

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length * 0.95) - 1]!;
}

async function timed(n: number, f: () => Promise<unknown>): Promise<number> {
  await f(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    samples.push(performance.now() - t);
  }
  return p95(samples);
}

describe("speed", () => {
  it("lists a page of an agent's 1,000 releases quickly", async () => {
    const ws = { org: owner.org.slug, workspace: "main" };
    const agent = expectBody(await call(agentsRoute.POST, { method: "POST", params: ws, token, body: { name: `busy-${uid()}` } }), 201, agentSchema);
    const workspaceId = (await db().agent.findUniqueOrThrow({ where: { id: agent.id } })).workspaceId;
    const { agentUuid: _a, options: _o, description: _d, ...config } = seedBody(agent.id, capability);
    const start = Date.now() - 1000 * 60_000;
    const rows = Array.from({ length: 1000 }, (_, i) => {
      const version = `1.${Math.floor(i / 100)}.${i % 100}`;
      return {
        agentId: agent.id, workspaceId, status: i === 999 ? "deployed" : "archived", version, versionKey: releaseVersionKey(version), userId: owner.user.id,
        ...config, mcpClients: [], createdAt: new Date(start + i * 60_000), deployedAt: new Date(start + i * 60_000),
      };
    });
    await db().release.createMany({ data: rows });
    const last = await db().release.findFirstOrThrow({ where: { agentId: agent.id, version: "1.9.99" } });
    await db().agent.update({ where: { id: agent.id }, data: { deployedReleaseId: last.id } });

    const params = { ...ws, agent_id: agent.id };
    const page = expectBody(await call(releasesRoute.GET, { params, token }), 200, releaseList);
    expect(page.total).toBe(1000);
    expect(page.releases.map((r) => r.version).slice(0, 3)).toEqual(["1.9.99", "1.9.98", "1.9.97"]);
    const compat = expectBody(await call(compatListRoute.GET, { path: `/x?agentUuid=${agent.id}&limit=20&offset=500`, token }), 200, compatReleaseList);
    expect(compat.releases[0]!.version).toBe("1.4.99");

    const canonicalP95 = await timed(40, () => call(releasesRoute.GET, { params, token }));
    const compatP95 = await timed(40, () => call(compatListRoute.GET, { path: `/x?agentUuid=${agent.id}&limit=20&offset=500`, token }));
    console.info(`release list p95 (1,000 releases): canonical ${canonicalP95.toFixed(1)} ms, seeds/003 ${compatP95.toFixed(1)} ms`);
    expect(canonicalP95).toBeLessThan(150);
    expect(compatP95).toBeLessThan(150);
  });

  it("deploys quickly", async () => {
    const ws = { org: owner.org.slug, workspace: "main" };
    const agent = expectBody(await call(agentsRoute.POST, { method: "POST", params: ws, token, body: { name: `fast-${uid()}` } }), 201, agentSchema);
    const params = { ...ws, agent_id: agent.id };
    const samples: number[] = [];
    for (let i = 0; i < 30; i++) {
      const d = expectBody(await call(draftRoute.GET, { params, token }), 200, draftSchema);
      const { agentUuid: _a, options: _o, description: _d, ...config } = seedBody(agent.id, capability);
      expectBody(await call(draftRoute.PUT, { method: "PUT", params, token, body: { ...(renameKeys(config, toSnake) as object), system_prompt: `Prompt ${i}`, revision: d.revision } }), 200, draftSchema);
      const t = performance.now();
      expectBody(await call(deployRoute.POST, { method: "POST", params, token, body: {} }), 201, releaseSchema);
      samples.push(performance.now() - t);
    }
    console.info(`deploy p95: ${p95(samples.slice(3)).toFixed(1)} ms`);
    expect(p95(samples.slice(3))).toBeLessThan(400);
  });
});
