// Who may read or bind what of the catalog: the one place the sharing rule lives.
//
// - An org reads and binds every version of its own capabilities, and of other orgs' public ones.
// - When an owner makes a capability private again, what another org already runs stays: each of
//   its runtime bindings keeps the version it pinned (the runtime keeps resolving it, and that
//   version's detail, trust card, files, README and bundle stay readable to the org). Nothing new
//   does: no other version (older or newer), no new binding, no move or upgrade, no listing.
//
// Every cross-org catalog read (lib/catalog/service.ts) and every binding change or preview
// (lib/runtimes/service.ts) asks `versionScope`; the listing's SQL takes `sharedSql`, the same
// rule in SQL (a list shows what may be newly picked, which a pinned version never is).
import { Prisma } from "@/lib/db/types";
import type { Db, Tx } from "@/lib/db/client";

export interface ShareableCapability {
  id: string;
  orgId: string;
  isPublic: boolean;
}

/** True when the org may read and bind every version: its own capability, or a public one. */
export function sharedWith(
  orgId: string,
  cap: Pick<ShareableCapability, "orgId" | "isPublic">,
): boolean {
  return cap.orgId === orgId || cap.isPublic;
}

/** The listing's half of the rule: `c` (a "Capability" row) of another org that is shared with every org. */
export const sharedSql = (orgId: string) =>
  Prisma.sql`c."isPublic" = TRUE AND c."orgId" <> ${orgId}`;

/**
 * The versions of a capability the org may read: `"all"`, or the ids of the only ones (those its
 * runtime bindings pin, of a capability no longer shared; empty when it binds none, which callers
 * answer with the same 404 as a capability that does not exist). With `binding`, what that one
 * binding may move to or preview: its own pinned version only.
 */
export async function versionScope(
  db: Db | Tx,
  orgId: string,
  cap: ShareableCapability,
  binding?: { versionId: string },
): Promise<"all" | string[]> {
  if (sharedWith(orgId, cap)) return "all";
  if (binding) return [binding.versionId];
  const pinned = await db.runtimeBinding.findMany({
    where: { capabilityId: cap.id, runtime: { workspace: { orgId } } },
    select: { versionId: true },
    distinct: ["versionId"],
  });
  return pinned.map((b) => b.versionId);
}

/** A version filter for the scope (spread into a `CapabilityVersionWhereInput`). */
export function inScope(scope: "all" | string[]): Prisma.CapabilityVersionWhereInput {
  return scope === "all" ? {} : { id: { in: scope } };
}
