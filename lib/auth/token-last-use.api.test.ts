// A token's last use is written at most once a minute per process: requests that read the old
// time together (long-polls re-issued at once, one batch of lookups) share one write.
import { expect, it } from "vitest";
import { db, type Db } from "@/lib/db/client";
import { newOwner, tokenFor } from "@/lib/testing/api";
import { resolveToken } from "./tokens";

/** The database, with its token updates counted. */
function counting(): { db: Db; updates: () => number } {
  const real = db();
  let updates = 0;
  const apiToken = {
    update: (args: Parameters<Db["apiToken"]["update"]>[0]) => {
      updates++;
      return real.apiToken.update(args);
    },
  };
  const proxy = new Proxy(real, {
    get: (target, prop) => (prop === "apiToken" ? apiToken : Reflect.get(target, prop, target)),
  });
  return { db: proxy, updates: () => updates };
}

it("writes a token's last use once for the requests that find it a minute old together", async () => {
  const owner = await newOwner();
  const token = await tokenFor(owner, ["read"]);
  const then = new Date(Date.now() - 5 * 60_000);
  await db().apiToken.update({ where: { id: token.id }, data: { lastUsedAt: then } });

  const now = new Date();
  const c = counting();
  const resolved = await Promise.all(
    Array.from({ length: 20 }, () => resolveToken(c.db, token.secret, owner.org.slug, now)),
  );
  expect(resolved.every((t) => t.id === token.id)).toBe(true);
  expect(c.updates()).toBe(1);
  const row = await db().apiToken.findUniqueOrThrow({ where: { id: token.id } });
  expect(row.lastUsedAt?.getTime()).toBe(now.getTime());

  // Within the minute: no write. A minute later: one again.
  await resolveToken(c.db, token.secret, owner.org.slug, new Date(now.getTime() + 30_000));
  expect(c.updates()).toBe(1);
  const later = new Date(now.getTime() + 61_000);
  await Promise.all(
    Array.from({ length: 5 }, () => resolveToken(c.db, token.secret, owner.org.slug, later)),
  );
  expect(c.updates()).toBe(2);
});
