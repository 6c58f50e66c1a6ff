// GET /api/v1/org/{org}/audit-events/export: the filter's selection as a CSV or JSON download,
// streamed, formulas kept as text; bounded; admins only; bad filters a 422. Both databases.
import { beforeAll, describe, expect, it } from "vitest";
import { auditLogEvent } from "@/lib/audit/schemas";
import { db } from "@/lib/db/client";
import {
  call,
  expectError,
  newMember,
  newOwner,
  sessionCookie,
  tokenFor,
  type TestMember,
} from "@/lib/testing/api";
import * as workspaces from "@/app/api/v1/org/[org]/workspaces/route";
import * as tokens from "@/app/api/v1/org/[org]/tokens/route";
import { GET } from "./route";

let owner: TestMember;
let cookie: string;

/** The raw download: status, headers and text (call() reads JSON only). */
async function download(org: string, qs: string, who = cookie) {
  const res = await GET(
    new Request(`http://localhost/x?${qs}`, {
      headers: { cookie: who, origin: "http://localhost", "sec-fetch-site": "same-origin" },
    }),
    { params: Promise.resolve({ org }) },
  );
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** A CSV's records (RFC 4180), enough for these files. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  return rows;
}

beforeAll(async () => {
  owner = await newOwner();
  cookie = await sessionCookie(owner.user.id);
  const org = { org: owner.org.slug };
  for (const slug of ["ex-1", "ex-2"])
    await call(workspaces.POST, {
      method: "POST",
      params: org,
      cookie,
      body: { slug, name: slug },
    });
  await call(tokens.POST, {
    method: "POST",
    params: org,
    cookie,
    body: { name: '=HYPERLINK("http://evil","x"),2', scopes: ["read"] },
  });
});

describe("GET /api/v1/org/{org}/audit-events/export", () => {
  it("downloads the selection as CSV, newest first, with formulas kept as text", async () => {
    const res = await download(owner.org.slug, "format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      new RegExp(
        `^attachment; filename="?audit-log-${owner.org.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv"?$`,
      ),
    );
    const rows = parseCsv(res.text);
    const head = rows[0]!;
    expect(head.slice(0, 7)).toEqual([
      "created_at",
      "actor",
      "actor_type",
      "action",
      "action_label",
      "target",
      "target_name",
    ]);
    const col = (name: string) => head.indexOf(name);
    expect(rows.slice(1).map((r) => r[col("action")])).toEqual([
      "token.create",
      "workspace.create",
      "workspace.create",
      "org.create",
    ]);
    const token = rows[1]!;
    expect(token[col("target_name")]).toBe(`'=HYPERLINK("http://evil","x"),2`);
    expect(token[col("action_label")]).toBe("Created an API token");
    expect(rows[2]![col("target")]).toBe("workspace ex-2");
    expect(rows.every((r) => r.length === head.length)).toBe(true);
  });

  it("downloads JSON events of the filter only", async () => {
    const res = await download(owner.org.slug, "format=json&action=workspace.create");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("content-disposition")).toMatch(/\.json"?$/);
    const events = auditLogEvent.array().parse(JSON.parse(res.text));
    expect(events.map((e) => e.target.label)).toEqual(["workspace ex-2", "workspace ex-1"]);
    const none = await download(owner.org.slug, "format=json&from=2001-01-01&to=2001-01-02");
    expect(JSON.parse(none.text)).toEqual([]);
  });

  it("streams selections larger than one chunk whole", async () => {
    const big = await newOwner();
    await db().auditEvent.createMany({
      data: Array.from({ length: 1203 }, (_, i) => ({
        orgId: big.org.id,
        actorType: "system",
        actorLabel: "system",
        action: "runtime.heartbeat",
        targetType: "runtime",
        targetId: `rt-${i}`,
        summary: { sync: "drift", n: i },
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      })),
    });
    const res = await download(
      big.org.slug,
      "format=csv&action=runtime.heartbeat",
      await sessionCookie(big.user.id),
    );
    const rows = parseCsv(res.text);
    expect(rows).toHaveLength(1204);
    expect(new Set(rows.slice(1).map((r) => r.at(-1))).size).toBe(1203);
    // PostgreSQL's jsonb keeps keys in an order of its own.
    expect(rows[1]![rows[0]!.indexOf("details")]!.split("; ").sort()).toEqual([
      "n: 1202",
      "sync: drift",
    ]);
  });

  it("refuses a selection over the limit with the count, and bad filters with a 422", async () => {
    const { exportAuditEvents } = await import("@/lib/audit/export");
    const ctx = {
      db: db(),
      requestId: "test",
      actor: {
        type: "user" as const,
        userId: owner.user.id,
        email: owner.user.email,
        name: "",
        scopes: [],
      },
      org: owner.org,
      role: "owner" as const,
    };
    const err = await exportAuditEvents(ctx, {}, "csv", 3).catch((e: unknown) => e);
    expect(err).toMatchObject({
      status: 422,
      message: expect.stringMatching(/selects 4 events; an export holds at most 3/),
    });
    expect((await exportAuditEvents(ctx, {}, "csv", 4)).status).toBe(200);
    for (const [qs, loc] of [
      ["format=xlsx", ["query", "format"]],
      ["action=token.explode", ["query", "action"]],
      ["from=2026-13-01", ["query", "from"]],
    ] as const) {
      const res = await call(GET, { path: `/x?${qs}`, params: { org: owner.org.slug }, cookie });
      expect(expectError(res, 422, "validation_error").errors?.[0]?.loc).toEqual(loc);
    }
  });

  it("is for admins and owners only, sessions and tokens alike", async () => {
    const viewer = await newMember(owner.org, "viewer");
    const member = await newMember(owner.org, "member");
    for (const m of [viewer, member]) {
      const res = await call(GET, {
        path: "/x",
        params: { org: owner.org.slug },
        cookie: await sessionCookie(m.user.id),
      });
      expectError(res, 403, "forbidden_error");
    }
    const admin = await newMember(owner.org, "admin");
    const token = await tokenFor(admin, ["read"]);
    const res = await GET(
      new Request("http://localhost/x?format=json", {
        headers: { authorization: `Bearer ${token.secret}` },
      }),
      { params: Promise.resolve({ org: owner.org.slug }) },
    );
    expect(res.status).toBe(200);
    expect((JSON.parse(await res.text()) as unknown[]).length).toBeGreaterThan(4);
  });
});
