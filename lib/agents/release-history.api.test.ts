// The release history at size and repeated deploys, through the real route handlers: an agent with
// 1,000 releases pages newest first on both surfaces, and thirty deploys in a row each make the
// next version. Their speed (targets p95 ≤ 20 ms and ≤ 100 ms) is measured by
// `npm run bench -- --suite agents` (docs/benchmarks.md), not here: a timed test fails on a loaded
// machine and proves nothing on a quiet one.
import { beforeAll, describe, expect, it } from "vitest";
import { compatReleaseList } from "@/lib/agents/compat-schemas";
import { renameKeys, toSnake } from "@/lib/agents/config";
import { versionKey } from "@/lib/versions";
import {
  agent as agentSchema,
  draft as draftSchema,
  release as releaseSchema,
  releaseList,
} from "@/lib/agents/schemas";
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

describe("release history at size", () => {
  it("pages an agent's 1,000 releases newest first, on the canonical and the seeds/003 surface", async () => {
    const ws = { org: owner.org.slug, workspace: "main" };
    const agent = expectBody(
      await call(agentsRoute.POST, {
        method: "POST",
        params: ws,
        token,
        body: { name: `busy-${uid()}` },
      }),
      201,
      agentSchema,
    );
    const workspaceId = (await db().agent.findUniqueOrThrow({ where: { id: agent.id } }))
      .workspaceId;
    const {
      agentUuid: _a,
      options: _o,
      description: _d,
      ...config
    } = seedBody(agent.id, capability);
    const start = Date.now() - 1000 * 60_000;
    const rows = Array.from({ length: 1000 }, (_, i) => {
      const version = `1.${Math.floor(i / 100)}.${i % 100}`;
      return {
        agentId: agent.id,
        workspaceId,
        status: i === 999 ? "deployed" : "archived",
        version,
        versionKey: versionKey(version),
        userId: owner.user.id,
        ...config,
        mcpClients: [],
        createdAt: new Date(start + i * 60_000),
        deployedAt: new Date(start + i * 60_000),
      };
    });
    await db().release.createMany({ data: rows });
    const last = await db().release.findFirstOrThrow({
      where: { agentId: agent.id, version: "1.9.99" },
    });
    await db().agent.update({ where: { id: agent.id }, data: { deployedReleaseId: last.id } });

    const params = { ...ws, agent_id: agent.id };
    const page = expectBody(await call(releasesRoute.GET, { params, token }), 200, releaseList);
    expect(page.total).toBe(1000);
    expect(page.releases.map((r) => r.version).slice(0, 3)).toEqual(["1.9.99", "1.9.98", "1.9.97"]);
    const compat = expectBody(
      await call(compatListRoute.GET, {
        path: `/x?agentUuid=${agent.id}&limit=20&offset=500`,
        token,
      }),
      200,
      compatReleaseList,
    );
    expect(compat.releases[0]!.version).toBe("1.4.99");
    expect(compat.releases.map((r) => r.version).at(-1)).toBe("1.4.80");
  });

  it("deploys thirty changed drafts in a row, each as the next patch version", async () => {
    const ws = { org: owner.org.slug, workspace: "main" };
    const agent = expectBody(
      await call(agentsRoute.POST, {
        method: "POST",
        params: ws,
        token,
        body: { name: `fast-${uid()}` },
      }),
      201,
      agentSchema,
    );
    const params = { ...ws, agent_id: agent.id };
    const versions: string[] = [];
    for (let i = 0; i < 30; i++) {
      const d = expectBody(await call(draftRoute.GET, { params, token }), 200, draftSchema);
      const {
        agentUuid: _a,
        options: _o,
        description: _d,
        ...config
      } = seedBody(agent.id, capability);
      expectBody(
        await call(draftRoute.PUT, {
          method: "PUT",
          params,
          token,
          body: {
            ...(renameKeys(config, toSnake) as object),
            system_prompt: `Prompt ${i}`,
            revision: d.revision,
          },
        }),
        200,
        draftSchema,
      );
      versions.push(
        expectBody(
          await call(deployRoute.POST, { method: "POST", params, token, body: {} }),
          201,
          releaseSchema,
        ).version ?? "(none)",
      );
    }
    expect(versions).toEqual(Array.from({ length: 30 }, (_, i) => `1.0.${i}`));
  });
});
