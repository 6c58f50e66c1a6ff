// Holding a request until a runtime's resolved digest changes: the long-poll of the resolved view
// and its event stream. One hub per process holds every watch, grouped by org:
// - the org is subscribed to once (lib/runtimes/changes.ts), BEFORE a new watch reads its digest,
//   so no change slips between the read and the wait;
// - notices arriving within COALESCE_MS become one wake of the org; the hub then reads the digests
//   of all runtimes watched in the org in one query (chunks of 500 ids) and wakes only the watches
//   whose runtime's digest moved or which are gone (they read again and end with a 404). Those
//   reads take one of READ_SLOTS, so watches never hold the connection pool against writers;
// - authorization is checked again per auth group (one credential on one workspace: a token or a
//   session), not per watch: on an "auth" notice (token revoked, member removed or role changed,
//   session ended), before the credential expires (a session's check also moves its idle expiry,
//   as any use does) and at the latest every SAFETY_RECHECK_MS. A refused check ends every watch
//   of the group with its 401/404 at once; other groups are untouched.
// - a new watch takes its runtime's digest from the org's last wake when no notice has come since,
//   but only to confirm that the caller's digest is current (then it sleeps, and the next notice's
//   wake looks again); a digest that differs is read from the database, so a caller never gets an
//   older view than one it has. Each re-issued long-poll thus skips a read; one that comes while
//   the org's wake is due or running waits for that wake's read (at most WAKE_WAIT_MS), on the
//   same terms. A wake reads the runtimes whose last watch left within RECENT_MS too: a runtime's
//   long-polls all leave when answered, and their re-issues come after the next wake. A watch's
//   own read, when no notice came during it, is kept with the wake's on the same terms;
// - the woken watches of one runtime share one read of its new view (sharedView): a change wakes
//   thousands, and their continuations run over many turns of the event loop, so a read shared
//   only while in flight was made again hundreds of times per change.
// Nothing runs per watch while nothing changes but the wait's own deadline timer.
import type { WorkspaceCtx } from "@/lib/api/context";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { subscribe, type ChangeKind } from "./changes";
import { resolvedDigestOf, resolvedOf } from "./service";

type ResolvedView = Awaited<ReturnType<typeof resolvedOf>>;

/** Notices of one org within this long are one wake. */
const COALESCE_MS = 50;
/** Org wakes (digest reads, auth checks) that may use the database at once, per process. */
const READ_SLOTS = 2;
/** Auth groups checked at once within one org wake. */
const AUTH_BATCH = 4;
/** A group's credentials are checked again at least this often (changes no notice announces). */
const SAFETY_RECHECK_MS = 5 * 60_000;
/** A session is looked at this long before its idle expiry, which the look moves forward. */
const EXPIRY_LEAD_MS = 2 * 60_000;
/**
 * A view read is kept this long after it settles, for the watches of its runtime woken after it.
 * A view is a function of its digest (the digest covers every capability's name, version, content
 * digest and flags; the approved tools come from the version's stored files), as the view's ETag
 * already says: so a kept view is the one a new read at the same digest would give.
 */
const VIEW_KEEP_MS = 5_000;
/** A wake also reads the digests of runtimes whose last watch left within this long. */
const RECENT_MS = 10_000;
/** A new watch waits at most this long for a due wake of its org to read its digest. */
const WAKE_WAIT_MS = 1_000;
/** A failed org wake (the database busy or away) is tried again after this long. */
const RETRY_MS = 1_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface RuntimeWatch {
  /** The context as last authorized. */
  readonly ctx: WorkspaceCtx;
  /** The runtime's digest as last read (null before `until` first read it). */
  readonly digest: string | null;
  /**
   * The runtime's digest as soon as `current(digest)` is false; null when `deadline` (epoch ms)
   * passes or the request is aborted first. Throws the 401 or 404 that ends a watch.
   */
  until(current: (digest: string) => boolean, deadline: number): Promise<string | null>;
  /**
   * The resolved view at `digest` or later; watches of one runtime woken by the same change share
   * one read of it (no cache: only reads in flight are shared).
   */
  view(digest: string): Promise<ResolvedView>;
  close(): void;
}

interface Watcher {
  runtimeId: string;
  ctx: WorkspaceCtx;
  reauthorize: () => Promise<WorkspaceCtx>;
  /** The digest as last read; null: unknown or the runtime gone (the watch reads it itself). */
  digest: string | null;
  /** Bumped whenever the hub sets `digest`, so a watch's own slower read does not overwrite it. */
  version: number;
  error: unknown;
  /** Set while the watch sleeps. */
  wake: (() => void) | null;
}

interface AuthGroup {
  key: string;
  watchers: Set<Watcher>;
  timer: NodeJS.Timeout | null;
}

interface OrgEntry {
  orgId: string;
  watchers: Set<Watcher>;
  groups: Map<string, AuthGroup>;
  ready: Promise<() => void>;
  timer: NodeJS.Timeout | null;
  authDue: Set<AuthGroup> | "all" | null;
  running: boolean;
  again: boolean;
  /**
   * The digests (and workspaces) of the watched runtimes as the last wake read them, with those
   * watches read themselves since; null from a notice until a wake has read them again.
   */
  digests: Map<string, { workspaceId: string; resolvedDigest: string }> | null;
  /** Counts notices: a read that one arrived during is not kept as `digests`. */
  notices: number;
  /**
   * Runtimes whose last watch left within RECENT_MS, and when: a wake reads their digests too, for
   * the long-polls answered a moment ago and not yet re-issued.
   */
  recent: Map<string, number>;
}

interface Hub {
  orgs: Map<string, OrgEntry>;
  /** Reads of resolved views in flight or settled within VIEW_KEEP_MS, by workspace, runtime and digest. */
  views: Map<string, Promise<ResolvedView>>;
  slotsFree: number;
  queue: (() => void)[];
}

// One per process, not per route bundle (a production server evaluates modules once per route).
const holder = globalThis as unknown as { quiverWatchHub?: Hub };
const hub: Hub = (holder.quiverWatchHub ??= {
  orgs: new Map(),
  views: new Map(),
  slotsFree: READ_SLOTS,
  queue: [],
});

async function inSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (hub.slotsFree > 0) hub.slotsFree--;
  else await new Promise<void>((r) => hub.queue.push(r));
  try {
    return await fn();
  } finally {
    const next = hub.queue.shift();
    if (next) next();
    else hub.slotsFree++;
  }
}

/** One credential on one workspace: its watches share every authorization check. */
function authKey(ctx: WorkspaceCtx): string {
  const a = ctx.actor;
  const who = a.token ? `t:${a.token.id}` : `s:${a.sessionId ?? a.userId}`;
  return `${who}|${ctx.workspace.id}`;
}

function wakeWatcher(w: Watcher): void {
  w.wake?.();
}

function schedule(entry: OrgEntry, ms = COALESCE_MS): void {
  if (entry.timer || hub.orgs.get(entry.orgId) !== entry) return;
  entry.timer = setTimeout(() => void flush(entry), ms);
}

function onNotice(entry: OrgEntry, kind: ChangeKind): void {
  if (kind === "auth") entry.authDue = "all";
  entry.notices++;
  entry.digests = null;
  schedule(entry);
}

/** When to look at a group's credentials again: before they expire, and at least every SAFETY_RECHECK_MS. */
function scheduleRecheck(entry: OrgEntry, group: AuthGroup, ctx: WorkspaceCtx): void {
  if (group.timer) clearTimeout(group.timer);
  const now = Date.now();
  let at = now + SAFETY_RECHECK_MS;
  const expires = ctx.actor.expiresAt?.getTime();
  if (expires !== undefined) {
    // A session is looked at before its idle expiry (the look keeps it alive, as the watch is use).
    const lead = ctx.actor.sessionId && expires - EXPIRY_LEAD_MS > now ? EXPIRY_LEAD_MS : 0;
    at = Math.min(at, expires - lead);
  }
  group.timer = setTimeout(
    () => {
      group.timer = null;
      if (entry.authDue === null) entry.authDue = new Set([group]);
      else if (entry.authDue !== "all") entry.authDue.add(group);
      schedule(entry, 0);
    },
    Math.min(Math.max(at - now, 0), MAX_TIMER_MS),
  );
  group.timer.unref();
}

/** Checks the group's credentials once for all its watches; a refusal ends them all. */
async function recheck(entry: OrgEntry, group: AuthGroup): Promise<void> {
  const first = group.watchers.values().next().value;
  if (!first) return;
  try {
    const ctx = await first.reauthorize();
    for (const w of group.watchers) w.ctx = ctx;
    scheduleRecheck(entry, group, ctx);
  } catch (err) {
    if (group.timer) clearTimeout(group.timer);
    entry.groups.delete(group.key);
    for (const w of group.watchers) {
      w.error = err;
      wakeWatcher(w);
    }
    group.watchers.clear();
  }
}

/** Reads the digests of every runtime watched in the org and wakes the watches whose moved or went. */
async function readDigests(entry: OrgEntry): Promise<void> {
  const notices = entry.notices;
  const watched = new Set([...entry.watchers].map((w) => w.runtimeId));
  const since = Date.now() - RECENT_MS;
  for (const [id, at] of entry.recent)
    if (at < since) entry.recent.delete(id);
    else watched.add(id);
  const ids = [...watched];
  const rows = new Map<string, { workspaceId: string; resolvedDigest: string }>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const r of await db().runtime.findMany({
      where: { id: { in: ids.slice(i, i + 500) } },
      select: { id: true, workspaceId: true, resolvedDigest: true },
    }))
      rows.set(r.id, r);
  }
  if (entry.notices === notices) entry.digests = rows;
  for (const w of entry.watchers) {
    const row = rows.get(w.runtimeId);
    const digest = row && row.workspaceId === w.ctx.workspace.id ? row.resolvedDigest : null;
    if (digest === w.digest && digest !== null) continue;
    w.digest = digest;
    w.version++;
    wakeWatcher(w);
  }
}

async function flush(entry: OrgEntry): Promise<void> {
  entry.timer = null;
  if (entry.running) {
    entry.again = true;
    return;
  }
  entry.running = true;
  const due = entry.authDue;
  entry.authDue = null;
  try {
    await inSlot(async () => {
      const groups = due === "all" ? [...entry.groups.values()] : [...(due ?? [])];
      for (let i = 0; i < groups.length; i += AUTH_BATCH)
        await Promise.all(groups.slice(i, i + AUTH_BATCH).map((g) => recheck(entry, g)));
      if (entry.watchers.size > 0) await readDigests(entry);
    });
  } catch (err) {
    log.warn("watch hub could not read the org's digests; retrying", {
      orgId: entry.orgId,
      error: (err as Error).message,
    });
    if (due && entry.authDue !== "all")
      entry.authDue = due === "all" ? "all" : new Set([...due, ...(entry.authDue ?? [])]);
    entry.again = false;
    entry.running = false;
    schedule(entry, RETRY_MS);
    return;
  }
  entry.running = false;
  if (entry.again) {
    entry.again = false;
    schedule(entry, 0);
  }
}

function orgEntry(orgId: string): OrgEntry {
  let entry = hub.orgs.get(orgId);
  if (entry) return entry;
  const created: OrgEntry = {
    orgId,
    watchers: new Set(),
    groups: new Map(),
    ready: subscribe(orgId, (kind) => onNotice(created, kind)),
    timer: null,
    authDue: null,
    running: false,
    again: false,
    digests: null,
    notices: 0,
    recent: new Map(),
  };
  created.ready.catch(() => {
    if (hub.orgs.get(orgId) === created) hub.orgs.delete(orgId);
  });
  hub.orgs.set(orgId, (entry = created));
  return entry;
}

function leave(entry: OrgEntry, w: Watcher): void {
  entry.watchers.delete(w);
  entry.recent.set(w.runtimeId, Date.now());
  const key = authKey(w.ctx);
  const group = entry.groups.get(key);
  if (group?.watchers.delete(w) && group.watchers.size === 0) {
    if (group.timer) clearTimeout(group.timer);
    entry.groups.delete(key);
  }
  if (entry.watchers.size > 0 || hub.orgs.get(entry.orgId) !== entry) return;
  hub.orgs.delete(entry.orgId);
  if (entry.timer) clearTimeout(entry.timer);
  void entry.ready.then(
    (unsubscribe) => unsubscribe(),
    () => {},
  );
}

/** Adds a watch to its org's entry (subscribed before it resolves) and to its auth group. */
async function join(w: Watcher): Promise<OrgEntry> {
  let entry = orgEntry(w.ctx.org.id);
  await entry.ready;
  // The org's last watch may have left (and unsubscribed) while this one waited.
  while (hub.orgs.get(entry.orgId) !== entry) await (entry = orgEntry(entry.orgId)).ready;
  entry.watchers.add(w);
  const key = authKey(w.ctx);
  let group = entry.groups.get(key);
  if (!group) {
    entry.groups.set(key, (group = { key, watchers: new Set(), timer: null }));
    scheduleRecheck(entry, group, w.ctx);
  }
  group.watchers.add(w);
  return entry;
}

/** Sleeps until the hub wakes the watch, the abort or `ms`, whichever is first. */
function sleep(w: Watcher, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, Math.min(ms, MAX_TIMER_MS));
    function done() {
      clearTimeout(timer);
      w.wake = null;
      resolve();
    }
    w.wake = done;
  });
}

/**
 * The runtime's resolved view at `digest` (its current digest, as just read) or later: one read
 * serves every caller asking for that digest while in flight and, when it found that digest,
 * for VIEW_KEEP_MS after. A failed read (a runtime gone: 404) is not kept.
 */
export function sharedView(
  ctx: WorkspaceCtx,
  runtimeId: string,
  digest: string,
): Promise<ResolvedView> {
  const key = `${ctx.workspace.id}:${runtimeId}:${digest}`;
  const kept = hub.views.get(key);
  if (kept) return kept;
  const made = resolvedOf(ctx, runtimeId);
  hub.views.set(key, made);
  const forget = () => {
    if (hub.views.get(key) === made) hub.views.delete(key);
  };
  made.then(
    // A later view is shared only while in flight: the digest may come back to `digest` (a flag
    // turned off and on again), and then it must not be answered with the view between.
    (view) =>
      view.runtime_digest === digest ? setTimeout(forget, VIEW_KEEP_MS).unref() : forget(),
    forget,
  );
  return made;
}

/**
 * Sets the digest of a watch that does not know it (`w.digest` null), as cheaply as `current`
 * allows. Returns whether it waited for a wake.
 * - The org's last wake read it, and no notice has come since: trusted only to say that the
 *   caller's digest is current (a commit whose notice is on its way wakes this watch).
 * - A wake of the org is due or running (and `mayWait`): it reads the digests of every watched
 *   runtime in one query and sets this watch's. A change re-issues thousands of long-polls while
 *   its notices still arrive, and a read each was most of a change's queries. That digest is
 *   trusted on the same terms; a read that began before this watch joined is followed by the wake
 *   of any notice since.
 * - Otherwise its own read (a gone runtime: 404).
 */
async function learnDigest(
  org: OrgEntry,
  w: Watcher,
  current: (digest: string) => boolean,
  deadline: number,
  mayWait: boolean,
): Promise<boolean> {
  const version = w.version;
  const known = org.digests?.get(w.runtimeId);
  if (known?.workspaceId === w.ctx.workspace.id && current(known.resolvedDigest)) {
    w.digest = known.resolvedDigest;
    return false;
  }
  if (mayWait && (org.timer !== null || org.running) && deadline > Date.now()) {
    await sleep(w, Math.min(deadline - Date.now(), WAKE_WAIT_MS));
    if (w.digest !== null && !current(w.digest)) w.digest = null;
    return true;
  }
  const notices = org.notices;
  const digest = await resolvedDigestOf(w.ctx, w.runtimeId);
  if (w.version === version) w.digest = digest;
  // Read after every notice so far and none came meanwhile: as current as a wake's read, and
  // kept on the same terms, so the runtime's next watches confirm without a read of their own
  // (long-polls that reach their end without a change are re-issued together, once a minute).
  if (org.notices === notices) {
    org.digests ??= new Map();
    org.digests.set(w.runtimeId, { workspaceId: w.ctx.workspace.id, resolvedDigest: digest });
  }
  return false;
}

interface WatchArgs {
  ctx: WorkspaceCtx;
  runtimeId: string;
  reauthorize: () => Promise<WorkspaceCtx>;
  signal: AbortSignal;
}

export async function watchRuntime(args: WatchArgs): Promise<RuntimeWatch> {
  const { runtimeId, signal, ctx, reauthorize } = args;
  const w: Watcher = {
    runtimeId,
    ctx,
    reauthorize,
    digest: null,
    version: 0,
    error: null,
    wake: null,
  };
  const org = await join(w);
  const onAbort = () => wakeWatcher(w);
  signal.addEventListener("abort", onAbort);

  return {
    get ctx() {
      return w.ctx;
    },
    get digest() {
      return w.digest;
    },
    async until(current, deadline) {
      let waited = false;
      for (;;) {
        if (signal.aborted) return null;
        if (w.error) throw w.error;
        if (w.digest === null) {
          if (await learnDigest(org, w, current, deadline, !waited)) waited = true;
          continue;
        }
        if (!current(w.digest)) return w.digest;
        const left = deadline - Date.now();
        if (left <= 0) return null;
        const version = w.version;
        await sleep(w, left);
        if (w.version === version && !w.error && !signal.aborted && Date.now() >= deadline)
          return null;
      }
    },
    view(digest) {
      return sharedView(w.ctx, runtimeId, digest);
    },
    close() {
      w.wake = null;
      signal.removeEventListener("abort", onAbort);
      leave(org, w);
    },
  };
}
