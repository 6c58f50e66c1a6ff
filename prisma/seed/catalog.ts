// The demo catalog: capability folders under prisma/seed/capabilities/<org>/<name>/<version>/,
// pushed by each org's owner through the same ingest as the API (pushBundle, via "seed"), oldest
// version first. Running it again pushes nothing: an identical version answers created: false.
import { readdirSync } from "node:fs";
import path from "node:path";
import type { OrgCtx } from "@/lib/api/context";
import { packCapability } from "@/lib/catalog/ingest/pack";
import { collectFiles } from "@/lib/catalog/push-client";
import { pushBundle } from "@/lib/catalog/push";
import { versionKey } from "@/lib/versions";
import type { Db } from "@/lib/db/client";

/** Capabilities (`org/name`) that the seed makes public when it pushes them. */
export const publicDemoCapabilities: ReadonlySet<string> = new Set([
  "acme/threat-hunting",
  "acme/support-triage",
  "acme/pr-reviewer",
  "globex/invoice-extraction",
  "globex/contract-review",
  "globex/meeting-notes",
]);

export interface DemoFixture {
  org: string;
  name: string;
  version: string;
  dir: string;
}

/**
 * The fixture folders. Resolved from the working directory (the repo root for `npm start`, the
 * CLI and tests), not from this file: bundled into the Next.js server, its location is elsewhere.
 */
function demoFixtureRoot(): string {
  return path.join(process.cwd(), "prisma/seed/capabilities");
}

const subdirs = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

/** Every fixture version, by org and name, then in ascending semver order. */
export function demoFixtures(root = demoFixtureRoot()): DemoFixture[] {
  return subdirs(root).flatMap((org) =>
    subdirs(path.join(root, org)).flatMap((name) =>
      subdirs(path.join(root, org, name))
        .sort((a, b) => (versionKey(a) < versionKey(b) ? -1 : 1))
        .map((version) => ({ org, name, version, dir: path.join(root, org, name, version) })),
    ),
  );
}

/** A service context acting as the org's (first) owner. */
export async function ownerCtx(db: Db, slug: string): Promise<OrgCtx> {
  const org = await db.organization.findUnique({ where: { slug } });
  const owner =
    org &&
    (await db.membership.findFirst({
      where: { orgId: org.id, role: "owner" },
      orderBy: { createdAt: "asc" },
      include: { user: true },
    }));
  if (!org || !owner)
    throw new Error(`Demo capabilities: the org '${slug}' or its owner does not exist`);
  return {
    db,
    requestId: "seed",
    actor: {
      type: "user",
      userId: owner.user.id,
      email: owner.user.email,
      name: owner.user.name,
      scopes: ["read", "write", "admin"],
    },
    org: { id: org.id, slug: org.slug, name: org.name },
    role: "owner",
  };
}

/** Pushes the fixture versions that are not stored yet; returns how many it pushed. */
export async function seedDemoCapabilities(db: Db): Promise<number> {
  const ctxs = new Map<string, OrgCtx>();
  const pushedTo = new Map<string, { ctx: OrgCtx; name: string }>();
  let pushed = 0;
  for (const f of demoFixtures()) {
    let ctx = ctxs.get(f.org);
    if (!ctx) ctxs.set(f.org, (ctx = await ownerCtx(db, f.org)));
    const { created, version } = await pushBundle(ctx, packCapability(collectFiles(f.dir)), "seed");
    if (version.capability.name !== f.name || version.version !== f.version) {
      throw new Error(
        `${f.dir}: capability.yaml says ${version.capability.name} ${version.version}`,
      );
    }
    if (created) {
      pushed++;
      pushedTo.set(`${f.org}/${f.name}`, { ctx, name: f.name });
    }
  }
  // No visibility in a bundle: publish only what this run pushed, so that a capability an owner
  // has made private since stays private when the seed runs again.
  for (const [key, { ctx, name }] of pushedTo) {
    if (publicDemoCapabilities.has(key)) {
      await db.capability.updateMany({
        where: { orgId: ctx.org.id, name, isPublic: false },
        data: { isPublic: true },
      });
    }
  }
  return pushed;
}
