// Blob garbage collection on the provider under test, on a database of its own (a collection with
// no grace period would race the other test files' pushes): it removes the blobs a deleted
// version and a push that lost a race leave, keeps every referenced one, a dry run removes
// nothing, a store whose blobs were collected before its transaction writes them again, and under
// pushes sharing files while collections run in a loop every stored version reads every file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgCtx } from "@/lib/api/context";
import { packTarGz } from "@/lib/catalog/ingest/pack";
import { ingestFiles } from "@/lib/catalog/ingest";
import { ingestLimits, pushBundle } from "@/lib/catalog/push";
import { deleteVersion } from "@/lib/catalog/service";
import { prepareVersion, storeVersion, versionTransaction } from "@/lib/catalog/store-version";
import { uid } from "@/lib/testing/api";
import { freshDatabases } from "@/lib/testing/fresh-db";
import { createUser } from "@/lib/users/service";
import { collectBlobs } from "./blob-gc";
import { claimBlobs } from "./blobs";
import { createDb, type Db } from "./client";
import { migrate } from "./migrate";
import { sha256 } from "@/lib/catalog/ingest/digest";

const freshUrl = freshDatabases();
let db: Db;
let ctx: OrgCtx;

beforeAll(async () => {
  const url = await freshUrl();
  await migrate(url);
  db = createDb(url);
  const { user, org } = await createUser(db, {
    email: `gc-${uid()}@test.quiver`,
    password: "password-123",
    name: "GC",
  });
  ctx = {
    db,
    requestId: "test",
    actor: {
      type: "user",
      userId: user.id,
      email: user.email,
      name: user.name,
      scopes: ["read", "write", "admin"],
    },
    org: { id: org.id, slug: org.slug, name: org.name },
    role: "owner",
  };
});

afterAll(async () => {
  await db.blobs.close();
  await db.$disconnect();
});

type Files = Record<string, string>;

/** A capability's files: its manifest, one skill (a capability exports a component), and `files`. */
const entries = (name: string, version: string, files: Files) => [
  {
    path: "capability.yaml",
    data: Buffer.from(`schema: 1\nname: ${name}\nversion: ${version}\ndescription: GC test\n`),
  },
  {
    path: "skills/gc/SKILL.md",
    data: Buffer.from("---\nname: gc\ndescription: Collects garbage\n---\nCollect it.\n"),
  },
  ...Object.entries(files).map(([path, data]) => ({ path, data: Buffer.from(data) })),
];

const bundle = (name: string, version: string, files: Files) =>
  packTarGz(entries(name, version, files));

const push = (name: string, version: string, files: Files) =>
  pushBundle(ctx, bundle(name, version, files), "api");

const hash = (text: string) => sha256(Buffer.from(text, "utf8"));

async function stored(shas: string[]): Promise<Set<string>> {
  const rows = await db.blob.findMany({
    where: { sha256: { in: shas } },
    select: { sha256: true },
  });
  return new Set(rows.map((r) => r.sha256));
}

/** Every file and the bundle of every stored version, as blobs. */
async function everyReference(): Promise<string[]> {
  const [files, versions] = await Promise.all([
    db.capabilityFile.findMany({ select: { sha256: true } }),
    db.capabilityVersion.findMany({ select: { artifactSha256: true } }),
  ]);
  return [...new Set([...files.map((f) => f.sha256), ...versions.map((v) => v.artifactSha256)])];
}

async function expectEveryReferenceStored() {
  const refs = await everyReference();
  const there = await stored(refs);
  expect(refs.filter((r) => !there.has(r))).toEqual([]);
}

describe("blob garbage collection", () => {
  it("removes the blobs of a deleted version, keeps the shared and referenced ones; a dry run removes nothing", async () => {
    const name = `gc-del-${uid()}`;
    const shared = `shared ${uid()}`;
    const gone = `only in 1.0.0 ${uid()}`;
    const v1 = await push(name, "1.0.0", { "README.md": shared, "notes.md": gone });
    await push(name, "1.0.1", { "README.md": shared });
    await collectBlobs(db, { graceSeconds: 0 });
    await deleteVersion(ctx, name, "1.0.0");
    // capability.yaml of 1.0.0 names its version: only 1.0.0 had it.
    const manifest = v1.version.files.find((f) => f.path === "capability.yaml")!.sha256;
    const orphans = [hash(gone), v1.version.artifactSha256, manifest];

    const dry = await collectBlobs(db, { graceSeconds: 0, dryRun: true });
    expect(dry).toMatchObject({ blobs: 3, dryRun: true });
    expect((await stored(orphans)).size).toBe(3);

    // Inside the grace period, nothing goes.
    expect(await collectBlobs(db, { graceSeconds: 3600 })).toEqual({
      blobs: 0,
      bytes: 0,
      dryRun: false,
    });
    const sizes = await db.blob.findMany({ where: { sha256: { in: orphans } } });
    const r = await collectBlobs(db, { graceSeconds: 0 });
    expect(r).toEqual({
      blobs: 3,
      bytes: sizes.reduce((n, b) => n + b.size, 0),
      dryRun: false,
    });
    expect(dry.bytes).toBe(r.bytes);
    expect((await stored(orphans)).size).toBe(0);
    expect((await stored([hash(shared)])).size).toBe(1);
    await expectEveryReferenceStored();
    expect(await collectBlobs(db, { graceSeconds: 0 })).toMatchObject({ blobs: 0 });
  });

  it("removes the blobs a push that lost a race left behind", async () => {
    const name = `gc-race-${uid()}`;
    const a = `content A ${uid()}`;
    const b = `content B ${uid()}`;
    // Both pushes wrote their blobs before either stored its version; the second to store loses.
    const [first, second] = await Promise.all(
      [a, b].map(async (text) => {
        const files = entries(name, "1.0.0", { "a.md": text });
        return prepareVersion(db, await ingestFiles(files, ingestLimits()), {
          data: packTarGz(files),
          kind: "tar.gz",
        });
      }),
    );
    const store = (p: typeof first) =>
      versionTransaction(ctx, { name, version: "1.0.0" }, (tx) =>
        storeVersion(tx, ctx, p!, { via: "api", origin: { type: "push" } }),
      );
    expect((await store(first)).created).toBe(true);
    await expect(store(second)).rejects.toMatchObject({ kind: "already_exists" });
    const lost = [hash(b), second!.artifact.sha256];
    expect((await stored(lost)).size).toBe(2);
    const r = await collectBlobs(db, { graceSeconds: 0 });
    // The loser's own file and its bundle (its manifest and skill are the winner's too).
    expect(r.blobs).toBe(2);
    expect((await stored(lost)).size).toBe(0);
    expect((await stored([hash(a), first!.artifact.sha256])).size).toBe(2);
    await expectEveryReferenceStored();
  });

  it("a store whose blobs were collected after they were written writes them again", async () => {
    const name = `gc-rewrite-${uid()}`;
    const text = `rewritten ${uid()}`;
    const files = entries(name, "1.0.0", { "a.md": text });
    const prepared = await prepareVersion(db, await ingestFiles(files, ingestLimits()), {
      data: packTarGz(files),
      kind: "tar.gz",
    });
    // Collected between the write and the store (the window a push dedups against an orphan in).
    expect((await collectBlobs(db, { graceSeconds: 0 })).blobs).toBeGreaterThanOrEqual(3);
    expect((await stored([hash(text)])).size).toBe(0);
    const origin = { type: "push" };
    const r = await versionTransaction(ctx, { name, version: "1.0.0" }, (tx) =>
      storeVersion(tx, ctx, prepared, { via: "api", origin }),
    );
    expect(r.created).toBe(true);
    expect((await stored([hash(text), prepared.artifact.sha256])).size).toBe(2);
    await expectEveryReferenceStored();
  });

  it.runIf(process.env.DATABASE_URL!.startsWith("postgres"))(
    "skips a blob a store in flight has claimed (PostgreSQL)",
    async () => {
      const text = `claimed ${uid()}`;
      const sha = hash(text);
      await db.blobs.write([{ sha256: sha, data: Buffer.from(text) }]);
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let claimed!: () => void;
      const isClaimed = new Promise<void>((r) => (claimed = r));
      const store = db.$transaction(async (tx) => {
        await claimBlobs(tx, [{ sha256: sha, data: Buffer.from(text) }]);
        claimed();
        await held;
      });
      await isClaimed;
      await collectBlobs(db, { graceSeconds: 0 });
      expect((await stored([sha])).size).toBe(1);
      release();
      await store;
      await collectBlobs(db, { graceSeconds: 0 });
      expect((await stored([sha])).size).toBe(0);
    },
  );

  it("under pushes sharing files while collections run in a loop, every version reads every file", async () => {
    const name = `gc-load-${uid()}`;
    const shared: Files = {};
    for (let i = 0; i < 20; i++) shared[`docs/page-${i}.md`] = `shared page ${i} ${name}`;
    // Orphans of the shared files: pushes find them stored (no write) and may lose them to a
    // collection before their transaction.
    await push(name, "0.0.1", shared);
    await deleteVersion(ctx, name, "0.0.1");
    let stop = false;
    let collections = 0;
    const loop = (async () => {
      while (!stop) {
        await collectBlobs(db, { graceSeconds: 0, batch: 7 });
        collections++;
        // better-sqlite3 answers synchronously: let the pushes' I/O run between collections.
        await new Promise((r) => setImmediate(r));
      }
    })();
    const pushes = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        push(name, `1.0.${i}`, { ...shared, "own.md": `own ${i} ${uid()}` }),
      ),
    ).finally(() => (stop = true));
    await loop;
    expect(collections).toBeGreaterThan(0);
    expect(pushes.every((p) => p.created)).toBe(true);
    await collectBlobs(db, { graceSeconds: 0 });
    await expectEveryReferenceStored();
    const versions = await db.capabilityVersion.findMany({
      where: { capability: { name } },
      include: { files: true },
    });
    expect(versions).toHaveLength(8);
    for (const v of versions) {
      const blobs = await db.blob.findMany({
        where: { sha256: { in: [v.artifactSha256, ...v.files.map((f) => f.sha256)] } },
      });
      const bytes = new Map(blobs.map((b) => [b.sha256, Buffer.from(b.data)]));
      for (const f of v.files) expect(bytes.get(f.sha256)?.length).toBe(f.size);
      expect(bytes.has(v.artifactSha256)).toBe(true);
    }
  }, 60_000);
});
