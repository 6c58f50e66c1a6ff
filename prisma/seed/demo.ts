// The demo data seeded on first start (unless QUIVER_DEMO=0) and by `quiver db seed --demo`.
// Later areas (catalog, runtimes, optimization, releases) add theirs here.
import type { Db } from "../../lib/db/client";
import { addMember, createOrgWithOwner } from "../../lib/users/service";
import { hashPassword } from "../../lib/auth/password";
import { seedDemoCapabilities } from "./catalog";
import { seedDemoRuntimes } from "./runtimes";
import { seedDemoOptimization } from "./optimization";
import { seedDemoAgents } from "./agents";

export const DEMO_PASSWORD = "quiver-demo";

export const demoUsers = [
  { email: "demo@quiver.dev", name: "Dana Demo", org: { slug: "acme", name: "Acme AI" } },
  { email: "ops@globex.dev", name: "Olu Ops", org: { slug: "globex", name: "Globex" } },
] as const;

/** Creates what is missing of the demo data; running it twice changes nothing. */
export async function seedDemo(db: Db): Promise<{ created: boolean }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const { created } = await db.$transaction(async (tx) => {
    let created = false;
    const users = [];
    for (const d of demoUsers) {
      let user = await tx.user.findUnique({ where: { email: d.email } });
      if (!user) {
        user = await tx.user.create({ data: { email: d.email, name: d.name, passwordHash } });
        created = true;
      }
      if (!(await tx.organization.findUnique({ where: { slug: d.org.slug }, select: { id: true } }))) {
        await createOrgWithOwner(tx, user, d.org);
        created = true;
      }
      users.push(user);
    }
    // The demo user is also a member of Globex, so that switching orgs has somewhere to go.
    const globex = await tx.organization.findUniqueOrThrow({ where: { slug: "globex" }, select: { id: true } });
    const [demo] = users;
    if (demo && !(await tx.membership.findUnique({ where: { userId_orgId: { userId: demo.id, orgId: globex.id } } }))) {
      await addMember(tx, globex.id, demo.id, "member");
      created = true;
    }
    return { created };
  }, { timeout: 30_000 });
  // Capabilities are pushed through the catalog service, which runs its own transactions; then
  // runtimes bind them through the runtimes service, and optimization runs are reported through
  // the optimization services (one capability-agent run needs the catalog), and agents deploy
  // releases that reference the catalog through the agents services.
  const pushed = await seedDemoCapabilities(db);
  const runtimes = await seedDemoRuntimes(db);
  const optimization = await seedDemoOptimization(db);
  const agents = await seedDemoAgents(db);
  return { created: created || pushed > 0 || runtimes > 0 || optimization > 0 || agents > 0 };
}
