// Full-text search over capabilities (their latest version): SQLite FTS5 ranked by bm25, or a
// PostgreSQL weighted tsvector with a GIN index ranked by ts_rank. Both versions of each step sit
// side by side here; lib/db/provider.ts picks one by the client's provider.
import { Prisma } from "@/lib/db/types";
import type { Tx } from "@/lib/db/client";
import { byProvider } from "@/lib/db/provider";

export interface SearchDocument {
  name: string;
  description: string;
  keywords: string[];
  author: string | null;
  /** Component names and descriptions. */
  components: string;
}

/** Replaces a capability's search document. */
export async function indexCapability(
  tx: Tx,
  capabilityId: string,
  doc: SearchDocument,
): Promise<void> {
  const keywords = doc.keywords.join(" ");
  // Names like "threat-hunting" are also indexed as "threat hunting".
  const name = `${doc.name} ${doc.name.replace(/-/g, " ")}`;
  await byProvider(tx, {
    sqlite: async () => {
      await tx.$executeRaw`DELETE FROM "capability_fts" WHERE "capability_id" = ${capabilityId}`;
      await tx.$executeRaw`INSERT INTO "capability_fts" ("capability_id", "name", "description", "keywords", "author", "components")
        VALUES (${capabilityId}, ${name}, ${doc.description}, ${keywords}, ${doc.author ?? ""}, ${doc.components})`;
    },
    postgresql: async () => {
      await tx.$executeRaw`INSERT INTO "capability_search" ("capability_id", "document") VALUES (${capabilityId},
        setweight(to_tsvector('simple', ${name}), 'A') ||
        setweight(to_tsvector('simple', ${keywords}), 'B') ||
        setweight(to_tsvector('simple', ${doc.description}), 'B') ||
        setweight(to_tsvector('simple', ${doc.author ?? ""}), 'C') ||
        setweight(to_tsvector('simple', ${doc.components}), 'D'))
      ON CONFLICT ("capability_id") DO UPDATE SET "document" = EXCLUDED."document"`;
    },
  });
}

/** Removes a capability from the index (the PostgreSQL row also goes by cascade). */
export async function unindexCapability(tx: Tx, capabilityId: string): Promise<void> {
  await byProvider(tx, {
    sqlite: () =>
      tx.$executeRaw`DELETE FROM "capability_fts" WHERE "capability_id" = ${capabilityId}`,
    postgresql: () =>
      tx.$executeRaw`DELETE FROM "capability_search" WHERE "capability_id" = ${capabilityId}`,
  });
}

/** Words of a user's query, each matched as a prefix; null when nothing searchable is left. */
export function searchTerms(q: string): string[] | null {
  const terms =
    q
      .toLowerCase()
      .match(/[\p{L}\p{N}_]+/gu)
      ?.slice(0, 12) ?? [];
  return terms.length ? terms : null;
}

/**
 * SQL pieces that restrict `c` (a "Capability" row) to matches of `terms` and rank them: a
 * join, and an expression where a larger value is a better match.
 */
export function searchSql(
  db: Pick<Tx, "provider">,
  terms: string[],
): { join: Prisma.Sql; rank: Prisma.Sql } {
  return byProvider(db, {
    sqlite: () => {
      const match = terms.map((t) => `"${t}"*`).join(" ");
      return {
        join: Prisma.sql`JOIN "capability_fts" ON "capability_fts"."capability_id" = c."id" AND "capability_fts" MATCH ${match}`,
        // bm25 is lower for better matches; weights: name, description, keywords, author, components.
        rank: Prisma.sql`(-bm25("capability_fts", 10.0, 3.0, 5.0, 2.0, 1.0))`,
      };
    },
    postgresql: () => {
      const query = terms.map((t) => `${t}:*`).join(" & ");
      return {
        join: Prisma.sql`JOIN "capability_search" s ON s."capability_id" = c."id" AND s."document" @@ to_tsquery('simple', ${query})`,
        rank: Prisma.sql`ts_rank(s."document", to_tsquery('simple', ${query}))`,
      };
    },
  });
}
