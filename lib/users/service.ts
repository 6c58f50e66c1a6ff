// Users: sign-up creates the user with a personal org (owner) and its `main` workspace.
import type { Db, Tx } from "../db/client";
import { ApiError } from "../api/errors";
import { recordAudit } from "../audit/service";
import { hashPassword } from "../auth/password";
import type { RoleName } from "../auth/roles";

export interface NewUser {
  email: string;
  password: string;
  name?: string;
}

function slugBase(text: string): string {
  const base = text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
  return base || "org";
}

async function freeOrgSlug(tx: Tx, base: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const candidate = i === 0 ? base : `${base}-${i + 1}`;
    if (!(await tx.organization.findUnique({ where: { slug: candidate }, select: { id: true } }))) return candidate;
  }
  return `${base}-${Date.now().toString(36)}`;
}

/** Adds an org with a `main` workspace and the user as owner; writes the audit event. */
export async function createOrgWithOwner(
  tx: Tx,
  owner: { id: string; email: string; name: string },
  org: { slug?: string; name: string },
  requestId?: string | null,
) {
  const slug = org.slug ?? (await freeOrgSlug(tx, slugBase(owner.email.split("@")[0] ?? "org")));
  if (org.slug && (await tx.organization.findUnique({ where: { slug }, select: { id: true } }))) {
    throw new ApiError("already_exists", `Organization '${slug}' already exists`);
  }
  const created = await tx.organization.create({
    data: {
      slug,
      name: org.name,
      memberships: { create: { userId: owner.id, role: "owner" } },
      workspaces: { create: { slug: "main", name: "Main" } },
    },
  });
  await recordAudit(
    tx,
    { actor: { type: "user", userId: owner.id, email: owner.email, name: owner.name, scopes: [] }, requestId },
    { orgId: created.id, action: "org.create", targetType: "organization", targetId: created.id, summary: { slug, name: org.name } },
  );
  return created;
}

/** Creates a user and their personal org. A taken email → 409. */
export async function createUser(
  db: Db,
  input: NewUser & { org?: { slug?: string; name: string } },
  requestId?: string | null,
) {
  const email = input.email.trim().toLowerCase();
  const name = input.name?.trim() || email.split("@")[0] || email;
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      throw new ApiError("already_exists", "An account with this email already exists");
    }
    const user = await tx.user.create({ data: { email, name, passwordHash } });
    const org = await createOrgWithOwner(tx, user, input.org ?? { name: `${name}'s org` }, requestId);
    return { user, org };
  });
}

/** Adds an existing user to an org (demo data and CLI). */
export async function addMember(tx: Tx, orgId: string, userId: string, role: RoleName) {
  return tx.membership.upsert({
    where: { userId_orgId: { userId, orgId } },
    create: { userId, orgId, role },
    update: { role },
  });
}
