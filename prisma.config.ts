// Prisma CLI configuration. Quiver runs Prisma's JS engine with driver adapters (no downloaded
// binaries). The CLI is used only for `prisma generate` and `prisma migrate diff`; the app applies
// its own SQL migrations (lib/db/migrate.ts).
import path from "node:path";
import type { PrismaConfig } from "prisma";
import { byProvider, providerOf } from "./lib/db/provider";

const url = process.env.DATABASE_URL ?? "file:./data/quiver.db";
const provider = providerOf(url);
/** What `adapter()` returns: either provider's driver adapter factory, when it resolves. */
type Adapter = ReturnType<NonNullable<Extract<PrismaConfig, { engine: "js" }>["adapter"]>>;

export default {
  experimental: { adapter: true },
  engine: "js",
  // The adapter's provider must match the schema's, so a PostgreSQL URL selects the PostgreSQL
  // copy of the schema (written by scripts/prisma-generate.mjs).
  schema: byProvider(provider, {
    sqlite: () => path.join("prisma", "schema.prisma"),
    postgresql: () => path.join("lib", "db", "generated", "schema.postgresql.prisma"),
  }),
  adapter: () =>
    byProvider<Adapter>(provider, {
      sqlite: async () => {
        const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
        return new PrismaBetterSQLite3({ url });
      },
      postgresql: async () => {
        const { PrismaPg } = await import("@prisma/adapter-pg");
        return new PrismaPg({ connectionString: url });
      },
    }),
} satisfies PrismaConfig;
