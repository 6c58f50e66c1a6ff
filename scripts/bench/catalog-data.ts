// Fills a Quiver database with the bench catalog: by default 10,000 capabilities × 10 versions
// (100,000 versions) in the org `bench`, owned by an existing user, and 500 capabilities × 2
// versions in the org `bench-public` (80% public, for include_public), written with bulk inserts
// straight through the drivers (better-sqlite3, pg): about half a minute on either database.
// The rows are those of scripts/bench/catalog-model.ts, with the state a push leaves behind:
// Capability.latest* and versionCount, CapabilityKeyword, the search index, the audit events.
//
//   npx tsx scripts/bench/catalog-data.ts --database-url file:./data/bench/quiver.db --owner demo@quiver.dev
//     [--org bench] [--public-org bench-public] [--capabilities 10000] [--versions 10] [--seed 42]
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { packTarGz } from "@/lib/catalog/ingest/pack";
import { sha256 } from "@/lib/catalog/ingest/digest";
import { TRUST_RULES } from "@/lib/catalog/trust/stored";
import { sqlitePath } from "@/lib/db/migrate";
import {
  blobPool,
  capability,
  capabilityNames,
  Random,
  searchDocument,
  type BlobRow,
  type CapabilityRow,
  type ModelOptions,
} from "./catalog-model";

type Cell = string | number | boolean | null | Date | Buffer | { json: unknown };

/** Bulk writes to one database; `?` placeholders in `query`. */
export interface Sink {
  provider: "sqlite" | "postgresql";
  query<T>(sql: string, params?: Cell[]): Promise<T[]>;
  insert(table: string, columns: string[], rows: Cell[][], suffix?: string): Promise<void>;
  transaction(fn: () => Promise<void>): Promise<void>;
  finish(): Promise<void>;
  close(): Promise<void>;
}

const q = (id: string) => `"${id}"`;

export function sqliteSink(url: string): Sink {
  const db = new Database(sqlitePath(url), { timeout: 30_000 });
  db.pragma("journal_mode = WAL");
  const value = (c: Cell) =>
    c instanceof Date
      ? c.toISOString().replace("Z", "+00:00") // the adapter's format: text sorts in time order
      : typeof c === "boolean"
        ? c
          ? 1
          : 0
        : c !== null && typeof c === "object" && !Buffer.isBuffer(c)
          ? JSON.stringify(c.json)
          : c;
  const statements = new Map<string, Database.Statement>();
  return {
    provider: "sqlite",
    async query<T>(sql: string, params: Cell[] = []) {
      const st = db.prepare(sql);
      return (st.reader ? st.all(...params.map(value)) : (st.run(...params.map(value)), [])) as T[];
    },
    async insert(table, columns, rows, suffix = "") {
      const sql = `INSERT INTO ${q(table)} (${columns.map(q).join(", ")}) VALUES (${columns.map(() => "?").join(", ")}) ${suffix}`;
      let st = statements.get(sql);
      if (!st) statements.set(sql, (st = db.prepare(sql)));
      for (const r of rows) st.run(...r.map(value));
    },
    async transaction(fn) {
      db.exec("BEGIN IMMEDIATE");
      try {
        await fn();
        db.exec("COMMIT");
      } catch (err) {
        db.exec("ROLLBACK");
        throw err;
      }
    },
    async finish() {
      db.pragma("wal_checkpoint(TRUNCATE)");
    },
    async close() {
      db.close();
    },
  };
}

export async function postgresSink(url: string): Promise<Sink> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const value = (c: Cell) =>
    c instanceof Date
      ? c.toISOString()
      : c !== null && typeof c === "object" && !Buffer.isBuffer(c)
        ? JSON.stringify(c.json)
        : c;
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    provider: "postgresql",
    async query<T>(sql: string, params: Cell[] = []) {
      return (await client.query(numbered(sql), params.map(value))).rows as T[];
    },
    async insert(table, columns, rows, suffix = "") {
      // Multi-row INSERTs, under PostgreSQL's limit of 65,535 parameters a statement.
      const per = Math.max(1, Math.floor(30_000 / columns.length));
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        const params: unknown[] = [];
        const tuples = chunk.map(
          (r) => `(${r.map((c) => (params.push(value(c)), `$${params.length}`)).join(", ")})`,
        );
        await client.query(
          `INSERT INTO ${q(table)} (${columns.map(q).join(", ")}) VALUES ${tuples.join(", ")} ${suffix}`,
          params,
        );
      }
    },
    async transaction(fn) {
      await client.query("BEGIN");
      try {
        await fn();
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw err;
      }
    },
    async finish() {
      // What autovacuum does a little later on its own: statistics for the planner, and the
      // visibility map for index-only scans.
      await client.query(
        `VACUUM ANALYZE "Capability", "CapabilityVersion", "CapabilityFile", "CapabilityKeyword", "capability_search", "Blob", "AuditEvent"`,
      );
    },
    async close() {
      await client.end();
    },
  };
}

/** The search index row of a capability, exactly as indexCapability in lib/catalog/search.ts writes it. */
async function writeSearch(sink: Sink, caps: CapabilityRow[]): Promise<void> {
  const docs = caps.map((c) => {
    const d = searchDocument(c);
    return [
      c.id,
      `${d.name} ${d.name.replace(/-/g, " ")}`,
      d.description,
      d.keywords.join(" "),
      d.author ?? "",
      d.components,
    ] as Cell[];
  });
  if (sink.provider === "sqlite") {
    await sink.insert(
      "capability_fts",
      ["capability_id", "name", "description", "keywords", "author", "components"],
      docs,
    );
    return;
  }
  // Weights as in indexCapability: name A, keywords B, description B, author C, components D.
  const tuple =
    `(?, setweight(to_tsvector('simple', ?::text), 'A') || setweight(to_tsvector('simple', ?::text), 'B') || ` +
    `setweight(to_tsvector('simple', ?::text), 'B') || setweight(to_tsvector('simple', ?::text), 'C') || setweight(to_tsvector('simple', ?::text), 'D'))`;
  for (let i = 0; i < docs.length; i += 2000) {
    const chunk = docs.slice(i, i + 2000);
    await sink.query(
      `INSERT INTO "capability_search" ("capability_id", "document") VALUES ${chunk.map(() => tuple).join(", ")}`,
      chunk.flatMap(([id, name, description, keywords, author, components]) => [
        id!,
        name!,
        keywords!,
        description!,
        author!,
        components!,
      ]),
    );
  }
}

const versionColumns = [
  "id",
  "capabilityId",
  "version",
  "versionKey",
  "description",
  "authorName",
  "license",
  "repository",
  "keywords",
  "manifest",
  "componentCounts",
  "components",
  "artifactSha256",
  "runtimeDigest",
  "bundleKind",
  "fileCount",
  "totalBytes",
  "origin",
  "trustLevel",
  "trustCounts",
  "trustRules",
  "createdById",
  "createdAt",
  "updatedAt",
];

async function writeCapabilities(
  sink: Sink,
  orgId: string,
  owner: { id: string; email: string },
  caps: CapabilityRow[],
): Promise<void> {
  await sink.insert(
    "Capability",
    [
      "id",
      "orgId",
      "name",
      "isPublic",
      "latestVersionId",
      "latestVersion",
      "latestVersionCreatedAt",
      "description",
      "authorName",
      "license",
      "versionCount",
      "trustLevel",
      "createdAt",
      "updatedAt",
    ],
    caps.map((c) => [
      c.id,
      orgId,
      c.name,
      c.isPublic,
      c.latest.id,
      c.latest.version,
      c.latest.createdAt,
      c.latest.description,
      c.latest.authorName,
      c.latest.license,
      c.versions.length,
      c.latest.trust.level,
      c.createdAt,
      c.updatedAt,
    ]),
  );
  const versions = caps.flatMap((c) => c.versions.map((v) => ({ c, v })));
  await sink.insert(
    "CapabilityVersion",
    versionColumns,
    versions.map(({ c, v }) => [
      v.id,
      c.id,
      v.version,
      v.versionKey,
      v.description,
      v.authorName,
      v.license,
      v.repository,
      { json: v.keywords },
      { json: v.manifest },
      { json: v.componentCounts },
      { json: v.components },
      v.artifactSha256,
      v.runtimeDigest,
      "tar.gz",
      v.fileCount,
      v.totalBytes,
      { json: v.origin },
      v.trust.level,
      { json: v.trust.counts },
      TRUST_RULES,
      owner.id,
      v.createdAt,
      v.createdAt,
    ]),
  );
  await sink.insert(
    "CapabilityFile",
    ["versionId", "path", "sha256", "size"],
    versions.flatMap(({ v }) => v.files.map((f) => [v.id, f.path, f.sha256, f.size])),
  );
  await sink.insert(
    "CapabilityKeyword",
    ["capabilityId", "keyword"],
    caps.flatMap((c) => c.latest.keywords.map((k) => [c.id, k])),
  );
  await writeSearch(sink, caps);
  await sink.insert(
    "AuditEvent",
    [
      "id",
      "orgId",
      "actorType",
      "actorId",
      "actorLabel",
      "action",
      "targetType",
      "targetId",
      "summary",
      "createdAt",
    ],
    versions.map(({ c, v }) => [
      randomUUID(),
      orgId,
      "user",
      owner.id,
      owner.email,
      "capability.push",
      "capability_version",
      v.id,
      {
        json: {
          name: c.name,
          version: v.version,
          runtime_digest: v.runtimeDigest,
          files: v.fileCount,
          via: (v.origin as { via: string }).via,
        },
      },
      v.createdAt,
    ]),
  );
}

async function createOrg(
  sink: Sink,
  slug: string,
  name: string,
  owner: { id: string; email: string },
  now: Date,
): Promise<string> {
  const taken = await sink.query(`SELECT "id" FROM "Organization" WHERE "slug" = ?`, [slug]);
  if (taken.length)
    throw new Error(
      `The org '${slug}' already exists: generate the bench catalog into a fresh database`,
    );
  const id = randomUUID();
  await sink.insert(
    "Organization",
    ["id", "slug", "name", "createdAt", "updatedAt"],
    [[id, slug, name, now, now]],
  );
  await sink.insert(
    "Membership",
    ["id", "userId", "orgId", "role", "createdAt"],
    [[randomUUID(), owner.id, id, "owner", now]],
  );
  await sink.insert(
    "Workspace",
    ["id", "orgId", "slug", "name", "createdAt", "updatedAt"],
    [[randomUUID(), id, "main", "Main", now, now]],
  );
  await sink.insert(
    "AuditEvent",
    [
      "id",
      "orgId",
      "actorType",
      "actorId",
      "actorLabel",
      "action",
      "targetType",
      "targetId",
      "summary",
      "createdAt",
    ],
    [
      [
        randomUUID(),
        id,
        "user",
        owner.id,
        owner.email,
        "org.create",
        "organization",
        id,
        { json: { slug, name } },
        now,
      ],
    ],
  );
  return id;
}

async function userId(
  sink: Sink,
  email: string,
  now: Date,
  create = false,
): Promise<{ id: string; email: string }> {
  const [row] = await sink.query<{ id: string }>(`SELECT "id" FROM "User" WHERE "email" = ?`, [
    email,
  ]);
  if (row) return { id: row.id, email };
  if (!create)
    throw new Error(
      `No user ${email}: start the server once (it seeds the demo users) or create the user first`,
    );
  const id = randomUUID();
  const passwordHash = await hashPassword(randomUUID());
  await sink.insert(
    "User",
    ["id", "email", "name", "passwordHash", "createdAt", "updatedAt"],
    [[id, email, "Bench Publisher", passwordHash, now, now]],
  );
  return { id, email };
}

export interface GenerateOptions {
  databaseUrl: string;
  /** Owner of the main org; must exist. */
  ownerEmail: string;
  org?: string;
  publicOrg?: string;
  capabilities?: number;
  versionsPer?: number;
  publicCapabilities?: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface GeneratedCatalog {
  org: string;
  publicOrg: string;
  capabilities: number;
  versions: number;
  publicOrgCapabilities: number;
  publicOrgVersions: number;
  /** Capabilities of the public org that are public. */
  publicVisible: number;
  /** The main org's capabilities: name → latest version and every version newest first. */
  latest: Map<string, { version: string; versions: string[] }>;
  /** Facet counts of the main org as the facets route must return them (all of them). */
  facets: {
    keywords: Map<string, number>;
    authors: Map<string, number>;
    licenses: Map<string, number>;
  };
  seconds: number;
}

const bump = (m: Map<string, number>, k: string | null) =>
  k !== null && m.set(k, (m.get(k) ?? 0) + 1);

export async function generateCatalog(o: GenerateOptions): Promise<GeneratedCatalog> {
  const started = Date.now();
  const log = o.log ?? (() => {});
  const org = o.org ?? "bench";
  const publicOrg = o.publicOrg ?? "bench-public";
  const count = o.capabilities ?? 10_000;
  const versionsPer = o.versionsPer ?? 10;
  const publicCount = o.publicCapabilities ?? 500;
  const rnd = new Random(o.seed ?? 42);
  const now = new Date();
  const sink = o.databaseUrl.startsWith("file:")
    ? sqliteSink(o.databaseUrl)
    : await postgresSink(o.databaseUrl);
  try {
    const pool = blobPool(rnd, 2000);
    const bundles: BlobRow[] = Array.from({ length: 32 }, (_, i) => {
      const data = packTarGz([
        {
          path: "capability.yaml",
          data: `schema: 1\nname: bench-placeholder-${i}\nversion: 1.0.0\ndescription: Placeholder bundle of generated bench versions.\nskills: [skills/placeholder]\n`,
        },
        { path: "skills/placeholder/SKILL.md", data: "A placeholder.\n" },
      ]);
      return { sha256: sha256(data), data };
    });
    const result: GeneratedCatalog = {
      org,
      publicOrg,
      capabilities: 0,
      versions: 0,
      publicOrgCapabilities: 0,
      publicOrgVersions: 0,
      publicVisible: 0,
      latest: new Map(),
      facets: { keywords: new Map(), authors: new Map(), licenses: new Map() },
      seconds: 0,
    };
    let orgId = "";
    let publicOrgId = "";
    let owner = { id: "", email: o.ownerEmail };
    let publisher = owner;
    await sink.transaction(async () => {
      owner = await userId(sink, o.ownerEmail, now);
      publisher = await userId(sink, `publisher@${publicOrg}.quiver.dev`, now, true);
      orgId = await createOrg(sink, org, "Bench Co", owner, now);
      publicOrgId = await createOrg(sink, publicOrg, "Bench Public Co", publisher, now);
      await sink.insert(
        "Blob",
        ["sha256", "size", "data", "createdAt"],
        [...pool, ...bundles].map((b) => [b.sha256, b.data.length, b.data, now]),
        `ON CONFLICT ("sha256") DO NOTHING`,
      );
    });
    const names = capabilityNames(rnd, count);
    const mainOpts: ModelOptions = {
      ownerId: owner.id,
      ownerEmail: owner.email,
      versionsPer,
      publicShare: 0.05,
      now,
    };
    for (let i = 0; i < names.length; i += 500) {
      const caps = names.slice(i, i + 500).map((n) => capability(rnd, n, pool, bundles, mainOpts));
      await sink.transaction(() => writeCapabilities(sink, orgId, owner, caps));
      for (const c of caps) {
        result.capabilities++;
        result.versions += c.versions.length;
        const newestFirst = [...c.versions]
          .sort((a, b) => (a.versionKey < b.versionKey ? 1 : -1))
          .map((v) => v.version);
        result.latest.set(c.name, { version: c.latest.version, versions: newestFirst });
        for (const k of c.latest.keywords) bump(result.facets.keywords, k);
        bump(result.facets.authors, c.latest.authorName);
        bump(result.facets.licenses, c.latest.license);
      }
      log(
        `  ${result.capabilities} capabilities, ${result.versions} versions (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
    }
    const pubOpts: ModelOptions = {
      ownerId: publisher.id,
      ownerEmail: publisher.email,
      versionsPer: 2,
      publicShare: 0.8,
      now,
    };
    const pubCaps = capabilityNames(rnd, publicCount).map((n) =>
      capability(rnd, n, pool, bundles, pubOpts),
    );
    await sink.transaction(() => writeCapabilities(sink, publicOrgId, publisher, pubCaps));
    result.publicOrgCapabilities = pubCaps.length;
    result.publicOrgVersions = pubCaps.reduce((n, c) => n + c.versions.length, 0);
    result.publicVisible = pubCaps.filter((c) => c.isPublic).length;
    await sink.finish();
    result.seconds = (Date.now() - started) / 1000;
    return result;
  } finally {
    await sink.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      "database-url": { type: "string" },
      owner: { type: "string", default: "demo@quiver.dev" },
      org: { type: "string" },
      "public-org": { type: "string" },
      capabilities: { type: "string", default: "10000" },
      versions: { type: "string", default: "10" },
      seed: { type: "string", default: "42" },
    },
  });
  const url = values["database-url"] ?? process.env.DATABASE_URL;
  if (!url) throw new Error("--database-url or DATABASE_URL");
  generateCatalog({
    databaseUrl: url,
    ownerEmail: values.owner,
    org: values.org,
    publicOrg: values["public-org"],
    capabilities: Number(values.capabilities),
    versionsPer: Number(values.versions),
    seed: Number(values.seed),
    log: console.log,
  }).then(
    (r) =>
      console.log(
        `${r.org}: ${r.capabilities} capabilities, ${r.versions} versions; ${r.publicOrg}: ${r.publicOrgCapabilities} (${r.publicVisible} public), ${r.publicOrgVersions} versions; ${r.seconds.toFixed(1)} s`,
      ),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
