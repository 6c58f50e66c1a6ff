// Browser sessions kept on the server. Signing in creates an AuthSession row and the next-auth JWT
// carries its id (`sid`); every request checks the row, so signing out, changing the password or
// the session's lifetime running out ends it at once, whatever the cookie still says. The JWT's
// own expiry is only the outer bound.
import type { Db, Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { notifyChange } from "@/lib/runtimes/changes";

const HOUR_MS = 60 * 60 * 1000;
/** lastSeenAt (and the idle expiry that follows it) is written at most this often per session. */
const TOUCH_RESOLUTION_MS = 60_000;

export interface SessionLifetime {
  idleMs: number;
  maxMs: number;
}

export function sessionLifetime(): SessionLifetime {
  const e = env();
  return {
    idleMs: e.QUIVER_SESSION_IDLE_HOURS * HOUR_MS,
    maxMs: e.QUIVER_SESSION_MAX_HOURS * HOUR_MS,
  };
}

/** The session's end if used now: idle lifetime from now, never past the absolute lifetime. */
export function nextExpiry(
  createdAt: Date,
  now: Date,
  life: SessionLifetime = sessionLifetime(),
): Date {
  return new Date(Math.min(createdAt.getTime() + life.maxMs, now.getTime() + life.idleMs));
}

/** A new session for a user who just proved their password; its id goes into the JWT. */
export async function createSession(
  db: Db,
  userId: string,
  now = new Date(),
): Promise<{ id: string; expiresAt: Date }> {
  const row = await db.authSession.create({
    data: { userId, createdAt: now, lastSeenAt: now, expiresAt: nextExpiry(now, now) },
    select: { id: true, expiresAt: true },
  });
  return row;
}

export interface LiveSession {
  id: string;
  /** When it ends unless used again (its idle expiry, bounded by its absolute lifetime). */
  expiresAt: Date;
  user: { id: string; email: string; name: string };
}

/**
 * The session `sid` names, with its user, when it belongs to `userId` and is neither revoked nor
 * expired; null otherwise. Use moves its idle expiry forward (written once a minute at most).
 */
export async function liveSession(
  db: Db,
  sid: unknown,
  userId: unknown,
  now = new Date(),
): Promise<LiveSession | null> {
  if (typeof sid !== "string" || typeof userId !== "string" || !sid) return null;
  const row = await db.authSession.findUnique({
    where: { id: sid },
    select: {
      id: true,
      userId: true,
      createdAt: true,
      expiresAt: true,
      lastSeenAt: true,
      revokedAt: true,
      user: { select: { id: true, email: true, name: true } },
    },
  });
  if (!row || row.userId !== userId || row.revokedAt || row.expiresAt <= now) return null;
  let expiresAt = row.expiresAt;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_RESOLUTION_MS) {
    // updateMany: a session revoked in between stays revoked (no write resurrects it).
    expiresAt = nextExpiry(row.createdAt, now);
    await db.authSession.updateMany({
      where: { id: row.id, revokedAt: null },
      data: { lastSeenAt: now, expiresAt },
    });
  }
  return { id: row.id, expiresAt, user: row.user };
}

/** Ends one session (sign-out). Unknown or already ended: nothing happens. */
export async function revokeSession(db: Tx, sid: unknown, now = new Date()): Promise<void> {
  if (typeof sid !== "string" || !sid) return;
  const { count } = await db.authSession.updateMany({
    where: { id: sid, revokedAt: null },
    data: { revokedAt: now },
  });
  const row = count ? await db.authSession.findUnique({ where: { id: sid } }) : null;
  if (row) await sessionsEnded(db, row.userId);
}

/** Watches held with an ended session stop at once: its user's orgs hear an auth change. */
async function sessionsEnded(db: Tx, userId: string): Promise<void> {
  const orgs = await db.membership.findMany({ where: { userId }, select: { orgId: true } });
  await notifyChange(
    db,
    orgs.map((m) => m.orgId),
    "auth",
  );
}

/** Ends every live session of a user but `exceptId` (a password change keeps the caller's). */
export async function revokeUserSessions(
  db: Tx,
  userId: string,
  exceptId: string | null,
  now = new Date(),
): Promise<number> {
  const { count } = await db.authSession.updateMany({
    where: {
      userId,
      revokedAt: null,
      expiresAt: { gt: now },
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    data: { revokedAt: now },
  });
  if (count) await sessionsEnded(db, userId);
  return count;
}
