// The shape of a stored capability version as the catalog reads it back: the row with its
// capability and its files (path order). One module, so that the service, the diff, the trust card
// and the serializers share it without importing each other.
import type { Prisma } from "@/lib/db/types";

export const versionInclude = { capability: true, files: { orderBy: { path: "asc" } } } as const;

export type StoredVersion = Prisma.CapabilityVersionGetPayload<{ include: typeof versionInclude }>;

/** One file of a stored version (path, sha256, size). */
export type StoredVersionFile = StoredVersion["files"][number];
