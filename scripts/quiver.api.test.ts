// The CLI against the test database: token create prints the token alone, and it works.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { call, newOwner } from "../lib/testing/api";
import * as workspaces from "../app/api/v1/org/[org]/workspaces/route";
import * as capabilities from "../app/api/v1/org/[org]/capabilities/route";
import { tokenFor, uid } from "../lib/testing/api";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
const cli = (...args: string[]) => cliWith({}, ...args);
const cliWith = (env: Record<string, string>, ...args: string[]) =>
  run(path.join(root, "node_modules/.bin/tsx"), ["scripts/quiver.ts", ...args], { cwd: root, env: { ...process.env, ...env } });

/** A local HTTP server in front of the real push route, for the CLI to talk to. */
async function pushServer(): Promise<{ url: string; close: () => void }> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const org = decodeURIComponent(req.url!.split("/")[4] ?? "");
    const headers = new Headers(Object.entries(req.headers).map(([k, v]): [string, string] => [k, String(v)]));
    const response = await capabilities.POST(
      new Request(`http://localhost${req.url}`, { method: req.method, headers, body: new Uint8Array(Buffer.concat(chunks)) }),
      { params: Promise.resolve({ org }) },
    );
    res.writeHead(response.status, { "content-type": "application/json" });
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

describe("quiver CLI", () => {
  it("token create prints only the token on stdout, and the token authenticates", async () => {
    const owner = await newOwner();
    const { stdout } = await cli("token", "create", "--email", owner.user.email, "--org", owner.org.slug, "--workspace", "main", "--scopes", "read", "--name", "from-cli");
    expect(stdout).toMatch(/^qvr_[A-Za-z0-9_-]{40}\n$/);
    const res = await call(workspaces.GET, { params: { org: owner.org.slug }, token: stdout.trim() });
    expect(res.status).toBe(200);
  }, 30_000);

  it("token create fails clearly for a non-member, with nothing on stdout", async () => {
    const owner = await newOwner();
    const other = await newOwner();
    const err = await cli("token", "create", "--email", other.user.email, "--org", owner.org.slug).then(
      () => null,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(err?.code).toBe(1);
    expect(err?.stdout).toBe("");
    expect(err?.stderr).toContain("is not a member");
  }, 30_000);

  it("refuses unknown scopes and commands with usage (exit 2)", async () => {
    const bad = await cli("token", "create", "--email", "x@y.z", "--org", "o", "--scopes", "root").catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 2 });
    const unknown = await cli("frobnicate").catch((e: { code: number; stderr: string }) => e);
    expect(unknown).toMatchObject({ code: 2 });
  }, 30_000);

  it("push packs a folder, pushes it, and says 'up to date' the second time", async () => {
    const owner = await newOwner();
    const token = (await tokenFor(owner, ["write"])).secret;
    const dir = mkdtempSync(path.join(tmpdir(), "quiver-push-"));
    const name = `pushed-${uid()}`;
    mkdirSync(path.join(dir, "agents"));
    writeFileSync(path.join(dir, "capability.yaml"), `schema: 1\nname: ${name}\nversion: 0.3.0\ndescription: Pushed by the CLI\n`);
    writeFileSync(path.join(dir, "agents/a.md"), "You help.\n");
    const server = await pushServer();
    try {
      const env = { QUIVER_URL: server.url, QUIVER_TOKEN: token };
      const first = await cliWith(env, "push", dir, "--org", owner.org.slug);
      expect(first.stdout).toMatch(new RegExp(`^${name} 0\\.3\\.0\\nruntime_digest [0-9a-f]{64}\\npushed\\n$`));
      const second = await cliWith(env, "push", dir, "--org", owner.org.slug);
      expect(second.stdout).toContain("up to date");
      expect(second.stdout.split("\n")[1]).toBe(first.stdout.split("\n")[1]);
      writeFileSync(path.join(dir, "agents/a.md"), "You help more.\n");
      const conflict = await cliWith(env, "push", dir, "--org", owner.org.slug).catch((e: { code: number; stderr: string }) => e);
      expect(conflict).toMatchObject({ code: 1 });
      expect((conflict as { stderr: string }).stderr).toMatch(/Push refused \(409\).*immutable/);
      symlinkSync("/etc/passwd", path.join(dir, "agents/link.md"));
      const link = await cliWith(env, "push", dir, "--org", owner.org.slug).catch((e: { code: number; stderr: string }) => e);
      expect((link as { stderr: string }).stderr).toContain("agents/link.md: symbolic links are not allowed");
    } finally {
      server.close();
    }
  }, 60_000);
});
