// The OpenAPI document covers every route file and every method it exports.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { openApiDocument } from "./openapi";

const root = path.resolve(import.meta.dirname, "../..");

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return routeFiles(p);
    return name === "route.ts" ? [p] : [];
  });
}

/** `app/api/v1/org/[org]/tokens/[id]/route.ts` → `/api/v1/org/{org}/tokens/{id}` */
function openApiPath(file: string): string {
  const rel = path.relative(path.join(root, "app"), path.dirname(file));
  return (
    "/" +
    rel
      .split(path.sep)
      .map((s) => s.replace(/^\[(?:\.\.\.)?(\w+)\]$/, "{$1}"))
      .join("/")
  );
}

describe("openApiDocument", () => {
  const doc = openApiDocument() as {
    openapi: string;
    paths: Record<string, Record<string, unknown>>;
    components: { schemas: Record<string, unknown> };
  };

  it("is OpenAPI 3.1", () => {
    expect(doc.openapi).toBe("3.1.0");
  });

  it("documents every method of every API route file", () => {
    const files = routeFiles(path.join(root, "app/api")).filter(
      (f) =>
        !f.includes("[...nextauth]") &&
        !f.includes("openapi.json") &&
        !f.endsWith(path.join("api", "v1", "[...path]", "route.ts")),
    );
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const methods = [
        ...readFileSync(file, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g),
      ].map((m) => m[1]!.toLowerCase());
      const p = openApiPath(file);
      for (const m of methods) expect(doc.paths[p]?.[m], `${m.toUpperCase()} ${p}`).toBeDefined();
    }
  });

  it("resolves every $ref to a component schema", () => {
    const refs = [
      ...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g),
    ].map((m) => m[1]!);
    expect(refs).toContain("APIErrorPayload");
    for (const r of refs) expect(doc.components.schemas[r], r).toBeDefined();
  });

  it("describes the upgrade preview's unpinned fetches, field by field", () => {
    const preview = doc.components.schemas.RuntimeUpgradePreview as {
      properties: Record<string, { description?: string; items?: { $ref: string } }>;
      required: string[];
    };
    expect(preview.required).toContain("unpinned_fetches");
    expect(preview.properties.unpinned_fetches?.items?.$ref).toBe(
      "#/components/schemas/UnpinnedFetch",
    );
    const fetch = doc.components.schemas.UnpinnedFetch as {
      description: string;
      properties: Record<string, { description?: string; enum?: string[] }>;
    };
    expect(fetch.description).toMatch(/capabilities\.unpinned_fetch/);
    for (const f of [
      "component",
      "path",
      "line",
      "command",
      "target",
      "reason",
      "fix",
      "severity",
      "introduced",
    ])
      expect(fetch.properties[f]?.description, f).toBeTruthy();
    expect(fetch.properties.severity?.enum).toEqual(["warn", "fail"]);
  });

  it("documents each surface's own error envelope: seeds/004 under /api/v1/optimizations and /api/v1/prompts, seeds/003's with reason and errorMessage", () => {
    const errorRef = (p: string, m: string, status: string) =>
      (
        doc.paths[p]?.[m] as {
          responses: Record<
            string,
            { content: { "application/json": { schema: { $ref: string } } } }
          >;
        }
      ).responses[status]!.content["application/json"].schema.$ref;
    expect(errorRef("/api/v1/optimizations", "post", "422")).toBe(
      "#/components/schemas/CompatErrorPayload",
    );
    expect(errorRef("/api/v1/prompts/{id}", "get", "404")).toBe(
      "#/components/schemas/CompatErrorPayload",
    );
    expect(errorRef("/api/v1/ai/releases/list", "get", "404")).toBe(
      "#/components/schemas/ReleasesErrorPayload",
    );
    expect(doc.components.schemas.ReleasesErrorPayload).toMatchObject({
      required: ["code", "detail", "type", "errorMessage"],
    });
    expect(errorRef("/api/v1/org/{org}/workspaces", "get", "404")).toBe(
      "#/components/schemas/APIErrorPayload",
    );
    expect(doc.components.schemas.CompatErrorPayload).toMatchObject({
      required: ["error"],
      properties: { error: { required: ["code", "message"] } },
    });
  });
});

describe("schema modules evaluated twice", () => {
  // A production server evaluates a schema module once per route bundle, and zod's global
  // registry is shared through globalThis: one id then names two equal schema objects, each
  // referring to its own bundle's nested schemas (this was a 500 on /api/v1/openapi.json).
  it("still give one document, the same as with one evaluation", async () => {
    const before = openApiDocument();
    vi.resetModules();
    await import("@/lib/agents/shapes"); // a second copy of the release shapes, as another bundle has
    expect(openApiDocument()).toEqual(before);
    const again = await import("./openapi"); // and every schema module evaluated a second time
    expect(again.openApiDocument()).toEqual(before);
  });
});
