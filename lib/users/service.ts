// Users: sign-up creates the user with a personal org (owner) and its `main` workspace.
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "@/lib/db/client";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { DUMMY_HASH, hashPassword, verifyPassword } from "@/lib/auth/password";
import { revokeUserSessions } from "@/lib/auth/sessions";
import type { Actor } from "@/lib/api/authenticate";
import type { RoleName } from "@/lib/auth/roles";
import { RESERVED_ORG_SLUGS } from "@/lib/orgs/schemas";

export interface NewUser {
  email: string;
  password: string;
  name?: string;
}

function slugBase(text: string): string {
  const base = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return base || "org";
}

async function freeOrgSlug(tx: Tx | Db, base: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const candidate = i === 0 ? base : `${base}-${i + 1}`;
    // A personal org's slug never takes the address of one of the app's own pages (/api, /welcome…).
    if (RESERVED_ORG_SLUGS.includes(candidate)) continue;
    if (!(await tx.organization.findUnique({ where: { slug: candidate }, select: { id: true } })))
      return candidate;
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
    {
      actor: { type: "user", userId: owner.id, email: owner.email, name: owner.name, scopes: [] },
      requestId,
    },
    {
      orgId: created.id,
      action: "org.create",
      targetType: "organization",
      targetId: created.id,
      summary: { slug, name: org.name },
    },
  );
  return created;
}

/** Emails are stored and compared trimmed and lower-cased. */
export const normalEmail = (email: string) => email.trim().toLowerCase();
const defaultName = (input: NewUser, email: string) =>
  input.name?.trim() || email.split("@")[0] || email;
const alreadyExists = () =>
  new ApiError("already_exists", "An account with this email already exists");

/** Creates a user and their personal org (operators, the CLI, tests). A taken email → 409, found before any hashing. */
export async function createUser(
  db: Db,
  input: NewUser & { org?: { slug?: string; name: string } },
  requestId?: string | null,
) {
  const email = normalEmail(input.email);
  const name = defaultName(input, email);
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) throw alreadyExists();
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw alreadyExists();
    const user = await tx.user.create({ data: { email, name, passwordHash } });
    const org = await createOrgWithOwner(
      tx,
      user,
      input.org ?? { name: `${name}'s org` },
      requestId,
    );
    return { user, org };
  });
}

export interface SignUpResult {
  user: { id: string; email: string; name: string };
  org: { slug: string; name: string };
}

/**
 * Public sign-up. A taken email gets the same answer as a new one (201, an account of the same
 * shape with a fresh id, nothing of the existing user's), after the same bcrypt work, so neither the
 * answer nor its time says which emails have accounts. The caller learns nothing it can use: signing
 * in afterwards works only with that account's own password, and fails like any wrong password.
 */
export async function signUp(
  db: Db,
  input: NewUser,
  requestId?: string | null,
): Promise<SignUpResult> {
  const email = normalEmail(input.email);
  const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!existing) {
    try {
      const { user, org } = await createUser(db, input, requestId);
      return {
        user: { id: user.id, email: user.email, name: user.name },
        org: { slug: org.slug, name: org.name },
      };
    } catch (err) {
      // Two sign-ups with one email at once: the loser is answered like any duplicate.
      if (
        !(err instanceof ApiError && err.kind === "already_exists") &&
        (err as { code?: string })?.code !== "P2002"
      )
        throw err;
    }
  } else {
    // The bcrypt work a new account costs, through the same queue.
    await verifyPassword(input.password, DUMMY_HASH);
  }
  const name = defaultName(input, email);
  const slug = await freeOrgSlug(db, slugBase(email.split("@")[0] ?? "org"));
  return { user: { id: randomUUID(), email, name }, org: { slug, name: `${name}'s org` } };
}

/**
 * Changes the actor's password when `currentPassword` is right, and ends every other session of
 * theirs (the one asking stays signed in, as the major sites do). Returns how many it ended.
 */
export async function changePassword(
  db: Db,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<number> {
  if (actor.type !== "user" || !actor.sessionId) {
    throw new ApiError(
      "forbidden",
      "A password is changed from a signed-in browser session, not with an API token",
    );
  }
  const user = await db.user.findUnique({
    where: { id: actor.userId },
    select: { id: true, passwordHash: true },
  });
  if (user && user.passwordHash === null) {
    throw new ApiError("validation", "Validation failed", {
      errors: [
        {
          loc: ["body", "current_password"],
          msg: "This account signs in with single sign-on and has no password to change",
          type: "value_error",
        },
      ],
    });
  }
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash ?? DUMMY_HASH))) {
    throw new ApiError("validation", "Validation failed", {
      errors: [
        {
          loc: ["body", "current_password"],
          msg: "The current password is wrong",
          type: "value_error",
        },
      ],
    });
  }
  const passwordHash = await hashPassword(input.newPassword, ["body", "new_password"]);
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    return revokeUserSessions(tx, user.id, actor.sessionId ?? null);
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
