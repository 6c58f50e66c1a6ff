// The zod shapes of a release's configuration (seeds/003), built once per naming: camelCase for
// the seed's compatibility surface (/api/v1/ai/releases) and snake_case for the canonical API.
// One definition, so that the two surfaces validate exactly alike; the types follow the renaming.
import { z } from "zod";
import { toSnake, type Style } from "./config";

type Snake<S extends string> = S extends `${infer H}${infer T}` ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${Snake<T>}` : S;
type Named<T extends z.ZodRawShape, S extends Style> = S extends "snake" ? { [K in keyof T as K extends string ? Snake<K> : never]: T[K] } : T;

const required = (what: string) => ({ error: (iss: { input: unknown }) => (iss.input === undefined ? "required" : `must be ${what}`) });

/** The seed's UUID pattern (v4). */
export const UUID_V4 = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12})$/;
export const uuidV4 = (what: string) => z.string(required("a string")).regex(UUID_V4, `not ${what} (a UUID v4)`);

/** A capability in the catalog: own `name` or another org's public `owner/name`, optionally `@version`. */
export const CAPABILITY_REF = /^(?:([a-z0-9][a-z0-9-]*)\/)?([a-z0-9][a-z0-9-]*)(?:@(\d+\.\d+\.\d+))?$/;

/** Checked by the service (so that every version error carries the seed's name `invalidReleaseVersion`). */
export const versionField = z
  .string()
  .max(20, "invalidReleaseVersion: not a version (small semver, e.g. 1.2.3)")
  .meta({ description: "Small semver, e.g. 1.2.3; greater than the deployed version. Default: the deployed version's next patch (1.0.0 at first).", pattern: "^(0|[1-9]\\d{0,3})\\.(0|[1-9]\\d{0,3})\\.(0|[1-9]\\d{0,4})$" });

const text = (max: number) => z.string().max(max, `at most ${max} characters`);
const slug = z.string(required("a string")).trim().min(1, "must not be empty").max(200, "at most 200 characters");
const freeForm = z.record(z.string(), z.unknown());

function build<S extends Style>(style: S, prefix: string) {
  const k = (name: string) => (style === "snake" ? toSnake(name) : name);
  const obj = <T extends z.ZodRawShape>(shape: T) => z.object(Object.fromEntries(Object.entries(shape).map(([n, s]) => [k(n), s]))) as unknown as z.ZodObject<Named<T, S>>;
  const id = (name: string) => ({ id: `${prefix}${name}` });

  const action = obj({
    name: text(200).optional(),
    slug,
    description: text(5000).optional(),
    isBulkAllowed: z.boolean().optional(),
    config: freeForm.optional(),
    kind: text(100).optional(),
    toolUuid: text(100).optional(),
    templateSlug: text(200).optional(),
    waitUntilFinished: z.boolean().optional(),
  }).meta(id("ReleaseAction"));

  const resource = obj({
    kind: text(100).optional(),
    name: text(200).optional(),
    slug,
    description: text(5000).optional(),
    integrationSlug: text(200).optional(),
    modelUuid: text(100).optional(),
    filter: z.object({ groups: z.array(z.unknown()).max(100) }).loose().optional(),
    selectedColumnSlugs: z.array(text(200)).max(500).optional(),
    limit: z.number().int().min(1, "must be at least 1").optional(),
    prompt: text(20_000).optional(),
    isReadOnly: z.boolean().optional(),
  }).meta(id("ReleaseResource"));

  const capability = obj({
    slug: z.string(required("a string")).regex(CAPABILITY_REF, "not a capability: name, or owner/name for another org's public one, optionally @version (e.g. pdf-tools@1.2.0)")
      .meta({ description: "A capability in the catalog: own name, or owner/name (public), optionally @version" }),
    config: freeForm.optional(),
  }).meta(id("ReleaseCapability"));

  const suggestedAction = obj({
    text: z.string(required("a string")).trim().min(1, "must not be empty").max(1000, "at most 1000 characters"),
    actions: z.array(obj({ slug })).max(50).optional(),
  }).meta(id("ReleaseSuggestedAction"));

  const authentication = obj({
    issuedAt: text(100).optional(),
    accessToken: text(20_000).optional(),
    expiresIn: z.number().int().optional(),
    refreshToken: text(20_000).optional(),
    scope: text(2000).optional(),
    tokenType: text(100).optional(),
    clientId: text(500).optional(),
  }).meta({ ...id("ReleaseMcpAuthentication"), description: "Stored encrypted; responses show accessToken and refreshToken redacted to their last 4 characters. Sending a redacted value back unchanged keeps the stored secret." });

  const mcpClient = obj({
    kind: text(100).optional(),
    name: z.string(required("a string")).trim().min(1, "must not be empty").max(200, "at most 200 characters"),
    url: z.url({ protocol: /^https?$/, error: "not an http(s) URL" }).max(2000),
    authentication: authentication.nullable().optional(),
    disabledToolSlugs: z.array(text(200)).max(500).optional(),
  }).meta(id("ReleaseMcpClient"));

  const output = obj({ type: z.string(required("a string")).trim().min(1, "must not be empty").max(100) }).meta(id("ReleaseOutput"));
  const heartbeat = obj({
    intervalMinutes: z.number(required("a number")).int("must be a whole number").min(1, "must be at least 1"),
    maxMessages: z.number().int("must be a whole number").min(1, "must be at least 1").optional(),
    prompt: text(20_000).optional(),
  }).meta({ ...id("ReleaseHeartbeat"), description: "Heartbeat of chats created from this release; null disables it." });
  const evaluator = obj({
    rubric: z.string(required("a string")).trim().min(1, "must not be empty").max(20_000),
    threshold: z.number(required("a number")).min(0, "must be between 0 and 1").max(1, "must be between 0 and 1"),
  }).meta({ ...id("ReleaseEvaluator"), description: "Rubric and quality threshold used to grade the agent's output; null disables it." });

  const list = <T extends z.ZodType>(item: T, max: number) => z.array(item, required("a list")).max(max, `at most ${max} items`);

  /** A request's configuration fields (the seed's required arrays and slugs required). */
  const configFields = {
    templateSlug: text(200).nullable().optional(),
    actions: list(action, 200),
    resources: list(resource, 200),
    capabilities: list(capability, 100),
    suggestedActions: list(suggestedAction, 50),
    systemPrompt: text(200_000).optional(),
    withReasoning: z.boolean().optional(),
    temperature: z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1").nullable().optional(),
    maxSteps: z.number().int("must be a whole number").min(1, "must be at least 1").max(10_000, "at most 10000").nullable().optional(),
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
        else ctx.addIssue({ code: "custom", path: [k(field), i, key], message: `'${idOf}' appears twice (also at ${k(field)}[${first}])` });
      });
    }
  };

  return { obj, action, resource, capability, suggestedAction, mcpClient, output, heartbeat, evaluator, configFields, unique };
}

export const camel = build("camel", "Compat");
export const snake = build("snake", "");
