// The OpenAPI 3.1 document, generated from the operations and their zod schemas.
import { z } from "zod";
import pkg from "../../package.json" with { type: "json" };
import { permissions } from "../auth/roles";
import { errorKinds } from "./errors";
import { bodyIsOptional, type Operation } from "./operation";
import { allOperations } from "./operations-index";
import { apiErrorPayload, compatErrorPayload } from "./schemas";

type Json = Record<string, unknown>;

const uri = (id: string) => `#/components/schemas/${id}`;

/** JSON Schema of one zod schema: a $ref when it has an id, else inline with nested ids lifted. */
function schemaOf(schema: z.ZodType, io: "input" | "output"): Json {
  const id = z.globalRegistry.get(schema)?.id;
  if (id) return { $ref: uri(id) };
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
  delete json.$schema;
  delete json.$defs;
  return JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json;
}

function objectShape(schema: z.ZodType | undefined): Record<string, z.ZodType> {
  if (!schema || !(schema instanceof z.ZodObject)) return {};
  return schema.shape as Record<string, z.ZodType>;
}

function parameters(op: Operation): Json[] {
  const out: Json[] = [];
  const pathNames = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const pathShape = objectShape(op.params);
  for (const name of pathNames) {
    const s = pathShape[name];
    out.push({
      name, in: "path", required: true,
      description: name === "org" ? "Organization slug" : name === "workspace" ? "Workspace slug" : undefined,
      schema: s ? schemaOf(s, "input") : { type: "string" },
    });
  }
  for (const [name, s] of Object.entries(objectShape(op.query))) {
    const json = schemaOf(s, "output");
    out.push({ name, in: "query", required: !s.safeParse(undefined).success, schema: json, ...(json.type === "array" ? { explode: true } : {}) });
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

function operationObject(op: Operation): Json {
  const status = op.status ?? 200;
  const responses: Json = {
    [status]: status === 204 || !op.response
      ? { description: "Success, no content" }
      : { description: "Successful Response", content: { "application/json": { schema: schemaOf(op.response, "output") } } },
  };
  for (const code of errorStatuses(op)) {
    responses[code] = {
      description: errorDescriptions[code] ?? "Error",
      content: { "application/json": { schema: { $ref: uri(op.surface === "compat" ? "CompatErrorPayload" : "APIErrorPayload") } } },
      ...(code === 429 ? { headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait" } } } : {}),
    };
  }
  const need = op.permission ? permissions[op.permission] : undefined;
  const roleText = need && (need.role === "viewer" ? "Open to every member of the org" : `Requires the **${need.role}** role or higher`);
  const description = [op.description, need && `${roleText}; with a token, the \`${need.scope}\` scope.`]
    .filter(Boolean)
    .join("\n\n");
  return {
    operationId: `${op.method.toLowerCase()}${op.path.replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
    summary: op.summary,
    ...(description ? { description } : {}),
    tags: [op.tag],
    security: op.auth === "required" ? [{ bearerAuth: [] }, { sessionCookie: [] }] : [],
    parameters: parameters(op),
    ...(op.body
      ? { requestBody: { required: !bodyIsOptional(op.body), content: { "application/json": { schema: schemaOf(op.body, "input") } } } }
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
    const json = z.toJSONSchema(schema, { io: "output", unrepresentable: "any" }) as { $defs?: Record<string, Json> };
    for (const [defId, def] of Object.entries(json.$defs ?? {})) {
      if (!schemas[defId]) schemas[defId] = JSON.parse(JSON.stringify(def).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json;
    }
  }
  return Object.fromEntries(Object.keys(schemas).sort().map((k) => [k, schemas[k]!]));
}

export function openApiDocument(operations: Operation[] = allOperations): Json {
  void [apiErrorPayload, compatErrorPayload]; // registered in the global registry on import
  const schemas = componentSchemas();
  const paths: Record<string, Json> = {};
  for (const op of operations) {
    paths[op.path] ??= {};
    paths[op.path]![op.method.toLowerCase()] = operationObject(op);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Quiver API",
      version: pkg.version,
      description:
        "The canonical API of Quiver: snake_case, errors as APIErrorPayload. Authenticate with `Authorization: Bearer <token>` (Settings → API tokens) or a browser session.",
    },
    servers: [{ url: "/" }],
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "An API token: qvr_..." },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
    },
  };
}
