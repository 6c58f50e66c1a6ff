// The OpenAPI 3.1 document, generated from the operations and their zod schemas.
import { z } from "zod";
import pkg from "@/package.json" with { type: "json" };
import { permissions } from "@/lib/auth/roles";
import { errorKinds } from "./errors";
import { bodyIsOptional, type Operation } from "./operation";
import { allOperations } from "./operations-index";
import { apiErrorPayload, compatErrorPayload, releasesErrorPayload } from "./schemas";

type Json = Record<string, unknown>;

const uri = (id: string) => `#/components/schemas/${id}`;

const refTo = (json: string, names: Map<string, string>) =>
  json.replace(/"#\/\$defs\/([^"]+)"/g, (_m, id: string) => `"${uri(names.get(id) ?? id)}"`);

/**
 * Converts zod schemas to JSON Schema for one document. Components are the output (response)
 * form of every schema with an id. A request part is converted as input: fields with defaults
 * are optional there, and a transform's input type is what the client sends. Where a schema's
 * input form differs from its output form, the input form becomes its own component,
 * `<id>Input`, so a generated client types requests and responses each correctly.
 */
class Converter {
  readonly components: Record<string, Json>;

  constructor(components: Record<string, Json>) {
    this.components = components;
  }

  schemaOf(schema: z.ZodType, io: "input" | "output"): Json {
    const id = z.globalRegistry.get(schema)?.id;
    if (id && io === "output") return { $ref: uri(id) };
    const json = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json & {
      $defs?: Record<string, Json>;
    };
    const defs = json.$defs ?? {};
    delete json.$schema;
    delete json.$defs;
    const names = io === "input" ? this.inputNames(defs) : new Map<string, string>();
    for (const [defId, def] of Object.entries(defs)) {
      const name = names.get(defId) ?? defId;
      this.components[name] ??= JSON.parse(refTo(JSON.stringify(def), names)) as Json;
    }
    return JSON.parse(refTo(JSON.stringify(json), names)) as Json;
  }

  /**
   * Which ids' input forms differ from their output forms: those whose own JSON differs, and
   * then every one that refers to such an id (its input names `<id>Input` there).
   */
  private inputNames(defs: Record<string, Json>): Map<string, string> {
    const text = Object.fromEntries(
      Object.entries(defs).map(([id, def]) => [id, refTo(JSON.stringify(def), new Map())]),
    );
    const differs = new Set(
      Object.keys(defs).filter((id) => JSON.stringify(this.components[id]) !== text[id]),
    );
    for (let grew = true; grew;) {
      grew = false;
      for (const id of Object.keys(defs)) {
        if (differs.has(id)) continue;
        if ([...differs].some((d) => text[id]!.includes(`"${uri(d)}"`))) {
          differs.add(id);
          grew = true;
        }
      }
    }
    for (const id of differs) this.inputOnly.add(id);
    return new Map([...differs].map((id) => [id, `${id}Input`]));
  }

  /** Ids given an `<id>Input` form; those that no response uses keep their plain name (finish). */
  private readonly inputOnly = new Set<string>();

  /**
   * The components a response, a query parameter or another such component refers to are output
   * forms. An id whose input form was split off but that no response uses is a request schema
   * only: its input form takes the plain id, and the unused output form goes.
   */
  finish(paths: Record<string, Json>): {
    paths: Record<string, Json>;
    schemas: Record<string, Json>;
  } {
    const refsIn = (text: string) =>
      [...text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    const outputText = Object.values(paths)
      .flatMap((methods) => Object.values(methods) as Json[])
      .map((op) =>
        JSON.stringify([op.responses, (op.parameters as Json[]).filter((p) => p.in === "query")]),
      )
      .join("");
    const used = new Set<string>();
    const queue = refsIn(outputText);
    while (queue.length) {
      const id = queue.pop()!;
      if (used.has(id) || !this.components[id]) continue;
      used.add(id);
      queue.push(...refsIn(JSON.stringify(this.components[id])));
    }
    const renames = [...this.inputOnly].filter(
      (id) => !used.has(id) && this.components[`${id}Input`],
    );
    const rename = (text: string) =>
      renames.reduce((t, id) => t.replaceAll(`"${uri(`${id}Input`)}"`, `"${uri(id)}"`), text);
    for (const id of renames) {
      this.components[id] = this.components[`${id}Input`]!;
      delete this.components[`${id}Input`];
    }
    const schemas = JSON.parse(rename(JSON.stringify(this.components))) as Record<string, Json>;
    return {
      paths: JSON.parse(rename(JSON.stringify(paths))) as Record<string, Json>,
      schemas: Object.fromEntries(
        Object.keys(schemas)
          .sort()
          .map((k) => [k, schemas[k]!]),
      ),
    };
  }
}

function objectShape(schema: z.ZodType | undefined): Record<string, z.ZodType> {
  if (!schema || !(schema instanceof z.ZodObject)) return {};
  return schema.shape as Record<string, z.ZodType>;
}

function parameters(op: Operation, conv: Converter): Json[] {
  const out: Json[] = [];
  const pathNames = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const pathShape = objectShape(op.params);
  for (const name of pathNames) {
    const s = pathShape[name];
    out.push({
      name,
      in: "path",
      required: true,
      description:
        name === "org" ? "Organization slug" : name === "workspace" ? "Workspace slug" : undefined,
      schema: s ? conv.schemaOf(s, "input") : { type: "string" },
    });
  }
  for (const [name, s] of Object.entries(objectShape(op.query))) {
    // A query value arrives as text: its output form (after coercion) says what it means.
    const json = conv.schemaOf(s, "output");
    out.push({
      name,
      in: "query",
      required: !s.safeParse(undefined).success,
      schema: json,
      ...(json.type === "array" ? { explode: true } : {}),
    });
  }
  return out;
}

const errorStatuses = (op: Operation): number[] => {
  const s = new Set<number>([500]);
  if (op.auth === "required") s.add(401);
  if (op.permission) s.add(403);
  if (op.scope !== "none") s.add(404);
  if (op.params || op.query || op.body) s.add(422);
  if (op.body) s.add(400);
  if (op.method === "POST") s.add(409);
  s.add(429);
  return [...s].sort();
};

const errorDescriptions = Object.fromEntries(
  Object.values(errorKinds).map((k) => [k.status, k.type]),
) as Record<number, string>;

function operationObject(op: Operation, conv: Converter): Json {
  const status = op.status ?? 200;
  const responses: Json = {
    [status]: op.responseMedia
      ? {
          description: op.responseMedia.description,
          content: { [op.responseMedia.type]: { schema: { type: "string" } } },
        }
      : status === 204 || !op.response
        ? { description: "Success, no content" }
        : {
            description: "Successful Response",
            content: { "application/json": { schema: conv.schemaOf(op.response, "output") } },
          },
    ...Object.fromEntries(
      Object.entries(op.otherResponses ?? {}).map(([code, description]) => [code, { description }]),
    ),
  };
  for (const code of errorStatuses(op)) {
    responses[code] = {
      description: errorDescriptions[code] ?? "Error",
      content: {
        "application/json": {
          schema: {
            $ref: uri(
              op.surface === "compat"
                ? "CompatErrorPayload"
                : op.surface === "releases"
                  ? "ReleasesErrorPayload"
                  : "APIErrorPayload",
            ),
          },
        },
      },
      ...(code === 429
        ? {
            headers: {
              "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait" },
            },
          }
        : {}),
    };
  }
  const need = op.permission ? permissions[op.permission] : undefined;
  const roleText =
    need &&
    (need.role === "viewer"
      ? "Open to every member of the org"
      : `Requires the **${need.role}** role or higher`);
  const description = [
    op.description,
    need && `${roleText}; with a token, the \`${need.scope}\` scope.`,
  ]
    .filter(Boolean)
    .join("\n\n");
  return {
    operationId: `${op.method.toLowerCase()}${op.path.replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
    summary: op.summary,
    ...(description ? { description } : {}),
    tags: [op.tag],
    security: op.auth === "required" ? [{ bearerAuth: [] }, { sessionCookie: [] }] : [],
    parameters: parameters(op, conv),
    ...(op.body
      ? {
          requestBody: {
            required: !bodyIsOptional(op.body),
            content: { "application/json": { schema: conv.schemaOf(op.body, "input") } },
          },
        }
      : {}),
    responses,
  };
}

/**
 * Every schema with an id, as components. Converted one id at a time, not as one registry: zod's
 * global registry lives on globalThis, and a production server evaluates a schema module once per
 * route bundle, so the registry can hold two objects under one id (each bundle's own copy, equal
 * in shape). Converted together they are refused as duplicates; one root at a time sees only its
 * own bundle's copies. The first conversion of an id wins: the copies are the same schema.
 */
function componentSchemas(): Record<string, Json> {
  const ids = (z.globalRegistry as unknown as { _idmap: Map<string, z.ZodType> })._idmap;
  const schemas: Record<string, Json> = {};
  for (const [id, schema] of ids) {
    if (schemas[id]) continue;
    const json = z.toJSONSchema(schema, { io: "output", unrepresentable: "any" }) as {
      $defs?: Record<string, Json>;
    };
    for (const [defId, def] of Object.entries(json.$defs ?? {})) {
      if (!schemas[defId])
        schemas[defId] = JSON.parse(
          JSON.stringify(def).replaceAll('"#/$defs/', '"#/components/schemas/'),
        ) as Json;
    }
  }
  return Object.fromEntries(
    Object.keys(schemas)
      .sort()
      .map((k) => [k, schemas[k]!]),
  );
}

const tagDescriptions: Record<string, string> = {
  System: "Health and the API's own description.",
  Accounts: "Sign-up, your account, your password and your sessions.",
  Organizations: "Organizations you belong to and their workspaces.",
  Members: "Who belongs to an organization, with which role.",
  Invitations: "Invitations to join an organization, and accepting them.",
  "API tokens": "Tokens for scripts and runtimes, scoped to an organization.",
  Audit: "The organization's audit log: who changed what, when.",
  Catalog: "Capability artifacts: push, list, search, compare, trust cards (seeds/000, seeds/002).",
  Runtimes: "Runtimes and the capability versions bound to them (seeds/001).",
  Optimization: "Optimization jobs: prompt variants tested against simulated users (seeds/000).",
  "Optimizations (seeds/004)":
    "The seeds/004 surface for optimizations, in its own camelCase shapes and error envelope.",
  "Prompts (seeds/004)": "The seeds/004 surface for prompts.",
  Personas: "Simulated users that optimization jobs test prompts against.",
  Prompts: "Prompts and their versions.",
  "Model provider": "The workspace's model provider for the built-in optimization engine.",
  "Releases (seeds/003)": "Agent releases in the shape of seeds/003 and Cargo's client.",
  Agents: "Agents, their drafts and their immutable releases.",
};

export function openApiDocument(operations: Operation[] = allOperations): Json {
  void [apiErrorPayload, compatErrorPayload, releasesErrorPayload]; // registered in the global registry on import
  const conv = new Converter(componentSchemas());
  const paths: Record<string, Json> = {};
  for (const op of operations) {
    paths[op.path] ??= {};
    paths[op.path]![op.method.toLowerCase()] = operationObject(op, conv);
  }
  const { paths: finalPaths, schemas } = conv.finish(paths);
  return {
    openapi: "3.1.0",
    info: {
      title: "Quiver API",
      version: pkg.version,
      description:
        "The canonical API of Quiver: snake_case, errors as APIErrorPayload. Authenticate with `Authorization: Bearer <token>` (Settings → API tokens) or a browser session.",
    },
    servers: [{ url: "/" }],
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({
      name,
      description: tagDescriptions[name] ?? name,
    })),
    paths: finalPaths,
    components: {
      schemas,
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "An API token: qvr_..." },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
    },
  };
}
