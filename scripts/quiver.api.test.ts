// The CLI against the test database: token create prints the token alone, and it works; member
// add and member list manage an org's members with audit events; db gc removes an old
// unreferenced blob (a dry run only counts it) and keeps a referenced one.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { packTarGz } from "@/lib/catalog/ingest/pack";
import { db } from "@/lib/db/client";
import { call, newMember, newOwner, tokenFor, uid } from "@/lib/testing/api";
import * as workspaces from "@/app/api/v1/org/[org]/workspaces/route";
import * as capabilities from "@/app/api/v1/org/[org]/capabilities/route";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
const cli = (...args: string[]) => cliWith({}, ...args);
const cliWith = (env: Record<string, string>, ...args: string[]) =>
  run(path.join(root, "node_modules/.bin/tsx"), ["scripts/quiver.ts", ...args], {
    cwd: root,
    env: { ...process.env, ...env },
  });

/** A local HTTP server in front of the real push route, for the CLI to talk to. */
async function pushServer(): Promise<{ url: string; close: () => void }> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const org = decodeURIComponent(req.url!.split("/")[4] ?? "");
    const headers = new Headers(
      Object.entries(req.headers).map(([k, v]): [string, string] => [k, String(v)]),
    );
    const response = await capabilities.POST(
      new Request(`http://localhost${req.url}`, {
        method: req.method,
        headers,
        body: new Uint8Array(Buffer.concat(chunks)),
      }),
      { params: Promise.resolve({ org }) },
    );
    res.writeHead(response.status, { "content-type": "application/json" });
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => server.close(),
  };
}

describe("quiver CLI", () => {
  it("token create prints only the token on stdout, and the token authenticates", async () => {
    const owner = await newOwner();
    const { stdout } = await cli(
      "token",
      "create",
      "--email",
      owner.user.email,
      "--org",
      owner.org.slug,
      "--workspace",
      "main",
      "--scopes",
      "read",
      "--name",
      "from-cli",
    );
    expect(stdout).toMatch(/^qvr_[A-Za-z0-9_-]{40}\n$/);
    const res = await call(workspaces.GET, {
      params: { org: owner.org.slug },
      token: stdout.trim(),
    });
    expect(res.status).toBe(200);
  }, 30_000);

  it("token create fails clearly for a non-member, with nothing on stdout", async () => {
    const owner = await newOwner();
    const other = await newOwner();
    const err = await cli(
      "token",
      "create",
      "--email",
      other.user.email,
      "--org",
      owner.org.slug,
    ).then(
      () => null,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(err?.code).toBe(1);
    expect(err?.stdout).toBe("");
    expect(err?.stderr).toContain("is not a member");
  }, 30_000);

  it("refuses unknown scopes and commands with usage (exit 2)", async () => {
    const bad = await cli(
      "token",
      "create",
      "--email",
      "x@y.z",
      "--org",
      "o",
      "--scopes",
      "root",
    ).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 2 });
    const unknown = await cli("frobnicate").catch((e: { code: number; stderr: string }) => e);
    expect(unknown).toMatchObject({ code: 2 });
  }, 30_000);

  it("member add adds an existing user, changes the role of a member, and writes audit events", async () => {
    const owner = await newOwner();
    const user = await newOwner();
    const added = await cli(
      "member",
      "add",
      "--org",
      owner.org.slug,
      "--email",
      user.user.email.toUpperCase(),
      "--role",
      "admin",
    );
    expect(added.stdout).toBe(`${user.user.id}\n`);
    expect(added.stderr).toContain(`Added ${user.user.email} to '${owner.org.slug}' as admin`);
    const membership = () =>
      db().membership.findUnique({
        where: { userId_orgId: { userId: user.user.id, orgId: owner.org.id } },
      });
    expect((await membership())?.role).toBe("admin");

    const changed = await cli(
      "member",
      "add",
      "--org",
      owner.org.slug,
      "--email",
      user.user.email,
      "--role",
      "viewer",
    );
    expect(changed.stderr).toContain("from admin to viewer");
    expect((await membership())?.role).toBe("viewer");
    const again = await cli(
      "member",
      "add",
      "--org",
      owner.org.slug,
      "--email",
      user.user.email,
      "--role",
      "viewer",
    );
    expect(again.stderr).toContain("is already a viewer");

    const events = await db().auditEvent.findMany({
      where: { orgId: owner.org.id, action: { startsWith: "member." } },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => [e.action, e.targetId, e.actorType])).toEqual([
      ["member.add", user.user.id, "system"],
      ["member.role_change", user.user.id, "system"],
    ]);
  }, 60_000);

  it("member add fails clearly for an unknown email, org or role, and for demoting the last owner", async () => {
    const owner = await newOwner();
    const fails = (...args: string[]) =>
      cli("member", "add", ...args).then(
        () => null,
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    const unknown = await fails(
      "--org",
      owner.org.slug,
      "--email",
      "nobody-here@test.quiver",
      "--role",
      "member",
    );
    expect(unknown).toMatchObject({ code: 1, stdout: "" });
    expect(unknown?.stderr).toContain("No user with email nobody-here@test.quiver");
    expect(unknown?.stderr).toContain("user create --email nobody-here@test.quiver");
    const noOrg = await fails(
      "--org",
      "no-such-org-here",
      "--email",
      owner.user.email,
      "--role",
      "member",
    );
    expect(noOrg?.stderr).toContain("No organization 'no-such-org-here'");
    const badRole = await fails(
      "--org",
      owner.org.slug,
      "--email",
      owner.user.email,
      "--role",
      "king",
    );
    expect(badRole).toMatchObject({ code: 2 });
    expect(badRole?.stderr).toContain("Unknown role 'king'");
    const last = await fails(
      "--org",
      owner.org.slug,
      "--email",
      owner.user.email,
      "--role",
      "admin",
    );
    expect(last).toMatchObject({ code: 1 });
    expect(last?.stderr).toContain("last owner");
    expect(
      (
        await db().membership.findUnique({
          where: { userId_orgId: { userId: owner.user.id, orgId: owner.org.id } },
        })
      )?.role,
    ).toBe("owner");
  }, 60_000);

  it("member list prints a table, or the API's member objects with --json", async () => {
    const owner = await newOwner();
    const viewer = await newMember(owner.org, "viewer");
    const table = await cli("member", "list", "--org", owner.org.slug);
    const lines = table.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^EMAIL\s+NAME\s+ROLE\s+JOINED\s+LAST ACTIVE$/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(
      new RegExp(
        `^${owner.user.email}\\s+${owner.user.name}\\s+owner\\s+\\d{4}-\\d{2}-\\d{2}\\s+never$`,
      ),
    );
    expect(lines[2]).toContain(viewer.user.email);
    const json = JSON.parse(
      (await cli("member", "list", "--org", owner.org.slug, "--json")).stdout,
    ) as { email: string; role: string; user_id: string }[];
    expect(json.map((m) => [m.email, m.role, m.user_id])).toEqual([
      [owner.user.email, "owner", owner.user.id],
      [viewer.user.email, "viewer", viewer.user.id],
    ]);
  }, 60_000);

  it("push packs a folder, pushes it, and says 'up to date' the second time", async () => {
    const owner = await newOwner();
    const token = (await tokenFor(owner, ["write"])).secret;
    const dir = mkdtempSync(path.join(tmpdir(), "quiver-push-"));
    const name = `pushed-${uid()}`;
    mkdirSync(path.join(dir, "agents"));
    writeFileSync(
      path.join(dir, "capability.yaml"),
      `schema: 1\nname: ${name}\nversion: 0.3.0\ndescription: Pushed by the CLI\n`,
    );
    writeFileSync(path.join(dir, "agents/a.md"), "You help.\n");
    const server = await pushServer();
    try {
      const env = { QUIVER_URL: server.url, QUIVER_TOKEN: token };
      const first = await cliWith(env, "push", dir, "--org", owner.org.slug);
      expect(first.stdout).toMatch(
        new RegExp(`^${name} 0\\.3\\.0\\nruntime_digest [0-9a-f]{64}\\npushed\\n$`),
      );
      const second = await cliWith(env, "push", dir, "--org", owner.org.slug);
      expect(second.stdout).toContain("up to date");
      expect(second.stdout.split("\n")[1]).toBe(first.stdout.split("\n")[1]);
      writeFileSync(path.join(dir, "agents/a.md"), "You help more.\n");
      const conflict = await cliWith(env, "push", dir, "--org", owner.org.slug).catch(
        (e: { code: number; stderr: string }) => e,
      );
      expect(conflict).toMatchObject({ code: 1 });
      expect((conflict as { stderr: string }).stderr).toMatch(/Push refused \(409\).*immutable/);
      symlinkSync("/etc/passwd", path.join(dir, "agents/link.md"));
      const link = await cliWith(env, "push", dir, "--org", owner.org.slug).catch(
        (e: { code: number; stderr: string }) => e,
      );
      expect((link as { stderr: string }).stderr).toContain(
        "agents/link.md: symbolic links are not allowed",
      );
    } finally {
      server.close();
    }
  }, 60_000);

  it("db gc: a dry run counts an old unreferenced blob; the run removes it and keeps referenced ones", async () => {
    const hoursAgo = new Date(Date.now() - 3 * 3600_000);
    const orphan = `orphan-${uid()}`;
    await db().blob.create({
      data: { sha256: orphan, size: 3, data: Buffer.from("abc"), createdAt: hoursAgo },
    });
    // A referenced blob, made as old: the file of a version pushed here.
    const owner = await newOwner();
    const name = `gc-kept-${uid()}`;
    const content = `You help. ${uid()}\n`;
    const pushed = await call(capabilities.POST, {
      method: "POST",
      params: { org: owner.org.slug },
      token: (await tokenFor(owner, ["write"])).secret,
      bytes: packTarGz([
        {
          path: "capability.yaml",
          data: `schema: 1\nname: ${name}\nversion: 1.0.0\ndescription: Kept by gc\n`,
        },
        { path: "agents/a.md", data: content },
      ]),
      headers: { "content-type": "application/gzip" },
    });
    expect(pushed.status, JSON.stringify(pushed.json)).toBe(201);
    const referenced = await db().capabilityFile.findFirstOrThrow({
      where: { path: "agents/a.md", version: { capability: { name } } },
      select: { sha256: true },
    });
    await db().blob.update({ where: { sha256: referenced.sha256 }, data: { createdAt: hoursAgo } });
    const stored = async (sha256: string) => (await db().blob.count({ where: { sha256 } })) === 1;

    const dry = await cli("db", "gc", "--dry-run");
    const counted = /^would remove (\d+) blobs, (\d+) bytes \(dry run\)\n$/.exec(dry.stdout);
    expect(counted).not.toBeNull();
    expect(Number(counted![1])).toBeGreaterThanOrEqual(1);
    expect(await stored(orphan)).toBe(true);

    const real = await cli("db", "gc");
    const removed = /^removed (\d+) blobs, (\d+) bytes\n$/.exec(real.stdout);
    expect(Number(removed![1])).toBeGreaterThanOrEqual(1);
    expect(Number(removed![2])).toBeGreaterThanOrEqual(3);
    expect(await stored(orphan)).toBe(false);
    expect(await stored(referenced.sha256)).toBe(true);
  }, 60_000);
});
