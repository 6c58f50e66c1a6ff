// Writes a new migration for both providers from the change to prisma/schema.prisma since the last
// one: `npm run db:migration -- <name>`. `prisma migrate dev` cannot run here (driver adapters),
// so the SQL comes from `prisma migrate diff` between the schema snapshot taken at the last
// migration and the current schema. Hand-written SQL (full-text indexes, triggers) can be
// appended to the generated files before they are committed.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { prisma, writePostgresSchema } from "./prisma-generate.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name in snake_case>");
  process.exit(2);
}
const migrations = path.join(root, "prisma/migrations");
const snapshot = path.join(migrations, "schema.snapshot.prisma");
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const pgUrl =
  process.env.QUIVER_MIGRATION_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

function toPostgres(file) {
  const out = path.join(tmpdir(), `quiver-${path.basename(file)}.pg.prisma`);
  writeFileSync(
    out,
    readFileSync(file, "utf8").replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"'),
  );
  return out;
}

function diff(provider, from, to) {
  const fromArgs = from ? ["--from-schema-datamodel", from] : ["--from-empty"];
  const args = ["migrate", "diff", ...fromArgs, "--to-schema-datamodel", to, "--script"];
  const env = provider === "postgresql" ? { DATABASE_URL: pgUrl } : {};
  Object.assign(process.env, env);
  return prisma(args, provider, true);
}

mkdirSync(path.join(root, "data"), { recursive: true });
writePostgresSchema();
const current = path.join(root, "prisma/schema.prisma");
const previous = existsSync(snapshot) ? snapshot : null;
const sqls = {
  sqlite: diff("sqlite", previous, current),
  postgresql: diff("postgresql", previous && toPostgres(previous), toPostgres(current)),
};
if (!/^\s*[A-Z]/m.test(sqls.sqlite.replace(/^--.*$/gm, ""))) {
  console.log("No schema changes since the last migration.");
  process.exit(0);
}
for (const [provider, sql] of Object.entries(sqls)) {
  const dir = path.join(migrations, provider);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${stamp}_${name}.sql`);
  writeFileSync(file, sql);
  console.log(`wrote ${path.relative(root, file)}`);
}
copyFileSync(current, snapshot);
