// The CLI against the test database: token create prints the token alone, and it works.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { call, newOwner } from "../lib/testing/api";
import * as workspaces from "../app/api/v1/org/[org]/workspaces/route";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
const cli = (...args: string[]) => run(path.join(root, "node_modules/.bin/tsx"), ["scripts/quiver.ts", ...args], { cwd: root, env: process.env });

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
});
