// Prisma CLI configuration. Quiver runs Prisma's JS engine with driver adapters (no downloaded
// binaries). The CLI is used only for `prisma generate` and `prisma migrate diff`; the app applies
// its own SQL migrations (lib/db/migrate.ts).
import path from "node:path";
import type { PrismaConfig } from "prisma";

const url = process.env.DATABASE_URL ?? "file:./data/quiver.db";
const sqlite = url.startsWith("file:");

export default {
  experimental: { adapter: true },
  engine: "js",
  // The adapter's provider must match the schema's, so a PostgreSQL URL selects the PostgreSQL
  // copy of the schema (written by scripts/prisma-generate.mjs).
  schema: sqlite
    ? path.join("prisma", "schema.prisma")
    : path.join("lib", "db", "generated", "schema.postgresql.prisma"),
  async adapter() {
    if (sqlite) {
      const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
      return new PrismaBetterSQLite3({ url });
    }
    const { PrismaPg } = await import("@prisma/adapter-pg");
    return new PrismaPg({ connectionString: url });
  },
} satisfies PrismaConfig;
