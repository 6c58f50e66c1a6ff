// The one read behind every token-authenticated request: the token a secret's hash names, its
// user, and the org (and workspace) the request names if the token may see them.
// - SQLite: one prepared statement per lookup, through the driver (no round trip to save).
// - PostgreSQL: the lookups that arrive together go in one query. A change wakes thousands of
//   long-polls at once and each is re-issued at once, so thousands of lookups arrive within a
//   second; one query each cost the server a write and the parsing of an answer per request,
//   which was over half of its CPU in that burst (docs/benchmarks.md, "Scale (issue 20)"). The
//   lookups of one turn of the event loop go together, at most BATCH_MAX at once; at most
//   IN_FLIGHT such queries run at once, and lookups that arrive meanwhile wait for the next. A
//   lookup alone goes at the end of its turn: nothing is held back for company. Nothing is
//   cached: every lookup reads the database after its request arrived, so revocation still
//   holds from the next request on.
import type { Db } from "@/lib/db/client";
import { byProvider } from "@/lib/db/provider";

export interface TokenRow {
  tokenId: string;
  tokenName: string;
  tokenOrgId: string;
  tokenWorkspaceId: string | null;
  scopes: unknown;
  expiresAt: unknown;
  revokedAt: unknown;
  lastUsedAt: unknown;
  userId: string;
  email: string;
  userName: string;
  orgId: string | null;
  orgSlug: string | null;
  orgName: string | null;
  role: string | null;
  /** Null unless the lookup named a workspace of the org and it exists. */
  workspaceId: string | null;
  workspaceSlug: string | null;
  workspaceName: string | null;
}

const TOKEN_COLUMNS = `
  SELECT t."id" AS "tokenId", t."name" AS "tokenName", t."orgId" AS "tokenOrgId", t."workspaceId" AS "tokenWorkspaceId",
         t."scopes" AS "scopes", t."expiresAt" AS "expiresAt", t."revokedAt" AS "revokedAt", t."lastUsedAt" AS "lastUsedAt",
         u."id" AS "userId", u."email" AS "email", u."name" AS "userName",
         o."id" AS "orgId", o."slug" AS "orgSlug", o."name" AS "orgName", CAST(m."role" AS TEXT) AS "role"`;
const WORKSPACE_COLUMNS = `,
         w."id" AS "workspaceId", w."slug" AS "workspaceSlug", w."name" AS "workspaceName"`;
const joinsOn = (org: string, workspace: string) => `
  JOIN "User" u ON u."id" = t."userId"
  LEFT JOIN "Organization" o ON o."id" = t."orgId" AND o."slug" = ${org}
  LEFT JOIN "Membership" m ON m."orgId" = o."id" AND m."userId" = t."userId"
  LEFT JOIN "Workspace" w ON w."orgId" = o."id" AND w."slug" = ${workspace}`;

/** One lookup; the workspace's columns are null when `workspaceSlug` is null. */
const SINGLE_QUERY = `${TOKEN_COLUMNS}${WORKSPACE_COLUMNS}
  FROM "ApiToken" t${joinsOn("?", "?")}
  WHERE t."tokenHash" = ?`;
/** Many lookups, one per array element; `i` is the lookup's place (1-based) in the arrays. */
const BATCH_QUERY = `${TOKEN_COLUMNS}${WORKSPACE_COLUMNS}, CAST(q."i" AS INTEGER) AS "i"
  FROM unnest(CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[])) WITH ORDINALITY AS q("hash", "org", "ws", "i")
  JOIN "ApiToken" t ON t."tokenHash" = q."hash"${joinsOn('q."org"', 'q."ws"')}`;

/** Lookups in one query at most; and such queries at once, per process. */
const BATCH_MAX = 500;
const IN_FLIGHT = 2;

interface Lookup {
  hash: string;
  orgSlug: string | null;
  workspaceSlug: string | null;
  resolve: (row: TokenRow | undefined) => void;
  reject: (error: unknown) => void;
}

interface Batcher {
  queue: Lookup[];
  inFlight: number;
  scheduled: boolean;
}

const batchers = new WeakMap<Db, Batcher>();

function schedule(db: Db, b: Batcher): void {
  if (b.scheduled || b.inFlight >= IN_FLIGHT || b.queue.length === 0) return;
  b.scheduled = true;
  // After the turn's other I/O callbacks, so that the lookups they start go along.
  setImmediate(() => {
    b.scheduled = false;
    send(db, b);
  });
}

/**
 * PostgreSQL refuses text with a NUL character, and would fail the whole batch for one request's
 * slug; no slug has one, so such a slug matches nothing, as null does.
 */
const textOrNull = (s: string | null) => (s === null || s.includes("\u0000") ? null : s);

function send(db: Db, b: Batcher): void {
  if (b.inFlight >= IN_FLIGHT || b.queue.length === 0) return;
  const batch = b.queue.splice(0, BATCH_MAX);
  b.inFlight++;
  db.direct
    .rows<TokenRow & { i: number }>(BATCH_QUERY, [
      batch.map((l) => l.hash),
      batch.map((l) => textOrNull(l.orgSlug)),
      batch.map((l) => textOrNull(l.workspaceSlug)),
    ])
    .then(
      (rows) => {
        const found = new Map<number, TokenRow>();
        for (const { i, ...row } of rows) found.set(i, row);
        batch.forEach((l, n) => l.resolve(found.get(n + 1)));
      },
      (error: unknown) => batch.forEach((l) => l.reject(error)),
    )
    .finally(() => {
      b.inFlight--;
      schedule(db, b);
    });
  // Lookups beyond BATCH_MAX go in the next query, if one may run.
  if (b.queue.length > 0) schedule(db, b);
}

/**
 * The row of the token whose hash is `hash`, with the org `orgSlug` names when it is the token's
 * (and the member's role in it), and the workspace `workspaceSlug` names in that org; undefined
 * when no token has that hash.
 */
export function lookupToken(
  db: Db,
  hash: string,
  orgSlug: string | null,
  workspaceSlug: string | null,
): Promise<TokenRow | undefined> {
  return byProvider(db, {
    sqlite: () =>
      db.direct
        .rows<TokenRow>(SINGLE_QUERY, [orgSlug, workspaceSlug, hash])
        .then((rows) => rows[0]),
    postgresql: () => {
      let b = batchers.get(db);
      if (!b) {
        b = { queue: [], inFlight: 0, scheduled: false };
        batchers.set(db, b);
      }
      const batcher = b;
      return new Promise<TokenRow | undefined>((resolve, reject) => {
        batcher.queue.push({ hash, orgSlug, workspaceSlug, resolve, reject });
        schedule(db, batcher);
      });
    },
  });
}
