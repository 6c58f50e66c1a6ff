// Who may create an account (QUIVER_SIGNUP), and sign-up through an invitation link.
// - `open`: anyone. Without an invitation, lib/users' signUp (a personal org; a taken email is not
//   revealed). With one, the account joins the inviting org instead, in the same transaction.
// - `invite`: only with a valid, pending invitation for that very email.
// - `closed`: nobody; an operator creates accounts (the CLI).
// An invitation link names its email, so sign-up through one may say that the account exists:
// whoever holds the link already learns that from the link's own page.
import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { ApiError } from "@/lib/api/errors";
import { hashPassword } from "@/lib/auth/password";
import { env } from "@/lib/env";
import { normalEmail, signUp, type NewUser, type SignUpResult } from "@/lib/users/service";
import { acceptInto, findLink, linkProblem, userActor, wrongEmail } from "./service";

export type SignupMode = "open" | "invite" | "closed";

/** The sign-up mode; pages offer sign-up only when it is not `closed`. */
export function signupMode(): SignupMode {
  return env().QUIVER_SIGNUP;
}

const closed = (detail: string) => new ApiError("signup_closed", detail);

export interface SignUpAnswer extends SignUpResult {
  workspace: { slug: string };
}

/** POST /api/v1/auth/sign-up, by mode; see the module comment. */
export async function signUpByMode(
  db: Db,
  input: NewUser & { invitation?: string },
  requestId?: string | null,
): Promise<SignUpAnswer> {
  const mode = signupMode();
  if (mode === "closed")
    throw closed("Accounts are created by an operator: sign-up is closed on this server");
  if (input.invitation)
    return signUpWithInvitation(db, { ...input, invitation: input.invitation }, mode, requestId);
  if (mode === "invite") {
    throw closed(
      "Sign-up needs an invitation on this server: ask an admin of your organization to invite you, then open the link they send",
    );
  }
  const { user, org } = await signUp(db, input, requestId);
  return { user, org, workspace: { slug: "main" } };
}

async function signUpWithInvitation(
  db: Db,
  input: NewUser & { invitation: string },
  mode: SignupMode,
  requestId?: string | null,
): Promise<SignUpAnswer> {
  const email = normalEmail(input.email);
  // Before the bcrypt work, and again inside the transaction (the link may be used or revoked
  // meanwhile); the same answers both times.
  const usableLink = async (client: Tx) => {
    const link = await findLink(client, input.invitation);
    const problem = linkProblem(link);
    // In `invite` mode a link that cannot be used leaves no way in: say so, and why.
    if (problem)
      throw mode === "invite"
        ? closed(
            `Sign-up needs a valid invitation: ${problem.message.charAt(0).toLowerCase()}${problem.message.slice(1)}`,
          )
        : problem;
    if (link!.email !== email) throw wrongEmail(link!, email);
    return link!;
  };
  await usableLink(db);
  const alreadyExists = () =>
    new ApiError(
      "already_exists",
      "An account with this email already exists: sign in with it to accept the invitation",
    );
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) throw alreadyExists();
  const passwordHash = await hashPassword(input.password);
  const name = input.name?.trim() || email.split("@")[0] || email;
  return db.$transaction(async (tx) => {
    const link = await usableLink(tx);
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw alreadyExists();
    const user = await tx.user.create({
      data: { email, name, passwordHash },
      select: { id: true, email: true, name: true },
    });
    await acceptInto(tx, link, user, { actor: userActor(user), requestId });
    const ws = await tx.workspace.findFirst({
      where: { orgId: link.orgId },
      select: { slug: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    return { user, org: link.org, workspace: { slug: ws?.slug ?? "main" } };
  });
}
