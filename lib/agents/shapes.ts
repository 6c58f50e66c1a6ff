// The zod shapes of a release's configuration (seeds/003), built once per naming: camelCase for
// the seed's compatibility surface (/api/v1/ai/releases) and snake_case for the canonical API.
// One definition, so that the two surfaces validate exactly alike; the types follow the renaming.
import { z } from "zod";
import { toSnake, type Style } from "./config";
import { CAPABILITY_REF, UUID_V4 } from "./patterns";

type Snake<S extends string> = S extends `${infer H}${infer T}`
  ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${Snake<T>}`
  : S;
type Named<T extends z.ZodRawShape, S extends Style> = S extends "snake"
  ? { [K in keyof T as K extends string ? Snake<K> : never]: T[K] }
  : T;

const required = (what: string) => ({
  error: (iss: { input: unknown }) => (iss.input === undefined ? "required" : `must be ${what}`),
});

export const uuidV4 = (what: string) =>
  z.string(required("a string")).regex(UUID_V4, `not ${what} (a UUID v4)`);

/**
 * The capability slugs of Cargo's client types (`AiTypes.Capability`): accepted beside catalog
 * names. A slug that names a catalog capability is that capability; one that does not, and is one
 * of these, is Cargo's built-in capability of that name (no catalog version to pin).
 */
export const BUILTIN_CAPABILITIES = [
  "sandbox",
  "context",
  "app",
  "code",
  "document",
  "webSearch",
  "fileSearch",
  "documentationSearch",
  "codeInterpreter",
  "memory",
  "suggestedActions",
] as const;
const isBuiltin = (slug: string) => (BUILTIN_CAPABILITIES as readonly string[]).includes(slug);

/** Checked by the service (so that every version error carries the seed's name `invalidReleaseVersion`; SMALL_SEMVER bounds its length). */
export const versionField = z.string().meta({
  description:
    "Small semver, e.g. 1.2.3; greater than the deployed version. Default: the deployed version's next patch (1.0.0 at first).",
  pattern: "^(0|[1-9]\\d{0,3})\\.(0|[1-9]\\d{0,3})\\.(0|[1-9]\\d{0,4})$",
});

const text = (max: number) => z.string().max(max, `at most ${max} characters`);
/** What Cargo's client types mark `string | null`: null is a value, kept as sent. */
const nullableText = (max: number) => text(max).nullable().optional();
const slug = z
  .string(required("a string"))
  .trim()
  .min(1, "must not be empty")
  .max(200, "at most 200 characters");
const freeForm = z.record(z.string(), z.unknown());

function build<S extends Style>(style: S, prefix: string) {
  const k = (name: string) => (style === "snake" ? toSnake(name) : name);
  const obj = <T extends z.ZodRawShape>(shape: T) =>
    z.object(
      Object.fromEntries(Object.entries(shape).map(([n, s]) => [k(n), s])),
    ) as unknown as z.ZodObject<Named<T, S>>;
  /** An item of a configuration: a field it does not know is refused (422 naming it), never dropped. */
  const strict = <T extends z.ZodRawShape>(shape: T) =>
    z.strictObject(
      Object.fromEntries(Object.entries(shape).map(([n, s]) => [k(n), s])),
    ) as unknown as z.ZodObject<Named<T, S>, z.core.$strict>;
  const id = (name: string) => ({ id: `${prefix}${name}` });

  // Cargo's action kinds: tool (toolUuid, templateSlug), agent (agentUuid, templateSlug) and
  // connector (integrationSlug, connectorUuid, actionSlug); every field of each is kept.
  const action = strict({
    name: nullableText(200),
    slug,
    description: nullableText(5000),
    isBulkAllowed: z.boolean().optional(),
    config: freeForm.optional(),
    kind: text(100).optional(),
    toolUuid: nullableText(100),
    agentUuid: nullableText(100),
    templateSlug: nullableText(200),
    waitUntilFinished: z.boolean().optional(),
    integrationSlug: text(200).optional(),
    connectorUuid: nullableText(100),
    actionSlug: text(200).optional(),
  }).meta(id("ReleaseAction"));

  const fileItem = strict({
    kind: z.enum(["file", "folder"], { error: "must be 'file' or 'folder'" }),
    fileUuid: text(100).optional(),
    folderUuid: text(100).optional(),
  })
    .superRefine((value, ctx) => {
      const item = value as Record<string, unknown>;
      const need = item.kind === "file" ? k("fileUuid") : k("folderUuid");
      if (typeof item[need] !== "string")
        ctx.addIssue({
          code: "custom",
          path: [need],
          message: `required for a ${String(item.kind)}`,
        });
    })
    .meta(id("ReleaseResourceItem"));

  // Cargo's resource kinds: model (integrationSlug, modelUuid, filter, selectedColumnSlugs, limit, isReadOnly) and file (items).
  const resource = strict({
    kind: text(100).optional(),
    name: nullableText(200),
    slug,
    description: nullableText(5000),
    integrationSlug: nullableText(200),
    modelUuid: nullableText(100),
    filter: z
      .object({ groups: z.array(z.unknown()).max(100) })
      .loose()
      .nullable()
      .optional(),
    selectedColumnSlugs: z.array(text(200)).max(500).nullable().optional(),
    limit: z.number().int().min(1, "must be at least 1").nullable().optional(),
    prompt: nullableText(20_000),
    isReadOnly: z.boolean().optional(),
    items: z
      .array(fileItem)
      .max(500)
      .optional()
      .meta({ description: "A file resource's files and folders" }),
  }).meta(id("ReleaseResource"));

  const capability = strict({
    slug: z
      .string(required("a string"))
      .refine(
        (v) => CAPABILITY_REF.test(v) || isBuiltin(v),
        "not a capability: name, or owner/name for another org's public one, optionally @version (e.g. pdf-tools@1.2.0), or one of Cargo's built-in slugs (webSearch, codeInterpreter, …)",
      )
      .meta({
        description: `A capability in the catalog: own name, or owner/name (public), optionally @version; or one of Cargo's built-in slugs (${BUILTIN_CAPABILITIES.join(", ")})`,
      }),
    config: freeForm.optional(),
    resolvedVersion: z.string().nullable().optional().meta({
      description:
        "On a deployed or archived release: the catalog version the slug resolved to at deploy, which the release keeps (null for a built-in). Ignored on input: a deploy resolves it.",
    }),
  }).meta(id("ReleaseCapability"));

  const suggestedAction = strict({
    text: z
      .string(required("a string"))
      .trim()
      .min(1, "must not be empty")
      .max(1000, "at most 1000 characters"),
    actions: z.array(strict({ slug })).max(50).optional(),
  }).meta(id("ReleaseSuggestedAction"));

  const authentication = strict({
    issuedAt: text(100).optional(),
    accessToken: text(20_000).optional(),
    expiresIn: z.number().int().optional(),
    refreshToken: text(20_000).optional(),
    scope: text(2000).optional(),
    tokenType: text(100).optional(),
    clientId: text(500).optional(),
    clientSecret: text(20_000).optional(),
  }).meta({
    ...id("ReleaseMcpAuthentication"),
    description:
      "Stored encrypted; responses show accessToken, refreshToken and clientSecret redacted to their last 4 characters. Sending a redacted value back unchanged keeps the stored secret.",
  });

  // Cargo's MCP client kinds: custom (url, authentication) and connector (connectorUuid, integrationSlug, no url).
  const mcpClient = strict({
    kind: text(100).optional(),
    name: z
      .string(required("a string"))
      .trim()
      .min(1, "must not be empty")
      .max(200, "at most 200 characters"),
    url: z
      .url({ protocol: /^https?$/, error: "not an http(s) URL" })
      .max(2000)
      .optional(),
    authentication: authentication.nullable().optional(),
    disabledToolSlugs: z.array(text(200)).max(500).optional(),
    connectorUuid: text(100).optional(),
    integrationSlug: text(200).optional(),
  })
    .superRefine((client, ctx) => {
      const c = client as Record<string, unknown>;
      const fields = c.kind === "connector" ? [k("connectorUuid"), k("integrationSlug")] : ["url"];
      for (const f of fields)
        if (c[f] === undefined)
          ctx.addIssue({
            code: "custom",
            path: [f],
            message: c.kind === "connector" ? "required for a connector MCP client" : "required",
          });
      const foreign =
        c.kind === "connector"
          ? ["url", "authentication"]
          : [k("connectorUuid"), k("integrationSlug")];
      for (const f of foreign) {
        if (c[f] !== undefined && c[f] !== null)
          ctx.addIssue({
            code: "custom",
            path: [f],
            message:
              c.kind === "connector"
                ? "not for a connector MCP client (its connector holds the connection)"
                : "only for a connector MCP client (kind 'connector')",
          });
      }
    })
    .meta(id("ReleaseMcpClient"));

  const output = strict({
    type: z.string(required("a string")).trim().min(1, "must not be empty").max(100),
    jsonSchema: freeForm
      .optional()
      .meta({ description: "With type 'jsonSchema': the JSON Schema the output follows" }),
  })
    .superRefine((value, ctx) => {
      const o = value as Record<string, unknown>;
      if (o.type === "jsonSchema" && o[k("jsonSchema")] === undefined)
        ctx.addIssue({
          code: "custom",
          path: [k("jsonSchema")],
          message: "required with type 'jsonSchema'",
        });
    })
    .meta(id("ReleaseOutput"));
  const heartbeat = strict({
    intervalMinutes: z
      .number(required("a number"))
      .int("must be a whole number")
      .min(1, "must be at least 1"),
    maxMessages: z.number().int("must be a whole number").min(1, "must be at least 1").optional(),
    prompt: nullableText(20_000),
  }).meta({
    ...id("ReleaseHeartbeat"),
    description: "Heartbeat of chats created from this release; null disables it.",
  });
  const evaluator = strict({
    rubric: z.string(required("a string")).trim().min(1, "must not be empty").max(20_000),
    threshold: z
      .number(required("a number"))
      .min(0, "must be between 0 and 1")
      .max(1, "must be between 0 and 1"),
  }).meta({
    ...id("ReleaseEvaluator"),
    description: "Rubric and quality threshold used to grade the agent's output; null disables it.",
  });

  const list = <T extends z.ZodType>(item: T, max: number) =>
    z.array(item, required("a list")).max(max, `at most ${max} items`);

  /** A request's configuration fields (the seed's required arrays and slugs required). */
  const configFields = {
    templateSlug: text(200).nullable().optional(),
    actions: list(action, 200),
    resources: list(resource, 200),
    capabilities: list(capability, 100),
    suggestedActions: list(suggestedAction, 50),
    systemPrompt: text(200_000).optional(),
    withReasoning: z.boolean().optional(),
    temperature: z
      .number()
      .min(0, "must be between 0 and 1")
      .max(1, "must be between 0 and 1")
      .nullable()
      .optional(),
    maxSteps: z
      .number()
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(10_000, "at most 10000")
      .nullable()
      .optional(),
    integrationSlug: z.string(required("a string")).max(200, "at most 200 characters"),
    connectorUuid: uuidV4("a connector id").nullable().optional(),
    languageModelSlug: z.string(required("a string")).max(200, "at most 200 characters"),
    mcpClients: list(mcpClient, 50),
    output: output.nullable().optional(),
    heartbeat: heartbeat.nullable().optional(),
    evaluator: evaluator.nullable().optional(),
  };

  /** Items of one list must not repeat their identity (two actions with one slug are ambiguous). */
  const unique = (data: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const lists: [string, string, (item: Record<string, unknown>) => string][] = [
      ["actions", "slug", (a) => String(a.slug)],
      ["resources", "slug", (r) => String(r.slug)],
      ["capabilities", "slug", (c) => String(c.slug).replace(/@.*$/, "")],
      ["mcpClients", "name", (c) => String(c.name)],
    ];
    for (const [field, key, identity] of lists) {
      const seen = new Map<string, number>();
      ((data[k(field)] ?? []) as Record<string, unknown>[]).forEach((item, i) => {
        const idOf = identity(item);
        const first = seen.get(idOf);
        if (first === undefined) seen.set(idOf, i);
        else
          ctx.addIssue({
            code: "custom",
            path: [k(field), i, key],
            message: `'${idOf}' appears twice (also at ${k(field)}[${first}])`,
          });
      });
    }
  };

  return {
    obj,
    strict,
    action,
    resource,
    capability,
    suggestedAction,
    mcpClient,
    output,
    heartbeat,
    evaluator,
    configFields,
    unique,
  };
}

export const camel = build("camel", "Compat");
export const snake = build("snake", "");
