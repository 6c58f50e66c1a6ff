// GET /api/v1/org/{org}/search: the command palette's search over capabilities and workspace
// objects; ranking (whole name, prefix, part, text), the workspace filter, validation, and
// isolation (another org's objects, private or public, never appear).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { pushCapability, workspaceCtxOf } from "@/lib/agents/testing";
import { createAgent } from "@/lib/agents/agents";
import { createPersona } from "@/lib/optimization/personas";
import { createPrompt } from "@/lib/optimization/prompts";
import { createJob } from "@/lib/optimization/job/create";
import { createJobBody, createPersonaBody } from "@/lib/optimization/schemas";
import { createRuntime } from "@/lib/runtimes/service";
import { searchResponse } from "@/lib/search/schemas";
import {
  call,
  expectBody,
  expectError,
  newMember,
  newOwner,
  sessionCookie,
  tokenFor,
  type TestMember,
} from "@/lib/testing/api";
import { GET, POST } from "./route";

let owner: TestMember;
let other: TestMember;
let token: string;
let otherToken: string;

const search = async (qs: string, opts: { org?: string; token?: string; cookie?: string } = {}) =>
  call(GET, {
    path: `/x?${qs}`,
    params: { org: opts.org ?? owner.org.slug },
    ...(opts.cookie ? { cookie: opts.cookie } : { token: opts.token ?? token }),
  });
const ok = async (qs: string, opts: Parameters<typeof search>[1] = {}) =>
  expectBody(await search(qs, opts), 200, searchResponse).results;
const titles = (r: { title: string }[]) => r.map((x) => x.title);

beforeAll(async () => {
  owner = await newOwner();
  other = await newOwner();
  token = (await tokenFor(owner, ["read", "write"])).secret;
  otherToken = (await tokenFor(other, ["admin"])).secret;
  await pushCapability(owner, "pal-ledger", { description: "Reconciles ledgers nightly" });
  await pushCapability(owner, "pal-ledger-export", { description: "Exports the books" });
  await pushCapability(owner, "books-keeper", { description: "Keeps the ledger tidy" });
  await pushCapability(other, "pal-ledger-secret", { description: "Another org, private" });
  await pushCapability(other, "pal-ledger-shared", {
    description: "Another org, public",
    isPublic: true,
  });

  await db().workspace.create({ data: { orgId: owner.org.id, slug: "second", name: "WS second" } });
  const main = await workspaceCtxOf(owner);
  const second = await workspaceCtxOf(owner, "second");
  await createRuntime(main, { name: "pal-runtime-main", description: "" });
  await createRuntime(second, { name: "pal-runtime-second", description: "" });
  await createAgent(main, { name: "Pal Agent", description: "" });
  const prompt = await createPrompt(main, {
    name: "Pal prompt",
    description: "",
    tags: [],
    status: "active",
    content: "You are helpful.",
  });
  await createPersona(main, createPersonaBody.parse({ name: "Pal persona" }));
  await createJob(
    main,
    createJobBody.parse({ name: "Pal run", target_kind: "prompt", prompt_id: prompt.id }),
  );
  const elsewhere = await workspaceCtxOf(other);
  await createRuntime(elsewhere, { name: "pal-runtime-other-org", description: "" });
});

describe("GET /api/v1/org/{org}/search", () => {
  it("finds every kind by part of its name, ignoring case, with the fields a link needs", async () => {
    const r = await ok("q=PAL&limit=50");
    const kinds = new Set(r.map((x) => x.kind));
    expect([...kinds].sort()).toEqual(
      ["agent", "capability", "optimization_run", "persona", "prompt", "runtime"].sort(),
    );
    const rt = r.find((x) => x.title === "pal-runtime-second")!;
    expect(rt).toMatchObject({ kind: "runtime", org: owner.org.slug, workspace: "second" });
    const cap = r.find((x) => x.title === "pal-ledger")!;
    expect(cap).toMatchObject({ kind: "capability", workspace: null, match: "prefix" });
    expect(cap.subtitle).toContain("1.0.0");
  });

  it("never shows another org's objects, private or public", async () => {
    const r = await ok("q=pal-&limit=50");
    expect(titles(r)).not.toContain("pal-ledger-secret");
    expect(titles(r)).not.toContain("pal-ledger-shared");
    expect(titles(r)).not.toContain("pal-runtime-other-org");
    // The other org sees its own, and none of this one's.
    const theirs = await ok("q=pal&limit=50", { org: other.org.slug, token: otherToken });
    expect(titles(theirs).sort()).toEqual(
      ["pal-ledger-secret", "pal-ledger-shared", "pal-runtime-other-org"].sort(),
    );
  });

  it("ranks the whole name first, then prefixes, then text matches", async () => {
    const r = await ok("q=pal-ledger");
    expect(r[0]).toMatchObject({ title: "pal-ledger", match: "exact" });
    expect(r[1]).toMatchObject({ title: "pal-ledger-export", match: "prefix" });
    // "ledger" is only in books-keeper's description: found by full text, after name matches.
    const words = await ok("q=ledger");
    expect(titles(words)).toContain("books-keeper");
    const last = words.findIndex((x) => x.title === "books-keeper");
    expect(words[last]!.match).toBe("text");
    expect(words.slice(0, last).every((x) => x.match !== "text")).toBe(true);
  });

  it("limits to one workspace and to `limit` results", async () => {
    const r = await ok("q=pal-runtime&workspace=second");
    expect(titles(r)).toEqual(["pal-runtime-second"]);
    expect(await ok("q=pal&limit=2")).toHaveLength(2);
    expect(await ok("q=zzz-nothing-matches")).toEqual([]);
  });

  it("answers a session (a viewer may search) and a read token", async () => {
    const viewer = await newMember(owner.org, "viewer");
    const r = await ok("q=pal-ledger", { cookie: await sessionCookie(viewer.user.id) });
    expect(r[0]!.title).toBe("pal-ledger");
    const read = (await tokenFor(owner, ["read"])).secret;
    expect((await ok("q=pal-ledger", { token: read }))[0]!.title).toBe("pal-ledger");
  });

  it("refuses bad input with the error envelope", async () => {
    const empty = expectError(await search("q=%20%20"), 422, "validation_error");
    expect(empty.errors?.[0]?.loc).toEqual(["query", "q"]);
    expectError(await search(""), 422, "validation_error");
    const long = expectError(await search(`q=${"a".repeat(101)}`), 422, "validation_error");
    expect(long.errors?.[0]?.loc).toEqual(["query", "q"]);
    for (const limit of ["0", "51", "x"]) {
      const res = expectError(await search(`q=a&limit=${limit}`), 422, "validation_error");
      expect(res.errors?.[0]?.loc).toEqual(["query", "limit"]);
    }
    expectError(await search("q=a&workspace=Not_A_Slug"), 422, "validation_error");
    expectError(await search("q=a&workspace=missing"), 404, "not_found_error");
  });

  it("answers 401 without credentials, 404 for an org the caller is not in, 405 for POST", async () => {
    expectError(
      await call(GET, { path: "/x?q=a", params: { org: owner.org.slug } }),
      401,
      "authentication_error",
    );
    expectError(await search("q=a", { org: other.org.slug }), 404, "not_found_error");
    const res = await call(POST, {
      method: "POST",
      path: "/x",
      params: { org: owner.org.slug },
      token,
    });
    expect(res.status).toBe(405);
  });
});
