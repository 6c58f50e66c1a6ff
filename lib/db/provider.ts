// The database-provider seam: the one place that tells from a URL which database it names, and
// the one place that branches on it, the way Umami's `runQuery` picks a backend. Everything that
// differs by provider (the client's adapter, the migrator, blob writes, search, row locks, the
// worker's claim) passes both versions to `byProvider`; nothing else compares providers.
// No imports: the Prisma CLI loads this file through prisma.config.ts.

export type Provider = "sqlite" | "postgresql";

const schemes: readonly [Provider, RegExp][] = [
  ["sqlite", /^file:/],
  ["postgresql", /^postgres(ql)?:\/\//],
];

/** Whether `url` names a database Quiver can use: `file:` (SQLite) or `postgresql://`. */
export function isDatabaseUrl(url: string): boolean {
  return schemes.some(([, scheme]) => scheme.test(url));
}

/** The provider of the database at `url`. */
export function providerOf(url: string): Provider {
  const found = schemes.find(([, scheme]) => scheme.test(url));
  if (!found) throw new Error("DATABASE_URL must start with file: or postgresql://");
  return found[0];
}

/**
 * Runs the version of a step for the provider of `db` (a client, a transaction client, or a
 * provider itself) and returns what it returns; the other version is never called.
 */
export function byProvider<T>(
  db: Provider | { readonly provider: Provider },
  versions: { sqlite: () => T; postgresql: () => T },
): T {
  const provider = typeof db === "string" ? db : db.provider;
  return versions[provider]();
}
