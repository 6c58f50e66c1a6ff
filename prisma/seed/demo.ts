// The demo data seeded on first start (unless QUIVER_DEMO=0) and by `quiver db seed --demo`.
// Later areas (catalog, runtimes, optimization, releases) add theirs here.
import type { Db } from "@/lib/db/client";
import { addMember, createOrgWithOwner } from "@/lib/users/service";
import { hashPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/service";
import type { RoleName } from "@/lib/auth/roles";
import { env } from "@/lib/env";
import { newInvitationSecret } from "@/lib/invitations/links";
import { seedDemoCapabilities } from "./catalog";
import { seedDemoRuntimes } from "./runtimes";
import { seedDemoOptimization } from "./optimization";
import { seedDemoAgents } from "./agents";

const DEMO_PASSWORD = "quiver-demo";

const demoUsers = [
  { email: "demo@quiver.dev", name: "Dana Demo", org: { slug: "acme", name: "Acme AI" } },
  { email: "ops@globex.dev", name: "Olu Ops", org: { slug: "globex", name: "Globex" } },
] as const;

/** Teammates of Dana in Acme, one per role below owner (they sign in with the demo password too). */
const demoMembers: { email: string; name: string; role: RoleName }[] = [
  { email: "priya@example.com", name: "Priya Patel", role: "admin" },
  { email: "sam@example.com", name: "Sam Rivera", role: "member" },
  { email: "lee@example.com", name: "Lee Chen", role: "viewer" },
];

/** A pending invitation to Acme, so the Members page has one to show; nobody knows its link. */
const demoInvitation = { email: "jordan@example.com", role: "member" as RoleName };

/** Creates what is missing of the demo data; running it twice changes nothing. */
export async function seedDemo(db: Db): Promise<{ created: boolean }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const { created } = await db.$transaction(
    async (tx) => {
      let created = false;
      const users = [];
      for (const d of demoUsers) {
        let user = await tx.user.findUnique({ where: { email: d.email } });
        if (!user) {
          user = await tx.user.create({ data: { email: d.email, name: d.name, passwordHash } });
          created = true;
        }
        if (
          !(await tx.organization.findUnique({ where: { slug: d.org.slug }, select: { id: true } }))
        ) {
          await createOrgWithOwner(tx, user, d.org);
          created = true;
        }
        users.push(user);
      }
      // The demo user is also a member of Globex, so that switching orgs has somewhere to go.
      const globex = await tx.organization.findUniqueOrThrow({
        where: { slug: "globex" },
        select: { id: true },
      });
      const [demo] = users;
      if (
        demo &&
        !(await tx.membership.findUnique({
          where: { userId_orgId: { userId: demo.id, orgId: globex.id } },
        }))
      ) {
        await addMember(tx, globex.id, demo.id, "member");
        created = true;
      }
      // Acme's other members and a pending invitation; a role changed since is left as it is.
      const acme = await tx.organization.findUniqueOrThrow({
        where: { slug: "acme" },
        select: { id: true },
      });
      for (const m of demoMembers) {
        let user = await tx.user.findUnique({ where: { email: m.email } });
        if (!user) {
          user = await tx.user.create({ data: { email: m.email, name: m.name, passwordHash } });
          created = true;
        }
        if (
          !(await tx.membership.findUnique({
            where: { userId_orgId: { userId: user.id, orgId: acme.id } },
          }))
        ) {
          await addMember(tx, acme.id, user.id, m.role);
          await recordAudit(
            tx,
            { actor: null },
            {
              orgId: acme.id,
              action: "member.add",
              targetType: "user",
              targetId: user.id,
              summary: { email: m.email, role: m.role },
            },
          );
          created = true;
        }
      }
      if (
        demo &&
        !(await tx.invitation.findFirst({
          where: { orgId: acme.id, email: demoInvitation.email },
          select: { id: true },
        }))
      ) {
        // Only the hash of a fresh random secret is kept: the link exists nowhere.
        const { hash } = newInvitationSecret();
        const expiresAt = new Date(Date.now() + env().QUIVER_INVITATION_TTL_DAYS * 86_400_000);
        const invitation = await tx.invitation.create({
          data: {
            orgId: acme.id,
            email: demoInvitation.email,
            role: demoInvitation.role,
            tokenHash: hash,
            invitedById: demo.id,
            expiresAt,
          },
        });
        await recordAudit(
          tx,
          { actor: null },
          {
            orgId: acme.id,
            action: "invitation.create",
            targetType: "invitation",
            targetId: invitation.id,
            summary: { email: demoInvitation.email, role: demoInvitation.role },
          },
        );
        created = true;
      }
      return { created };
    },
    { timeout: 30_000 },
  );
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
