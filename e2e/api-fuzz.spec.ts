// The API fuzzer: every operation of the OpenAPI document (/api/v1/openapi.json), over real HTTP
// against the production server, as an anonymous caller, a read token and an admin token, with
// valid-ish and hostile inputs generated from the operation's schemas (wrong types, missing
// fields, huge and negative numbers, long strings, lone surrogates, NUL, malformed % escapes in
// the path, deep nesting, wrong content types, empty bodies, methods the route does not serve).
// It passes when no response is a 5xx and every 4xx is in its surface's envelope (APIErrorPayload,
// or {error: {code, message}} under /api/v1/optimizations and /api/v1/prompts).
//
// Reproducible: QUIVER_FUZZ_SEED (default 13) seeds every choice, per operation and caller, so a
// failure is replayed by running the spec again with the seed it prints. Bounded by
// QUIVER_FUZZ_BUDGET_MS (default 150 s of requests); QUIVER_FUZZ_REPORT=<file> writes every failure
// there as JSON. The fuzzed org is a fresh sign-up, so the demo
// data the other specs use is never touched.
import { writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { apiErrorPayload, compatErrorPayload } from "@/lib/api/schemas";
import { packTarGz } from "@/lib/catalog/ingest/pack";
import { signedOut, uniqueEmail } from "./helpers";
import * as F from "./fuzz/inputs";

const seed = Number(process.env.QUIVER_FUZZ_SEED ?? 13);
const budgetMs = Number(process.env.QUIVER_FUZZ_BUDGET_MS ?? 150_000);
const methods = ["get", "post", "put", "patch", "delete"] as const;
type Method = (typeof methods)[number];

interface Param {
  name: string;
  in: "path" | "query";
  required?: boolean;
  schema?: F.Schema;
}
interface OperationDoc {
  operationId: string;
  parameters?: Param[];
  requestBody?: { content: Record<string, { schema: F.Schema }> };
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
}
interface Doc {
  paths: Record<string, Partial<Record<Method, OperationDoc>>>;
  components: { schemas: Record<string, F.Schema> };
}
interface Op {
  method: Method;
  path: string;
  doc: OperationDoc;
}
interface Caller {
  name: "anonymous" | "read" | "admin";
  headers: Record<string, string>;
}
interface Req {
  method: string;
  url: string;
  headers?: Record<string, string>;
  data?: string | Buffer;
  label: string;
}
interface Failure {
  caller: string;
  op: string;
  label: string;
  method: string;
  url: string;
  status: number;
  body: string;
}

const isCompat = (p: string) => /^\/api\/v1\/(optimizations|prompts)(\/|$)/.test(p);

/** A number from a string, to derive one PRNG per (seed, operation, caller). */
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function errorEnvelopeProblem(
  path: string,
  status: number,
  text: string,
  documented?: string,
): string | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return "not JSON";
  }
  const compat = isCompat(path);
  if (documented && documented.endsWith(compat ? "APIErrorPayload" : "CompatErrorPayload"))
    return `documented as ${documented}`;
  if (compat)
    return compatErrorPayload.safeParse(json).success ? null : "not {error: {code, message}}";
  const p = apiErrorPayload.safeParse(json);
  if (!p.success) return "not APIErrorPayload";
  return p.data.code === status ? null : `code ${p.data.code} ≠ status ${status}`;
}

test("fuzzing every API operation gives no 5xx and only enveloped errors", async ({
  playwright,
  baseURL,
}) => {
  test.setTimeout(budgetMs + 180_000);
  const api = await playwright.request.newContext({ baseURL, storageState: signedOut });
  const doc = (await (await api.get("/api/v1/openapi.json")).json()) as Doc;
  const schemas = doc.components.schemas;

  // ---- a fresh account and org, its session only to mint the tokens -------------------------
  const email = uniqueEmail("fuzz");
  const password = "fuzz-password-123";
  const signUp = await api.post("/api/v1/auth/sign-up", {
    data: { email, password, name: "Fuzz" },
  });
  expect(signUp.status(), await signUp.text()).toBe(201);
  const org = ((await signUp.json()) as { org: { slug: string } }).org.slug;
  const browser = await playwright.request.newContext({
    baseURL,
    storageState: signedOut,
    extraHTTPHeaders: { origin: baseURL! },
  });
  const { csrfToken } = (await (await browser.get("/api/auth/csrf")).json()) as {
    csrfToken: string;
  };
  const signIn = await browser.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true", callbackUrl: `${baseURL}/` },
    maxRedirects: 0,
  });
  expect(signIn.status(), await signIn.text()).toBeLessThan(400);
  const mint = async (scopes: string[]) => {
    const res = await browser.post(`/api/v1/org/${org}/tokens`, {
      data: { name: `fuzz-${scopes.join("-")}`, scopes, workspace: "main" },
    });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as { id: string; token: string };
  };
  const readToken = await mint(["read"]);
  const adminToken = await mint(["admin"]);
  await browser.dispose();
  const callers: Caller[] = [
    { name: "admin", headers: { authorization: `Bearer ${adminToken.token}` } },
    { name: "read", headers: { authorization: `Bearer ${readToken.token}` } },
    { name: "anonymous", headers: {} },
  ];
  const ownTokenIds = new Set([readToken.id, adminToken.id]);

  // ---- operations, deletes last (they remove what the others work on) ------------------------
  const ops: Op[] = Object.entries(doc.paths).flatMap(([path, item]) =>
    methods.filter((m) => item[m]).map((method) => ({ method, path, doc: item[method]! })),
  );
  ops.sort((a, b) => Number(a.method === "delete") - Number(b.method === "delete"));
  expect(ops.length).toBeGreaterThan(60);

  // ---- real values for path params, learnt from responses ------------------------------------
  // By template (`…/prompts/{id}` ← ids answered by `…/prompts`), and by field name (`name`, `version`, `path`, `uuid`).
  const byTemplate = new Map<string, Set<string>>();
  const byName = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, k: string, v: string) => {
    if (ownTokenIds.has(v)) return; // never revoke the fuzzer's own tokens
    const set = m.get(k) ?? new Set<string>();
    if (set.size < 20) set.add(v);
    m.set(k, set);
  };
  const childParam = new Map<string, string>(); // "/api/v1/.../prompts" → "id"
  for (const p of Object.keys(doc.paths)) {
    const m = /^(.*)\/\{(\w+)\}$/.exec(p);
    if (m) childParam.set(m[1]!, m[2]!);
  }
  function harvest(concretePath: string, template: string, json: unknown) {
    const child = childParam.get(template);
    const walk = (v: unknown, depth: number) => {
      if (depth > 4 || v === null || typeof v !== "object") return;
      if (Array.isArray(v)) return v.slice(0, 20).forEach((x) => walk(x, depth + 1));
      for (const [k, x] of Object.entries(v)) {
        if (
          typeof x === "string" &&
          x.length <= 200 &&
          ["name", "version", "path", "uuid", "id"].includes(k)
        )
          add(byName, k, x);
        walk(x, depth + 1);
      }
    };
    walk(json, 0);
    if (!child) return;
    const top = json as Record<string, unknown>;
    const key = child === "id" || child.endsWith("_id") || child === "uuid" ? "id" : child;
    const own = (o: unknown) =>
      o && typeof o === "object"
        ? ((o as Record<string, unknown>)[key] ?? (o as Record<string, unknown>).uuid)
        : undefined;
    const found = [
      own(top),
      ...Object.values(top ?? {}).flatMap((v) => (Array.isArray(v) ? v.slice(0, 10).map(own) : [])),
    ];
    for (const f of found)
      if (typeof f === "string") add(byTemplate, `${concretePath}/{${child}}`, f);
  }

  function concrete(op: Op, r: F.Rng, override?: { name: string; raw: string }): string {
    let out = "";
    let concretePrefix = "";
    for (const part of op.path.split("/").slice(1)) {
      const m = /^\{(\w+)\}$/.exec(part);
      let seg = part;
      if (m) {
        const name = m[1]!;
        const known = [
          ...(byTemplate.get(`${concretePrefix}/{${name}}`) ?? []),
          ...(name === "id" ? [] : (byName.get(name) ?? [])),
        ];
        if (override?.name === name) seg = override.raw;
        else if (name === "org") seg = org;
        else if (name === "workspace") seg = "main";
        else if (known.length && r() < 0.85)
          seg = encodeURIComponent(F.pick(r, known)).replaceAll("%2F", "/");
        else
          seg = encodeURIComponent(
            String(
              F.validValue(op.doc.parameters?.find((p) => p.name === name)?.schema, schemas, r),
            ),
          );
      }
      out += `/${seg}`;
      concretePrefix += `/${seg}`;
    }
    return out;
  }

  const queryParams = (op: Op) => (op.doc.parameters ?? []).filter((p) => p.in === "query");
  function validQuery(op: Op, r: F.Rng): string {
    const parts = queryParams(op)
      .filter((p) => p.required || r() < 0.5)
      .map(
        (p) =>
          `${encodeURIComponent(p.name)}=${encodeURIComponent(String(F.validValue(p.schema, schemas, r)))}`,
      );
    return parts.length ? `?${parts.join("&")}` : "";
  }
  const bodySchema = (op: Op) => op.doc.requestBody?.content["application/json"]?.schema;
  const isPush = (op: Op) => op.method === "post" && /\/capabilities$/.test(op.path);
  const bundle = (name: string, version = "1.0.0") =>
    packTarGz([
      {
        path: "capability.yaml",
        data: `schema: 1\nname: ${name}\nversion: ${version}\ndescription: Fuzz\n`,
      },
      { path: "agents/a.md", data: "You help." },
    ]);

  /** The requests for one operation and caller: one valid-ish, then the hostile ones. */
  function requestsFor(op: Op, caller: Caller, r: F.Rng): Req[] {
    const M = op.method.toUpperCase();
    const url = (path = concrete(op, r), q = validQuery(op, r)) => path + q;
    const json = (v: unknown) => ({
      headers: { "content-type": "application/json" },
      data: JSON.stringify(v),
    });
    const schema = bodySchema(op);
    const valid = () =>
      isPush(op)
        ? {
            headers: { "content-type": "application/gzip" },
            data: bundle(`fuzz-${Math.floor(r() * 1e6)}`),
          }
        : schema
          ? json(F.validValue(schema, schemas, r))
          : {};
    const out: Req[] = [{ method: M, url: url(), ...valid(), label: "valid-ish" }];
    const full = caller.name === "admin";
    // Path params: malformed escapes, NUL, encoded lone surrogates, traversal, very long.
    for (const p of (op.doc.parameters ?? []).filter((x) => x.in === "path")) {
      const segs = full ? F.hostileSegments : [F.pick(r, F.hostileSegments)];
      for (const raw of full ? segs.filter(() => r() < 0.25).concat("%E0%A4%A") : segs) {
        out.push({
          method: M,
          url: url(concrete(op, r, { name: p.name, raw })),
          ...valid(),
          label: `path ${p.name}=${raw.slice(0, 20)}`,
        });
      }
    }
    // Query params: each hostile in turn, and an unknown one repeated.
    for (const p of queryParams(op)) {
      for (const v of full
        ? [F.pick(r, F.hostileQueryValues), F.pick(r, F.hostileQueryValues)]
        : [F.pick(r, F.hostileQueryValues)]) {
        out.push({
          method: M,
          url: `${concrete(op, r)}?${encodeURIComponent(p.name)}=${v}`,
          ...valid(),
          label: `query ${p.name}=${v.slice(0, 20)}`,
        });
      }
    }
    out.push({
      method: M,
      url: `${concrete(op, r)}?zz=%00&zz=1&zz=%E0%A4%A`,
      ...valid(),
      label: "unknown repeated query",
    });
    if (op.method === "get" || op.method === "delete") return out;
    // Bodies: each top-level field hostile, nothing, the wrong JSON type, and raw bytes that are wrong before any schema.
    const base = schema ? F.validValue(schema, schemas, r) : {};
    if (base && typeof base === "object" && !Array.isArray(base)) {
      const props = Object.keys((F.deref(schema, schemas).properties as object | undefined) ?? {});
      for (const k of props) {
        for (const v of full
          ? [F.pick(r, F.hostileValues), F.pick(r, F.hostileValues)]
          : [F.pick(r, F.hostileValues)]) {
          out.push({
            method: M,
            url: url(),
            ...json({ ...base, [k]: v }),
            label: `body ${k}=${JSON.stringify(v).slice(0, 20)}`,
          });
        }
      }
    }
    out.push({ method: M, url: url(), ...json({}), label: "body {}" });
    for (const v of [[], "x", 7, null])
      out.push({ method: M, url: url(), ...json(v), label: `body ${JSON.stringify(v)}` });
    for (const b of F.hostileBodies(r).filter(() => full || r() < 0.3))
      out.push({
        method: M,
        url: url(),
        headers: { "content-type": b.contentType },
        data: b.data,
        label: `raw ${b.label}`,
      });
    if (isPush(op))
      out.push({
        method: M,
        url: url(),
        headers: { "content-type": "application/gzip" },
        data: bundle("Bad Name!", "99999999999.0.0"),
        label: "push invalid manifest",
      });
    return out;
  }

  // ---- run ---------------------------------------------------------------------------------
  const started = Date.now();
  const statuses = new Map<number, number>();
  const failures: Failure[] = [];
  let sent = 0;
  let skipped = 0;
  async function send(op: Op | null, path: string, caller: Caller, req: Req): Promise<void> {
    if (Date.now() - started > budgetMs) {
      skipped++;
      return;
    }
    sent++;
    // An event stream (the resolved view's) stays open once it has answered 200: a request to it
    // that has not ended after a few seconds is a stream that started, not a failure.
    const streaming =
      !!op && Object.values(op.doc.responses).some((r) => r.content?.["text/event-stream"]);
    let res;
    try {
      res = await api.fetch(req.url, {
        method: req.method,
        headers: { ...caller.headers, ...req.headers },
        data: req.data,
        failOnStatusCode: false,
        maxRedirects: 0,
        timeout: streaming ? 5_000 : 30_000,
      });
    } catch (err) {
      if (!streaming || !/Timeout/.test(String(err))) throw err;
      statuses.set(200, (statuses.get(200) ?? 0) + 1);
      return;
    }
    const status = res.status();
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const text = req.method === "HEAD" ? "" : await res.text();
    if (status >= 200 && status < 300 && op) {
      try {
        harvest(req.url.split("?")[0]!, path, JSON.parse(text));
      } catch {
        // not JSON (a file, a bundle, 204)
      }
    }
    const documented =
      op?.doc.responses[String(status)]?.content?.["application/json"]?.schema.$ref;
    // The surface is the one of the path actually requested: a client resolves "/x/../y" itself.
    const requested = new URL(res.url()).pathname;
    const problem =
      status >= 500
        ? "5xx"
        : status >= 400 && req.method !== "HEAD"
          ? errorEnvelopeProblem(
              requested,
              status,
              text,
              requested === req.url.split("?")[0] ? documented : undefined,
            )
          : null;
    if (problem)
      failures.push({
        caller: caller.name,
        op: `${op?.method.toUpperCase() ?? req.method} ${path}`,
        label: `${req.label}: ${problem}`,
        method: req.method,
        url: req.url.slice(0, 160),
        status,
        body: text.slice(0, 160),
      });
  }

  // A first valid-ish pass as admin creates data and teaches the param pools real ids.
  const admin = callers[0]!;
  for (const op of ops) {
    const r = F.prng(hash(`${seed}:warmup:${op.doc.operationId}`));
    if (op.method !== "delete") await send(op, op.path, admin, requestsFor(op, admin, r)[0]!);
    if (isPush(op))
      await send(op, op.path, admin, {
        method: "POST",
        url: concrete(op, r),
        headers: { "content-type": "application/gzip" },
        data: bundle("fuzz-capability"),
        label: "push",
      });
  }
  for (const op of ops) {
    for (const caller of callers) {
      const r = F.prng(hash(`${seed}:${op.doc.operationId}:${caller.name}`));
      for (const req of requestsFor(op, caller, r)) await send(op, op.path, caller, req);
    }
  }
  // Methods no route of a path serves, one no route serves anywhere, and TRACE and TRACK (which
  // scripts/start.mjs answers itself: Next.js cannot build a Fetch Request for them).
  for (const [path, item] of Object.entries(doc.paths)) {
    const r = F.prng(hash(`${seed}:methods:${path}`));
    const served = methods.filter((m) => item[m]);
    const op: Op = { method: served[0]!, path, doc: item[served[0]!]! };
    for (const m of methods.filter((x) => !served.includes(x)))
      await send(null, path, admin, {
        method: m.toUpperCase(),
        url: concrete(op, r),
        label: `unserved ${m.toUpperCase()}`,
      });
    await send(null, path, admin, { method: "OPTIONS", url: concrete(op, r), label: "OPTIONS" });
    for (const m of ["TRACE", "TRACK"])
      await send(null, path, admin, { method: m, url: concrete(op, r), label: m });
    await send(null, path, admin, {
      method: "PROPFIND",
      url: concrete(op, r),
      label: "unknown method PROPFIND",
    });
  }

  // ---- report ------------------------------------------------------------------------------
  const byStatus = [...statuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}×${n}`)
    .join(" ");
  console.log(
    `API fuzz (seed ${seed}): ${ops.length} operations × 3 callers, ${sent} requests in ${((Date.now() - started) / 1000).toFixed(1)} s` +
      `${skipped ? `, ${skipped} left unsent past the ${budgetMs / 1000} s budget` : ""}; by status: ${byStatus}; failures: ${failures.length}`,
  );
  // One line per kind of failure (status, operation, what was sent), with one example of it.
  const kinds = new Map<string, { n: number; example: Failure }>();
  for (const f of failures) {
    const key = `${f.status} ${f.caller} ${f.op} [${f.label.replace(/=.*?:/, ":")}]`;
    kinds.set(key, { n: (kinds.get(key)?.n ?? 0) + 1, example: kinds.get(key)?.example ?? f });
  }
  for (const [key, { n, example }] of [...kinds].slice(0, 40))
    console.log(`  ${n}× ${key} e.g. ${example.method} ${example.url} → ${example.body}`);
  if (process.env.QUIVER_FUZZ_REPORT)
    writeFileSync(process.env.QUIVER_FUZZ_REPORT, JSON.stringify(failures, null, 1));
  await api.dispose();
  expect(
    failures.length,
    `seed ${seed}: responses that were 5xx or outside their surface's envelope (listed above)`,
  ).toBe(0);
  // The budget is the bound; on a machine too slow to finish within it, say so rather than run on.
  if (skipped)
    test.info().annotations.push({
      type: "warning",
      description: `${skipped} fuzz requests left unsent past the ${budgetMs / 1000} s budget`,
    });
});
