// The migrator and the first-start bootstrap, on a fresh database of the provider under test:
// concurrent starts apply each migration once and seed the demo data once.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { freshDatabases } from "@/lib/testing/fresh-db";
import { claimDemoSeed } from "@/prisma/seed/first-start";
import { createDb, type Db } from "./client";
import { loadMigrations, migrate, migrateSqlite } from "./migrate";
import { providerOf } from "./provider";
import { seedDemo } from "@/prisma/seed/demo";
import { verifyPassword } from "@/lib/auth/password";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const baseUrl = process.env.DATABASE_URL!;
const provider = providerOf(baseUrl);
const isSqlite = provider === "sqlite";
const freshUrl = freshDatabases();

async function appliedCount(client: Db): Promise<number> {
  const rows = await client.$queryRawUnsafe<{ n: number | bigint }[]>(
    `SELECT COUNT(*) AS n FROM "_quiver_migrations"`,
  );
  return Number(rows[0]?.n);
}

describe("migrate", () => {
  it("applies every migration once, and a second run applies nothing", async () => {
    const url = await freshUrl();
    const total = loadMigrations(provider).length;
    expect(await migrate(url)).toEqual({ applied: expect.any(Array), total });
    expect((await migrate(url)).applied).toEqual([]);
    const client = createDb(url);
    expect(await appliedCount(client)).toBe(total);
    expect(await client.user.count()).toBe(0);
    await client.$disconnect();
  });

  it("lets two processes migrate one empty database at once (the CLI, as two instances would)", async () => {
    const url = await freshUrl();
    const cli = () =>
      run(path.join(root, "node_modules/.bin/tsx"), ["scripts/quiver.ts", "db", "migrate"], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: url },
      });
    const outs = await Promise.all([cli(), cli()]);
    const messages = outs.map((o) => o.stderr).join("\n");
    expect(messages).toMatch(/Applied \d+ of \d+ migrations/);
    expect(messages).toMatch(/Up to date/);
    const client = createDb(url);
    expect(await appliedCount(client)).toBe(loadMigrations(provider).length);
    await client.$disconnect();
  }, 60_000);

  it.runIf(isSqlite)(
    "keeps the rows that refer to a table a later migration redefines (no cascade from its DROP)",
    async () => {
      const url = await freshUrl();
      const all = loadMigrations("sqlite");
      // Up to the migration before `teams`, which makes User.passwordHash optional (SQLite redefines User).
      const cut = all.findIndex((m) => m.id.endsWith("_teams"));
      expect(cut).toBeGreaterThan(0);
      const before = all.slice(0, cut);
      migrateSqlite(url, before);
      const raw = (await import("better-sqlite3")).default;
      const file = (await import("./migrate")).sqlitePath(url);
      const conn = new raw(file);
      conn.exec(
        `INSERT INTO "User" ("id","email","name","passwordHash","updatedAt") VALUES ('u1','a@example.com','A','x',CURRENT_TIMESTAMP)`,
      );
      conn.exec(
        `INSERT INTO "Organization" ("id","slug","name","updatedAt") VALUES ('o1','acme','Acme',CURRENT_TIMESTAMP)`,
      );
      conn.exec(
        `INSERT INTO "Membership" ("id","userId","orgId","role") VALUES ('m1','u1','o1','owner')`,
      );
      conn.close();
      migrateSqlite(url, all);
      const client = createDb(url);
      expect(await client.membership.count()).toBe(1);
      expect(await client.user.count()).toBe(1);
      await client.$disconnect();
    },
  );

  it.runIf(isSqlite)("refuses a migration that changed after it was applied", async () => {
    const url = await freshUrl();
    const migrations = loadMigrations("sqlite");
    migrateSqlite(url, migrations);
    const changed = migrations.map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
    expect(() => migrateSqlite(url, changed)).toThrow(/was changed after it was applied/);
  });
});

describe("first start", () => {
  it("lets exactly one of two instances claim the demo seed, and seeding is idempotent", async () => {
    const url = await freshUrl();
    await migrate(url);
    const a = createDb(url);
    const b = createDb(url);
    const claims = await Promise.all([claimDemoSeed(a), claimDemoSeed(b)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect((await seedDemo(a)).created).toBe(true);
    expect((await seedDemo(b)).created).toBe(false);
    const demo = await a.user.findUniqueOrThrow({
      where: { email: "demo@quiver.dev" },
      include: { memberships: { include: { org: true } } },
    });
    expect(demo.memberships.map((m) => [m.org.slug, m.role]).sort()).toEqual([
      ["acme", "owner"],
      ["globex", "member"],
    ]);
    const acme = await a.organization.findUniqueOrThrow({
      where: { slug: "acme" },
      include: { workspaces: true },
    });
    expect(acme.name).toBe("Acme AI");
    expect(acme.workspaces.map((w) => w.slug)).toEqual(["main"]);
    // Acme has a teammate per role and one pending invitation, once (the seed ran twice above).
    const members = await a.membership.findMany({
      where: { orgId: acme.id },
      include: { user: true },
    });
    expect(members.map((m) => [m.user.email, m.role]).sort()).toEqual([
      ["demo@quiver.dev", "owner"],
      ["lee@example.com", "viewer"],
      ["priya@example.com", "admin"],
      ["sam@example.com", "member"],
    ]);
    const invitations = await a.invitation.findMany({ where: { orgId: acme.id } });
    expect(invitations).toMatchObject([
      { email: "jordan@example.com", role: "member", acceptedAt: null, revokedAt: null },
    ]);
    expect(invitations[0]!.expiresAt.getTime()).toBeGreaterThan(Date.now());
    const { tokenHash } = await a.invitation.findUniqueOrThrow({
      where: { id: invitations[0]!.id },
      select: { tokenHash: true },
    });
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const priya = await a.user.findUniqueOrThrow({
      where: { email: "priya@example.com" },
      omit: { passwordHash: false },
    });
    expect(await verifyPassword("quiver-demo", priya.passwordHash!)).toBe(true);
    expect(await claimDemoSeed(a)).toBe(false); // users exist now
    await a.$disconnect();
    await b.$disconnect();
  }, 90_000); // two seeds of the whole demo data: slow on a loaded machine
});
