// The signed-in user's own account: what it is, its name, and signing out everywhere. Changes
// that touch no org write no audit event (the audit trail is per org). Changing the account is
// for a browser session; an API token may only read it.
import "server-only";
import type { ActorCtx } from "@/lib/api/context";
import { ApiError } from "@/lib/api/errors";
import type { Db, Tx } from "@/lib/db/client";
import { revokeUserSessions } from "@/lib/auth/sessions";

function sessionOnly(ctx: ActorCtx, what: string): void {
  if (ctx.actor.token || !ctx.actor.sessionId)
    throw new ApiError(
      "forbidden",
      `${what} from a signed-in browser session, not with an API token`,
    );
}

async function accountOf(db: Db | Tx, userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      passwordHash: true,
      _count: { select: { identities: true } },
    },
  });
  if (!user) throw new ApiError("unauthenticated", "Your session has ended; sign in again");
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    has_password: user.passwordHash !== null,
    sso: user._count.identities > 0,
  };
}

export function getAccount(ctx: ActorCtx) {
  return accountOf(ctx.db, ctx.actor.userId);
}

export async function updateAccount(ctx: ActorCtx, input: { name: string }) {
  sessionOnly(ctx, "Your name is changed");
  return ctx.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: ctx.actor.userId }, data: { name: input.name } });
    return accountOf(tx, ctx.actor.userId);
  });
}

/** Ends every live session of the caller, their own included; returns how many. */
export async function signOutEverywhere(ctx: ActorCtx): Promise<number> {
  sessionOnly(ctx, "Signing out everywhere is done");
  return revokeUserSessions(ctx.db, ctx.actor.userId, null);
}
