// What the agent pages read on the server for their first paint beyond the agent API's shapes:
// the trust summary of each capability a draft references (the catalog's trust card, reduced to
// what the editor shows beside it). The browser then keeps them in TanStack Query, fetching the
// capability's versions and its trust card through /api/v1 for capabilities added later.
import "server-only";
import type { OrgCtx } from "@/lib/api/context";
import { ApiError } from "@/lib/api/errors";
import { getVersion } from "@/lib/catalog/service";
import { trustCardOf } from "@/lib/catalog/trust";
import { CAPABILITY_REF } from "./patterns";

export interface CapabilityTrustSummary {
  slug: string;
  /** The capability as the catalog names it (own `name`, or `owner/name`). */
  name: string;
  /** The version the slug pins, else the latest. */
  version: string;
  status: "pass" | "warn" | "fail" | "info";
  counts: { pass: number; warn: number; fail: number; info: number };
  risks: string[];
  may_do: string[];
}

/** `name`, `owner/name`, optionally `@version`, split; null when it is not a capability reference. */
function parseCapabilitySlug(slug: string): { name: string; version: string | null } | null {
  const m = CAPABILITY_REF.exec(slug);
  if (!m) return null;
  return { name: m[1] ? `${m[1]}/${m[2]}` : m[2]!, version: m[3] ?? null };
}

/** Trust summaries by slug; a slug the catalog does not know (any more) is left out. */
export async function capabilityTrust(
  ctx: OrgCtx,
  slugs: string[],
): Promise<Record<string, CapabilityTrustSummary>> {
  const entries = await Promise.all(
    [...new Set(slugs)].map(async (slug): Promise<[string, CapabilityTrustSummary] | null> => {
      const ref = parseCapabilitySlug(slug);
      if (!ref) return null;
      try {
        const version = await getVersion(ctx, ref.name, ref.version ?? undefined);
        const card = await trustCardOf(ctx, version);
        return [
          slug,
          {
            slug,
            name: version.capability.name,
            version: card.version,
            status: card.status,
            counts: card.counts,
            risks: card.summary.risks,
            may_do: card.summary.may_do,
          },
        ];
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    }),
  );
  return Object.fromEntries(entries.filter((e) => e !== null));
}

/** The versions of some of an agent's releases by id (a history page names each release's parent). */
export async function releaseVersions(
  ctx: OrgCtx,
  agentId: string,
  ids: string[],
): Promise<Record<string, string>> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return {};
  const rows = await ctx.db.release.findMany({
    where: { id: { in: wanted }, agentId },
    select: { id: true, version: true },
  });
  return Object.fromEntries(rows.filter((r) => r.version !== null).map((r) => [r.id, r.version!]));
}
