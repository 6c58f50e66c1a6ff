// Token lookups that arrive together: each gets its own answer, the same as alone, on both
// providers; on PostgreSQL they go in one query, and a failed query fails only its own lookups.
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createDb, db } from "@/lib/db/client";
import { newMember, newOwner, tokenFor, uid } from "@/lib/testing/api";
import { hashToken, resolveToken } from "./tokens";
import { lookupToken } from "./token-lookup";

const onPostgres = process.env.DATABASE_URL!.startsWith("postgres");

/** Counts the statements sent through `pg` while `fn` runs. */
async function countingQueries<T>(fn: () => Promise<T>): Promise<{ result: T; sent: string[] }> {
  const sent: string[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const q = args[0] as string | { text: string };
    sent.push(typeof q === "string" ? q : q.text);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    return { result: await fn(), sent };
  } finally {
    pg.Client.prototype.query = original;
  }
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** What a caller learns from a resolved token: enough to tell every case apart. */
async function outcome(secret: string, org: string | null, ws: string | null) {
  try {
    const t = await resolveToken(db(), secret, org, new Date(), ws);
    return { id: t.id, user: t.user.id, access: t.access };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

describe("token lookups that arrive together", () => {
  it("each get the answer they get alone", async () => {
    const a = await newOwner();
    const b = await newOwner();
    const viewer = await newMember(a.org, "viewer");
    const ta = await tokenFor(a);
    const tb = await tokenFor(b, ["read"]);
    const tv = await tokenFor(viewer, ["read"]);
    const revoked = await tokenFor(a);
    await db().apiToken.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    const unknown = `qvr_${uid()}${uid()}`;
    const cases: [string, string | null, string | null][] = [];
    for (const secret of [ta.secret, tb.secret, tv.secret, revoked.secret, unknown])
      for (const org of [a.org.slug, b.org.slug, null, "no-such-org", "bad\u0000slug"])
        for (const ws of [null, "main", "no-such-ws", "bad\u0000ws"]) cases.push([secret, org, ws]);

    const alone = [];
    for (const c of cases) alone.push(await outcome(...c));
    const { result: together, sent } = await countingQueries(() =>
      Promise.all(cases.map((c) => outcome(...c))),
    );
    expect(together).toEqual(alone);

    // The cases are told apart: a token of the org with and without its workspace, the foreign
    // org, the revoked and the unknown token.
    const at = (secret: string, org: string | null, ws: string | null) =>
      together[cases.findIndex((c) => c[0] === secret && c[1] === org && c[2] === ws)];
    expect(at(ta.secret, a.org.slug, "main")).toMatchObject({
      id: ta.id,
      access: { org: { id: a.org.id }, role: "owner", workspace: { slug: "main" } },
    });
    expect(at(tv.secret, a.org.slug, "no-such-ws")).toMatchObject({
      access: { role: "viewer", workspace: null },
    });
    expect(at(tv.secret, a.org.slug, null)?.access).not.toHaveProperty("workspace");
    expect(at(tb.secret, a.org.slug, "main")).toMatchObject({ id: tb.id, access: null });
    expect(at(ta.secret, "bad\u0000slug", "main")).toMatchObject({ id: ta.id, access: null });
    expect(at(revoked.secret, a.org.slug, null)).toEqual({
      error: "This API token has been revoked",
    });
    expect(at(unknown, a.org.slug, null)).toEqual({ error: "Invalid API token" });

    // On PostgreSQL the 100 lookups went in one query (and a token's last use, once a minute).
    if (onPostgres) expect(sent.filter((s) => s.includes('"ApiToken" t'))).toHaveLength(1);
  });

  it.runIf(onPostgres)("go at most 500 to a query, every one answered", async () => {
    const a = await newOwner();
    const t = await tokenFor(a);
    const hash = hashToken(t.secret);
    const { result, sent } = await countingQueries(() =>
      Promise.all(Array.from({ length: 1_201 }, () => lookupToken(db(), hash, a.org.slug, null))),
    );
    expect(result.every((row) => row?.tokenId === t.id && row.orgId === a.org.id)).toBe(true);
    expect(sent.filter((s) => s.includes('"ApiToken" t'))).toHaveLength(3);
  });

  it.runIf(onPostgres)(
    "fail together when their query fails, and later ones still go",
    async () => {
      // A database that does not exist: every query fails, as when the server is away.
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/quiver_no_such_db_${uid()}`;
      const gone = createDb(url.toString());
      closers.push(() => gone.$disconnect());
      const hash = hashToken(`qvr_${uid()}`);
      for (let round = 0; round < 3; round++) {
        const answers = await Promise.allSettled(
          Array.from({ length: 5 }, () => lookupToken(gone, hash, null, null)),
        );
        expect(answers.map((r) => r.status)).toEqual(Array(5).fill("rejected"));
      }
      // The shared client's lookups are another queue, untouched.
      expect(await lookupToken(db(), hash, null, null)).toBeUndefined();
    },
  );
});
