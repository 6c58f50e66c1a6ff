// A release's configuration as the service holds it (the seed's camelCase, seeds/003), and the pure
// rules around it: release versions (small semver, the next version; the order is lib/versions.ts), the empty draft,
// normalizing request input into stored form, comparing two configurations, and renaming keys
// between the seed's camelCase and the canonical API's snake_case. No database here.
import { nextPatch } from "@/lib/versions";
// ---- versions ---------------------------------------------------------------------------------

/** The seed's small semver: at most 4 digits for major and minor, 5 for patch. */
export const SMALL_SEMVER = /^(0|[1-9]\d{0,3})\.(0|[1-9]\d{0,3})\.(0|[1-9]\d{0,4})$/;

/** The version a deploy without one gets: the deployed one's next patch, 1.0.0 at first; null when the patch would overflow. */
export function nextVersion(deployed: string | null | undefined): string | null {
  if (!deployed) return "1.0.0";
  const next = nextPatch(deployed);
  return SMALL_SEMVER.test(next) ? next : null;
}

// ---- configuration ----------------------------------------------------------------------------

type Obj = Record<string, unknown>;

/** A custom MCP client has a `url` (and maybe an authentication); a connector one (`kind: "connector"`) a connectorUuid and integrationSlug instead. */
export interface McpClientInput {
  kind?: string;
  name: string;
  url?: string;
  authentication?: Record<string, unknown> | null;
  disabledToolSlugs?: string[];
  connectorUuid?: string;
  integrationSlug?: string;
}

/**
 * A capability reference. On a deployed or archived release, `resolvedVersion` is the catalog
 * version the slug resolved to at deploy (null for a built-in): the release keeps it, so that it
 * does not float to versions pushed later. Drafts never carry it.
 */
export interface CapabilityRef {
  slug: string;
  config?: Obj;
  resolvedVersion?: string | null;
}

/** An MCP client's authentication as stored: sealed, beside its redacted view (lib/agents/secrets.ts). */
export interface StoredAuthentication {
  ciphertext: string;
  redacted: Record<string, unknown>;
}

export type StoredMcpClient = Omit<McpClientInput, "authentication"> & {
  authentication?: StoredAuthentication | null;
};

/** What a request may set on a draft (the seed's fields, camelCase), after validation. */
export interface ConfigInput {
  templateSlug?: string | null;
  actions: Obj[];
  resources: Obj[];
  capabilities: CapabilityRef[];
  suggestedActions: Obj[];
  systemPrompt?: string;
  withReasoning?: boolean;
  temperature?: number | null;
  maxSteps?: number | null;
  integrationSlug: string;
  connectorUuid?: string | null;
  languageModelSlug: string;
  mcpClients: McpClientInput[];
  output?: Obj | null;
  heartbeat?: Obj | null;
  evaluator?: Obj | null;
}

/** The configuration of a release row, every field present; MCP clients' secrets sealed. */
export interface StoredConfig {
  templateSlug: string | null;
  actions: Obj[];
  resources: Obj[];
  capabilities: CapabilityRef[];
  suggestedActions: Obj[];
  systemPrompt: string;
  withReasoning: boolean;
  temperature: number | null;
  maxSteps: number | null;
  integrationSlug: string;
  connectorUuid: string | null;
  languageModelSlug: string;
  mcpClients: StoredMcpClient[];
  output: Obj | null;
  heartbeat: Obj | null;
  evaluator: Obj | null;
}

/** The fields that make up a configuration, in the seed's order: what a diff and "changed" compare. */
export const CONFIG_FIELDS = [
  "templateSlug",
  "actions",
  "resources",
  "capabilities",
  "suggestedActions",
  "systemPrompt",
  "withReasoning",
  "temperature",
  "maxSteps",
  "integrationSlug",
  "connectorUuid",
  "languageModelSlug",
  "mcpClients",
  "output",
  "heartbeat",
  "evaluator",
] as const satisfies readonly (keyof StoredConfig)[];
export type ConfigField = (typeof CONFIG_FIELDS)[number];

export function emptyConfig(): StoredConfig {
  return {
    templateSlug: null,
    actions: [],
    resources: [],
    capabilities: [],
    suggestedActions: [],
    systemPrompt: "",
    withReasoning: false,
    temperature: null,
    maxSteps: null,
    integrationSlug: "",
    connectorUuid: null,
    languageModelSlug: "",
    mcpClients: [],
    output: null,
    heartbeat: null,
    evaluator: null,
  };
}

/** A row's configuration (the Release columns of the same names). */
export function configOf(row: { [K in keyof StoredConfig]: unknown }): StoredConfig {
  return {
    templateSlug: row.templateSlug as string | null,
    actions: row.actions as Obj[],
    resources: row.resources as Obj[],
    capabilities: row.capabilities as StoredConfig["capabilities"],
    suggestedActions: row.suggestedActions as Obj[],
    systemPrompt: row.systemPrompt as string,
    withReasoning: row.withReasoning as boolean,
    temperature: row.temperature as number | null,
    maxSteps: row.maxSteps as number | null,
    integrationSlug: row.integrationSlug as string,
    connectorUuid: row.connectorUuid as string | null,
    languageModelSlug: row.languageModelSlug as string,
    mcpClients: row.mcpClients as StoredMcpClient[],
    output: (row.output as Obj | null) ?? null,
    heartbeat: (row.heartbeat as Obj | null) ?? null,
    evaluator: (row.evaluator as Obj | null) ?? null,
  };
}

/** Capabilities as a draft holds them: what was asked for, without the versions a deploy resolved. */
function unpinned(capabilities: CapabilityRef[]): CapabilityRef[] {
  return capabilities.map(({ resolvedVersion: _r, ...c }) => c);
}

/** Whether a configuration's capabilities carry the versions a deploy resolved them to. */
const pinned = (c: StoredConfig) =>
  c.capabilities.length > 0 && c.capabilities.every((x) => x.resolvedVersion !== undefined);

/**
 * A draft's configuration copied from a release: the capabilities as asked for (a deploy resolves
 * them again), or, for a restore (`pin`), at the versions the release resolved them to, so that
 * deploying the restored draft brings back exactly that release.
 */
export function draftConfigOf(config: StoredConfig, pin = false): StoredConfig {
  const capabilities = config.capabilities.map(({ resolvedVersion, ...c }) =>
    pin && resolvedVersion && !c.slug.includes("@")
      ? { ...c, slug: `${c.slug}@${resolvedVersion}` }
      : c,
  );
  return { ...config, capabilities };
}

/**
 * A request's configuration in stored form (a PUT replaces the draft: what it leaves out is
 * cleared; a `partial` one, the seed's updateDraft, changes only the fields it names), MCP
 * clients already sealed by the caller (undefined: not sent). `templateSlug` is not in the
 * seed's deploy body, so leaving it out keeps the current one.
 */
export function normalizeConfig(
  input: Partial<ConfigInput>,
  mcpClients: StoredMcpClient[] | undefined,
  current: StoredConfig,
  partial = false,
): StoredConfig {
  if (partial) {
    const named = Object.fromEntries(
      Object.entries(input).filter(
        ([k, v]) => v !== undefined && (CONFIG_FIELDS as readonly string[]).includes(k),
      ),
    );
    return {
      ...current,
      ...named,
      capabilities: unpinned(input.capabilities ?? current.capabilities),
      mcpClients: mcpClients ?? current.mcpClients,
    } as StoredConfig;
  }
  return {
    templateSlug: input.templateSlug === undefined ? current.templateSlug : input.templateSlug,
    actions: input.actions ?? [],
    resources: input.resources ?? [],
    capabilities: unpinned(input.capabilities ?? []),
    suggestedActions: input.suggestedActions ?? [],
    systemPrompt: input.systemPrompt ?? "",
    withReasoning: input.withReasoning ?? false,
    temperature: input.temperature ?? null,
    maxSteps: input.maxSteps ?? null,
    integrationSlug: input.integrationSlug ?? "",
    connectorUuid: input.connectorUuid ?? null,
    languageModelSlug: input.languageModelSlug ?? "",
    mcpClients: mcpClients ?? [],
    output: input.output ?? null,
    heartbeat: input.heartbeat ?? null,
    evaluator: input.evaluator ?? null,
  };
}

/** JSON with object keys sorted, so that two equal values serialize identically. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/**
 * The fields in which two configurations differ. `sameClients` decides the MCP clients (their
 * sealed secrets differ as ciphertext even when the secrets are equal: lib/agents/secrets.ts).
 * Two releases' capabilities differ when the versions they resolved to do; a draft (which holds
 * no resolved versions) is compared with a release by what it asks for.
 */
export function changedFields(
  a: StoredConfig,
  b: StoredConfig,
  sameClients: (x: StoredMcpClient[], y: StoredMcpClient[]) => boolean,
): ConfigField[] {
  const both = pinned(a) && pinned(b);
  const caps = (c: StoredConfig) => (both ? c.capabilities : unpinned(c.capabilities));
  return CONFIG_FIELDS.filter((f) =>
    f === "mcpClients"
      ? !sameClients(a.mcpClients, b.mcpClients)
      : f === "capabilities"
        ? stableJson(caps(a)) !== stableJson(caps(b))
        : stableJson(a[f] ?? null) !== stableJson(b[f] ?? null),
  );
}

// ---- naming -----------------------------------------------------------------------------------

export const toSnake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const toCamel = (key: string) =>
  key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** Free-form values whose keys are the user's, not ours: never renamed. */
const OPAQUE = new Set(["config", "filter", "jsonSchema", "json_schema"]);

/** A value with every key renamed (recursively), except inside free-form values. */
export function renameKeys(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => renameKeys(v, rename));
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Obj).map(([k, v]) => [
        rename(k),
        OPAQUE.has(k) ? v : renameKeys(v, rename),
      ]),
    );
  }
  return value;
}

export type Style = "camel" | "snake";

/** An error location in the request's naming: the service builds them in camelCase. */
export function locIn(style: Style, loc: (string | number)[]): (string | number)[] {
  return style === "camel" ? loc : loc.map((p) => (typeof p === "string" ? toSnake(p) : p));
}
