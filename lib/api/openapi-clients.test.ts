// A client generated from /api/v1/openapi.json must match the API: types generated with
// openapi-typescript compile against a small client that makes one call per seed surface, using
// what the seeds promise (defaults optional, optional bodies, enums, each surface's error
// envelope). And the document passes Redocly's recommended rules.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

const doc = openApiDocument();
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "quiver-openapi-client-"));
  // openapi-typescript takes the document as it would from disk or a URL. defaultNonNullable
  // (true by default in v7) types every property that has a default as always present: true of a
  // response the server fills in, not of a request, where a default is what the server assumes
  // when the field is left out. Responses here list such fields as required anyway.
  const ast = await openapiTS(JSON.parse(JSON.stringify(doc)) as Parameters<typeof openapiTS>[0], {
    defaultNonNullable: false,
  });
  writeFileSync(path.join(dir, "schema.d.ts"), astToString(ast));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Compiles `source` (a module beside schema.d.ts) strictly; the diagnostics as text. */
function compile(source: string): string[] {
  const file = path.join(dir, `client-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(file, source);
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    skipLibCheck: true,
    types: [],
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

const header = `import type { paths } from "./schema";
type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;
async function send<B>(method: string, url: string, body?: unknown): Promise<B> {
  const res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return (await res.json()) as B;
}
`;

// One call per seed surface, written as a user of the generated types would.
const client = `${header}
// seeds/000: promote a job; a 409 is APIErrorPayload with the seed's type names.
type Promote = paths["/api/v1/org/{org}/ws/{workspace}/optimization/jobs/{job_id}/promote"]["post"];
export async function promote(base: string) {
  const body: NonNullable<Promote["requestBody"]>["content"]["application/json"] = {};
  const ok = await send<Json<Promote["responses"][201]>>("POST", base + "/promote", body);
  const err = await send<Json<Promote["responses"][409]>>("POST", base + "/promote", body);
  const kind: "already_exists_error" | "conflict_error" | string = err.type;
  const code: number = err.code;
  return [ok.id, kind, code];
}

// seeds/001: a runtime's bindings.
type Bindings = paths["/api/v1/org/{org}/ws/{workspace}/runtimes/{runtime_id}/capabilities"]["get"];
export async function bindings(base: string) {
  const list = await send<Json<Bindings["responses"][200]>>("GET", base);
  const first = list.items[0];
  const enabled: boolean | undefined = first?.enabled;
  return enabled;
}

// seeds/002: the catalog list; include_public is a bool, sort_by an enum, component types too.
type Catalog = paths["/api/v1/org/{org}/capabilities"]["get"];
export async function catalog(base: string) {
  const query: NonNullable<Catalog["parameters"]["query"]> = { include_public: true, sort_by: "created_at", sort_dir: "asc" };
  const page = await send<Json<Catalog["responses"][200]>>("GET", base + "?" + new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])));
  const type: "agent" | "tool" | "skill" | "mcp_server" | "worker" | undefined = page.capabilities[0]?.component_details[0]?.type;
  return type;
}

// seeds/003: the releases of the workspace, and an error as Cargo's client reads it.
type Releases = paths["/api/v1/ai/releases/list"]["get"];
type Release = paths["/api/v1/ai/releases/{uuid}"]["get"];
export async function releases(base: string) {
  const list = await send<Json<Releases["responses"][200]>>("GET", base + "/ai/releases/list");
  const missing = await send<Json<Release["responses"][404]>>("GET", base + "/ai/releases/x");
  const shown: string = missing.errorMessage;
  const reason: string | undefined = missing.reason;
  return [list, shown, reason];
}

// seeds/004: trigger (defaults optional), stop without a body, and the {error: {code, message}} envelope.
type Trigger = paths["/api/v1/optimizations"]["post"];
type Stop = paths["/api/v1/optimizations/{id}/stop"]["post"];
type GetRun = paths["/api/v1/optimizations/{id}"]["get"];
export async function optimizations(base: string) {
  const body: NonNullable<Trigger["requestBody"]>["content"]["application/json"] = { promptId: "prompt_123" };
  const run = await send<Json<Trigger["responses"][201]>>("POST", base + "/optimizations", body);
  const status: "queued" | "running" | "completed" | "failed" | "stopped" = run.status;
  const mode: "exploratory" | "validation" = run.mode;
  const noBody: Stop["requestBody"] = undefined;
  const stopped = await send<Json<Stop["responses"][200]>>("POST", base + "/optimizations/" + run.id + "/stop", noBody);
  const missing = await send<Json<GetRun["responses"][404]>>("GET", base + "/optimizations/x");
  const message: string = missing.error.message;
  const winner: string | undefined = run.results?.winningVariantId;
  return [status, mode, stopped.status, message, winner];
}
`;

describe("a client generated from the OpenAPI document (openapi-typescript)", () => {
  it("compiles one call per seed surface against the generated types", () => {
    expect(compile(client)).toEqual([]);
  });

  it("is strict enough to catch a wrong call: an unknown status, a missing required field, a string for a bool", () => {
    const wrong = `${header}
type Trigger = paths["/api/v1/optimizations"]["post"];
type Catalog = paths["/api/v1/org/{org}/capabilities"]["get"];
const status: Json<Trigger["responses"][201]>["status"] = "exploded";
const body: NonNullable<Trigger["requestBody"]>["content"]["application/json"] = { mode: "validation" };
const query: NonNullable<Catalog["parameters"]["query"]> = { include_public: "yes" };
export { status, body, query };
`;
    const errors = compile(wrong);
    expect(errors).toHaveLength(3);
    expect(errors.join("\n")).toMatch(/exploded/);
    expect(errors.join("\n")).toMatch(/promptId/);
  });
});

describe("Redocly's recommended rules", () => {
  it("find no error, and no warning but the one explained here", async () => {
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({
      source: JSON.stringify(doc),
      absoluteRef: "/api/v1/openapi.json",
      config,
    });
    const found = problems.map(
      (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ""}`,
    );
    // info-license: Quiver is not published under a licence (package.json is private); a
    // licence object would claim one.
    expect(found.filter((f) => !f.startsWith("warn info-license"))).toEqual([]);
  });
});
