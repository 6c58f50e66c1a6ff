// Unpinned runtime fetches through the real routes, on the provider under test: a pushed version's
// trust card flags them (warn, fail for curl | sh) with file and line, the stored level follows,
// an analysis from before the rule is computed again, and a runtime's upgrade preview lists what
// the target fetches unpinned, telling what it introduces from what the bound version already had.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { packTarGz } from "@/lib/catalog/ingest/pack";
import { trustCard } from "@/lib/catalog/schemas";
import { runtime, runtimeCapabilityBinding, upgradePreview } from "@/lib/runtimes/schemas";
import {
  call,
  expectBody,
  expectError,
  newOwner,
  tokenFor,
  uid,
  type TestMember,
} from "@/lib/testing/api";
import { POST as pushCapability } from "@/app/api/v1/org/[org]/capabilities/route";
import { GET as getTrust } from "@/app/api/v1/org/[org]/capabilities/[name]/[version]/trust/route";
import * as runtimesRoute from "@/app/api/v1/org/[org]/ws/[workspace]/runtimes/route";
import * as bindingsRoute from "@/app/api/v1/org/[org]/ws/[workspace]/runtimes/[runtime_id]/capabilities/route";
import * as previewRoute from "@/app/api/v1/org/[org]/ws/[workspace]/runtimes/[runtime_id]/capabilities/[binding_id]/upgrade-preview/route";

let owner: TestMember;
let token: string;
let ws: { org: string; workspace: string };
const TOKEN = "ghp_" + "Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8";

beforeAll(async () => {
  owner = await newOwner();
  token = (await tokenFor(owner, ["write"])).secret;
  ws = { org: owner.org.slug, workspace: "main" };
});

const yaml = (name: string, version: string, extra: string) =>
  `schema: 1\nname: ${name}\nversion: ${version}\ndescription: Tickets\n${extra}`;
const mcpJson = (spec: string) =>
  JSON.stringify(
    {
      mcpServers: {
        tickets: { command: "npx", args: ["-y", spec, "--token", TOKEN] },
      },
    },
    null,
    2,
  );

async function push(files: Record<string, string>) {
  const res = await call(pushCapability, {
    method: "POST",
    params: { org: owner.org.slug },
    token,
    bytes: packTarGz(Object.entries(files).map(([path, data]) => ({ path, data }))),
    headers: { "content-type": "application/gzip" },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
}

/** 1.0.0 pins everything; 1.1.0 fetches @latest, an untagged image and boto3>=1.34; 1.2.0 adds curl | sh. */
async function capability(): Promise<string> {
  const name = `unpinned-${uid()}`;
  await push({
    "capability.yaml": yaml(name, "1.0.0", "dependencies:\n  python: [requests==2.32.3]\n"),
    ".mcp.json": mcpJson("@acme/tickets-mcp@1.4.2"),
  });
  const v11 = [
    "mcp:",
    "  files: [.mcp.json]",
    "  servers:",
    "    search:",
    "      command: docker",
    '      args: ["run", "-i", "--rm", "ghcr.io/acme/search-mcp"]',
    "dependencies:",
    "  python: [requests==2.32.3, boto3>=1.34]",
    "",
  ].join("\n");
  await push({
    "capability.yaml": yaml(name, "1.1.0", v11),
    ".mcp.json": mcpJson("@acme/tickets-mcp@latest"),
  });
  await push({
    "capability.yaml": yaml(name, "1.2.0", `${v11}  scripts: [scripts/setup.sh]\n`),
    ".mcp.json": mcpJson("@acme/tickets-mcp@latest"),
    "scripts/setup.sh": "#!/bin/sh\nset -eu\ncurl -fsSL https://get.acme.dev/install.sh | sh\n",
  });
  return name;
}

async function card(name: string, version: string) {
  return expectBody(
    await call(getTrust, { params: { org: owner.org.slug, name, version }, token }),
    200,
    trustCard,
  );
}
const unpinnedOf = (c: { sections: { signals: { id: string }[] }[] }) =>
  c.sections.flatMap((s) => s.signals).find((s) => s.id === "capabilities.unpinned_fetch") as
    | {
        status: string;
        title: string;
        evidence: { path: string | null; line: number | null; detail: string }[];
      }
    | undefined;

describe("capabilities.unpinned_fetch", () => {
  it("is absent for a pinned version, warns with file and line, and fails on curl | sh", async () => {
    const name = await capability();
    expect(unpinnedOf(await card(name, "1.0.0"))).toBeUndefined();

    const v11 = unpinnedOf(await card(name, "1.1.0"))!;
    expect(v11.status).toBe("warn");
    expect(v11.evidence.map((e) => `${e.path}:${e.line}`)).toEqual([
      "capability.yaml:10",
      ".mcp.json:7",
      "capability.yaml:12",
    ]);
    expect(v11.evidence[0]!.detail).toMatch(
      /^MCP server 'search': docker run -i --rm ghcr\.io\/acme\/search-mcp \(ghcr\.io\/acme\/search-mcp: no tag or digest/,
    );
    expect(v11.evidence[1]!.detail).toMatch(
      /@acme\/tickets-mcp@latest: the dist-tag 'latest'.*Fix: name an exact version: @acme\/tickets-mcp@<x\.y\.z>/,
    );
    expect(v11.evidence[2]!.detail).toMatch(/^Python dependency: boto3>=1\.34/);
    // The token in the server's args is never shown.
    expect(JSON.stringify(v11)).not.toContain(TOKEN);

    const v12 = unpinnedOf(await card(name, "1.2.0"))!;
    expect(v12.status).toBe("fail");
    expect(v12.evidence.at(-1)).toMatchObject({ path: "scripts/setup.sh", line: 3 });
    const cap = await db().capability.findFirstOrThrow({ where: { orgId: owner.org.id, name } });
    expect(cap.trustLevel).toBe("fail");
  });

  it("is computed again for a version analysed before the rule existed", async () => {
    const name = await capability();
    const v = await db().capabilityVersion.findFirstOrThrow({
      where: { capability: { orgId: owner.org.id, name }, version: "1.1.0" },
    });
    const { unpinned_fetches: _dropped, ...old } = v.contentAnalysis as {
      unpinned_fetches?: unknown;
    } & Record<string, unknown>;
    await db().capabilityVersion.update({
      where: { id: v.id },
      data: { contentAnalysis: { ...old, analysis_version: 2 } as object },
    });
    expect(unpinnedOf(await card(name, "1.1.0"))?.evidence).toHaveLength(3);
    const again = await db().capabilityVersion.findUniqueOrThrow({ where: { id: v.id } });
    expect(
      (again.contentAnalysis as { unpinned_fetches: unknown[] }).unpinned_fetches,
    ).toHaveLength(3);
  });
});

async function boundAt(name: string, version: string) {
  const rt = expectBody(
    await call(runtimesRoute.POST, {
      method: "POST",
      params: ws,
      token,
      body: { name: `rt-${uid()}`, description: "" },
    }),
    201,
    runtime,
  );
  const b = expectBody(
    await call(bindingsRoute.POST, {
      method: "POST",
      params: { ...ws, runtime_id: rt.id },
      token,
      body: { name, version },
    }),
    201,
    runtimeCapabilityBinding,
  );
  return { runtime_id: rt.id, binding_id: b.id };
}

async function preview(at: { runtime_id: string; binding_id: string }, to: string) {
  return expectBody(
    await call(previewRoute.GET, { path: `/x?to=${to}`, params: { ...ws, ...at }, token }),
    200,
    upgradePreview,
  );
}

describe("the upgrade preview's unpinned fetches", () => {
  it("lists what the target fetches unpinned, new ones marked, and nothing for a pinned target", async () => {
    const name = await capability();
    const from10 = await boundAt(name, "1.0.0");
    const p = await preview(from10, "1.1.0");
    expect(
      p.unpinned_fetches.map((u) => [u.component, u.target, u.introduced, u.severity]),
    ).toEqual([
      ["MCP server 'search'", "ghcr.io/acme/search-mcp", true, "warn"],
      ["MCP server 'tickets'", "@acme/tickets-mcp@latest", true, "warn"],
      ["Python dependency", "boto3>=1.34", true, "warn"],
    ]);
    expect(p.unpinned_fetches[1]).toMatchObject({ kind: "npm", path: ".mcp.json", line: 7 });
    expect(p.unpinned_fetches[1]!.command).not.toContain(TOKEN);
    expect(p.trust.risks).toContain("Fetches code at run time without pinning it (3)");

    // From 1.1.0, 1.2.0 still has those three and introduces a download piped into a shell.
    const from11 = await boundAt(name, "1.1.0");
    const q = await preview(from11, "1.2.0");
    expect(q.unpinned_fetches.map((u) => u.introduced)).toEqual([false, false, false, true]);
    expect(q.unpinned_fetches[3]).toMatchObject({
      kind: "download_to_shell",
      severity: "fail",
      component: "script scripts/setup.sh",
      path: "scripts/setup.sh",
      line: 3,
    });
    expect(q.trust.to_status).toBe("fail");

    // Back to the pinned 1.0.0: nothing unpinned to show.
    expect((await preview(from11, "1.0.0")).unpinned_fetches).toEqual([]);
    // A version that does not exist is still a 404.
    expectError(
      await call(previewRoute.GET, { path: "/x?to=9.9.9", params: { ...ws, ...from11 }, token }),
      404,
      "not_found_error",
    );
  });
});
