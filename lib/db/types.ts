// Prisma's types for services, from one place: the model types and enums, and the `Prisma`
// namespace (its input and payload types, and the `sql`, `join`, `raw` and `empty` helpers for raw
// queries, which are the same on both providers). Taken from the SQLite client: the PostgreSQL
// client has the same shape (lib/db/client.ts). Services import these, never a generated client.
export { Prisma } from "./generated/sqlite/client";
export type * from "./generated/sqlite/client";
