// Generates the two Prisma clients (SQLite and PostgreSQL) from the one schema in prisma/.
// Prisma bakes the provider into a client, so the PostgreSQL client comes from a copy of the
// schema with only the datasource provider and the output folder changed.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const generated = path.join(root, "lib/db/generated");

/** The PostgreSQL variant of the schema, written beside the generated clients. */
export function writePostgresSchema() {
  const source = readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
  const pg = source
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"[^"]*"/, 'output       = "./postgresql"');
  if (!pg.includes('"postgresql"'))
    throw new Error("prisma/schema.prisma: sqlite datasource not found");
  mkdirSync(generated, { recursive: true });
  const file = path.join(generated, "schema.postgresql.prisma");
  writeFileSync(file, pg);
  return file;
}

// prisma.config.ts picks its driver adapter from DATABASE_URL, and Prisma wants the adapter's
// provider to match the schema's, or it falls back to downloading a native engine. The URL is
// only used to choose the adapter: nothing connects to it.
const placeholderUrl = {
  sqlite: "file:./data/quiver.db",
  postgresql: "postgresql://localhost/quiver",
};

/** Runs the Prisma CLI for one provider; returns its stdout when `capture` is set. */
export function prisma(args, provider, capture = false) {
  const url =
    provider === "postgresql" && process.env.DATABASE_URL?.startsWith("postgres")
      ? process.env.DATABASE_URL
      : placeholderUrl[provider];
  return execFileSync(path.join(root, "node_modules/.bin/prisma"), args, {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", capture ? "pipe" : "inherit", "inherit"],
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", DATABASE_URL: url },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  prisma(["generate", "--schema", "prisma/schema.prisma"], "sqlite");
  prisma(["generate", "--schema", path.relative(root, writePostgresSchema())], "postgresql");
}
