// Change notification for watching runtimes (long-poll and SSE on the resolved view). A write
// that may move a runtime's resolved digest, or end someone's right to watch it (a revoked
// token), calls `notifyChange(tx, orgId)` inside its transaction; watchers `subscribe(orgId)` and
// on each wake read the digest again. Across processes and instances through the database that is
// already there: PostgreSQL `pg_notify` (delivered at commit) heard by ONE `LISTEN` connection per
// process; SQLite a per-org counter row bumped in the transaction, read by ONE poller per process
// while someone watches. A wake says only "something in this org may have changed", and of which
// kind: "digest" (a resolved view may have moved, a runtime may be gone) or "auth" (someone's right
// to watch may have ended: a token revoked, a member removed or their role changed, a session ended).
// SQLite counts the auth kind in a second row, keyed `auth:<orgId>`.
import pg from "pg";
import { db, type Tx } from "@/lib/db/client";
import { byProvider } from "@/lib/db/provider";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

const CHANNEL = "quiver_changes";
/** The LISTEN connection's application_name, to find it in pg_stat_activity. */
const LISTENER_NAME = "quiver-change-listener";
/** How often the SQLite poller reads the counters of the watched orgs (one indexed read). */
const POLL_MS = 100;
/** A LISTEN connection with no watchers left is closed after this long. */
const IDLE_CLOSE_MS = 5_000;
const BACKOFF_MIN_MS = 250;
const BACKOFF_MAX_MS = 10_000;

/**
 * Tells every watcher of these orgs, in every process, that something changed; delivered when the
 * transaction commits (nothing when it rolls back).
 */
export async function notifyChange(
  tx: Tx,
  orgIds: string | Iterable<string>,
  kind: ChangeKind = "digest",
): Promise<void> {
  const ids = [...new Set(typeof orgIds === "string" ? [orgIds] : orgIds)].sort();
  for (const id of ids) {
    await byProvider(tx, {
      postgresql: () => tx.$executeRaw`SELECT pg_notify(${CHANNEL}, ${payloadOf(id, kind)})`,
      sqlite: () =>
        tx.$executeRaw`INSERT INTO "OrgChange" ("orgId", "seq") VALUES (${rowOf(id, kind)}, 1)
          ON CONFLICT ("orgId") DO UPDATE SET "seq" = "seq" + 1`,
    });
  }
}

/** "digest": a resolved view may have moved; "auth": someone's right to watch may have ended. */
export type ChangeKind = "digest" | "auth";

const AUTH_PREFIX = "auth:";
const payloadOf = (orgId: string, kind: ChangeKind) =>
  kind === "auth" ? AUTH_PREFIX + orgId : orgId;
const rowOf = payloadOf;
/** The org and kind of a pg_notify payload or an OrgChange row key. */
function parsePayload(key: string): [string, ChangeKind] {
  return key.startsWith(AUTH_PREFIX) ? [key.slice(AUTH_PREFIX.length), "auth"] : [key, "digest"];
}

type Listener = (kind: ChangeKind) => void;

/** The process's watchers by org, and the one source of wakes (a LISTEN connection or a poller). */
interface Hub {
  listeners: Map<string, Set<Listener>>;
  source: Source | null;
}

interface Source {
  /** Resolves once a change to `orgId` committed from now on will wake its listeners. */
  watch(orgId: string): Promise<void>;
  /** Called when the last listener of every org is gone. */
  idle(): void;
}

// One per process, not per route bundle: a production server evaluates this module once per route.
const holder = globalThis as unknown as { quiverChangeHub?: Hub };
const hub = (holder.quiverChangeHub ??= { listeners: new Map(), source: null });

function dispatch(orgId: string, kind: ChangeKind): void {
  for (const listener of [...(hub.listeners.get(orgId) ?? [])]) listener(kind);
}

/** After a lost connection anything may have been missed, of either kind. */
function dispatchAll(): void {
  for (const orgId of hub.listeners.keys()) dispatch(orgId, "auth");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** PostgreSQL: one LISTEN connection, reconnected with backoff; after a reconnect every watcher wakes (it may have missed a change). */
function pgSource(url: string): Source {
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let idleTimer: NodeJS.Timeout | null = null;

  const lost = (c: pg.Client) => {
    if (client !== c) return;
    client = null;
    connecting = null;
    c.end().catch(() => {});
    if (hub.listeners.size > 0) void ensure().then(dispatchAll, () => {});
  };

  const connect = async () => {
    for (let backoff = BACKOFF_MIN_MS; ; backoff = Math.min(backoff * 2, BACKOFF_MAX_MS)) {
      const c = new pg.Client({ connectionString: url, application_name: LISTENER_NAME });
      c.on("error", (err) => {
        log.warn("change listener connection failed", { error: err.message });
        lost(c);
      });
      try {
        await c.connect();
        await c.query(`LISTEN ${CHANNEL}`);
        c.on("notification", (m) => m.payload && dispatch(...parsePayload(m.payload)));
        c.on("end", () => lost(c));
        client = c;
        return;
      } catch (err) {
        log.warn("change listener could not connect; retrying", {
          error: (err as Error).message,
          retryInMs: backoff,
        });
        c.end().catch(() => {});
        await sleep(backoff);
      }
    }
  };

  const ensure = () => (connecting ??= connect());

  return {
    async watch() {
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
      await ensure();
    },
    idle() {
      idleTimer ??= setTimeout(() => {
        idleTimer = null;
        if (hub.listeners.size > 0 || !client) return;
        const c = client;
        client = null;
        connecting = null;
        c.end().catch(() => {});
      }, IDLE_CLOSE_MS);
      idleTimer.unref();
    },
  };
}

/** SQLite: the counters of the watched orgs, read every POLL_MS while anyone watches. */
function sqliteSource(): Source {
  const seen = new Map<string, number>();
  let timer: NodeJS.Timeout | null = null;

  /** The counters of these orgs, both kinds (keys as in OrgChange). */
  const read = async (orgIds: string[]) => {
    const keys = orgIds.flatMap((id) => [rowOf(id, "digest"), rowOf(id, "auth")]);
    const out = new Map<string, number>();
    for (let i = 0; i < keys.length; i += 500) {
      const chunk = keys.slice(i, i + 500);
      // Through the driver (lib/db/direct.ts): every process polls every POLL_MS while anyone
      // watches, and through Prisma the poll was a quarter of an idle server's CPU.
      const rows = await db().direct.rows<{ orgId: string; seq: number | bigint }>(
        `SELECT "orgId", "seq" FROM "OrgChange" WHERE "orgId" IN (${chunk.map(() => "?").join(", ")})`,
        chunk,
      );
      for (const r of rows) out.set(r.orgId, Number(r.seq));
    }
    return out;
  };

  const tick = async () => {
    timer = null;
    const orgIds = [...hub.listeners.keys()];
    if (orgIds.length === 0) return;
    try {
      const now = await read(orgIds);
      for (const orgId of orgIds) {
        for (const kind of ["auth", "digest"] as const) {
          const key = rowOf(orgId, kind);
          const seq = now.get(key) ?? 0;
          if (seen.has(key) && seen.get(key) !== seq) {
            seen.set(key, seq);
            dispatch(orgId, kind);
          }
        }
      }
    } catch (err) {
      log.warn("change poller failed", { error: (err as Error).message });
    }
    schedule();
  };

  const schedule = () => {
    if (timer || hub.listeners.size === 0) return;
    timer = setTimeout(() => void tick(), POLL_MS);
    timer.unref();
  };

  return {
    async watch(orgId) {
      const digestKey = rowOf(orgId, "digest");
      if (!seen.has(digestKey)) {
        const now = await read([orgId]);
        for (const kind of ["digest", "auth"] as const)
          seen.set(rowOf(orgId, kind), now.get(rowOf(orgId, kind)) ?? 0);
      }
      schedule();
    },
    idle() {
      // Orgs nobody watches are forgotten; their next watcher reads a fresh baseline.
      for (const key of seen.keys()) if (!hub.listeners.has(parsePayload(key)[0])) seen.delete(key);
    },
  };
}

function source(): Source {
  return (hub.source ??= byProvider(db(), {
    postgresql: () => pgSource(env().DATABASE_URL),
    sqlite: () => sqliteSource(),
  }));
}

/**
 * Calls `listener` on every change notified for the org from the moment this resolves, with its
 * kind (and sometimes without one: a wake is a hint to look again). Returns the function that stops it.
 */
export async function subscribe(orgId: string, listener: Listener): Promise<() => void> {
  let set = hub.listeners.get(orgId);
  if (!set) hub.listeners.set(orgId, (set = new Set<Listener>()));
  set.add(listener);
  const unsubscribe = () => {
    const s = hub.listeners.get(orgId);
    if (!s?.delete(listener) || s.size > 0) return;
    hub.listeners.delete(orgId);
    hub.source?.idle();
  };
  try {
    await source().watch(orgId);
  } catch (err) {
    unsubscribe();
    throw err;
  }
  return unsubscribe;
}
