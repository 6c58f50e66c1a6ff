// The draft editor's model, with no React in it: the form state built from a draft (the API's
// snake_case shape), the PUT body built back from it, the client-side checks (ranges, required
// fields, JSON that parses, the API's uniqueness rules), and the API's 422 `errors[].loc` mapped
// to the same field keys ("actions.0.slug"), so both kinds of error show beside their field.
//
// Each list row keeps the object it was read from (`orig`): an optional field left empty is
// left out again unless the draft had it, so a round trip without edits sends back what was read
// (the draft's secrets included, as the redactions the API keeps them by).
import { CAPABILITY_REF, UUID_V4 } from "@/lib/agents/patterns";
import type { DraftBody, DraftView } from "./hooks";

type Obj = Record<string, unknown>;
export type Errors = Record<string, string>;

interface Row {
  key: string;
  orig: Obj;
}
export interface ActionRow extends Row {
  slug: string;
  name: string;
  kind: string;
  description: string;
  tool_uuid: string;
  template_slug: string;
  is_bulk_allowed: boolean;
  wait_until_finished: boolean;
  config: string;
}
export interface ResourceRow extends Row {
  slug: string;
  name: string;
  kind: string;
  description: string;
  integration_slug: string;
  model_uuid: string;
  filter: string;
  selected_column_slugs: string;
  limit: string;
  prompt: string;
  is_read_only: boolean;
}
export interface CapabilityRow extends Row {
  slug: string;
  config: string;
}
export interface SuggestedActionRow extends Row {
  text: string;
  actions: string;
}
export interface McpAuth {
  on: boolean;
  /** What the API shows of the stored secrets ("••••abcd"), null when there is none (or it is to be removed). */
  access_token_stored: string | null;
  refresh_token_stored: string | null;
  /** A new secret typed to replace the stored one; empty: keep the stored one. */
  access_token: string;
  refresh_token: string;
  token_type: string;
  scope: string;
  client_id: string;
  issued_at: string;
  expires_in: string;
  orig: Obj | null;
}
export interface McpClientRow extends Row {
  name: string;
  url: string;
  kind: string;
  disabled_tool_slugs: string;
  auth: McpAuth;
}

export interface DraftForm {
  language_model_slug: string;
  integration_slug: string;
  connector_uuid: string;
  template_slug: string;
  with_reasoning: boolean;
  temperature: string;
  max_steps: string;
  system_prompt: string;
  actions: ActionRow[];
  resources: ResourceRow[];
  capabilities: CapabilityRow[];
  suggested_actions: SuggestedActionRow[];
  mcp_clients: McpClientRow[];
  output: { on: boolean; type: string; orig: Obj | null };
  heartbeat: {
    on: boolean;
    interval_minutes: string;
    max_messages: string;
    prompt: string;
    orig: Obj | null;
  };
  evaluator: { on: boolean; rubric: string; threshold: string; orig: Obj | null };
}

let counter = 0;
const newKey = () => `row-${++counter}`;

const str = (v: unknown) =>
  typeof v === "string" ? v : v === undefined || v === null ? "" : String(v);
const num = (v: unknown) => (typeof v === "number" ? String(v) : "");
const json = (v: unknown) => (v === undefined ? "" : JSON.stringify(v, null, 2));
const list = (v: unknown) => (Array.isArray(v) ? v.map(str).join(", ") : "");
const objs = (v: unknown) => (Array.isArray(v) ? (v as Obj[]) : []);

export function actionRow(o: Obj = {}): ActionRow {
  return {
    key: newKey(),
    orig: o,
    slug: str(o.slug),
    name: str(o.name),
    kind: str(o.kind),
    description: str(o.description),
    tool_uuid: str(o.tool_uuid),
    template_slug: str(o.template_slug),
    is_bulk_allowed: o.is_bulk_allowed === true,
    wait_until_finished: o.wait_until_finished === true,
    config: json(o.config),
  };
}
export function resourceRow(o: Obj = {}): ResourceRow {
  return {
    key: newKey(),
    orig: o,
    slug: str(o.slug),
    name: str(o.name),
    kind: str(o.kind),
    description: str(o.description),
    integration_slug: str(o.integration_slug),
    model_uuid: str(o.model_uuid),
    filter: json(o.filter),
    selected_column_slugs: list(o.selected_column_slugs),
    limit: num(o.limit),
    prompt: str(o.prompt),
    is_read_only: o.is_read_only === true,
  };
}
export const capabilityRow = (o: Obj = {}): CapabilityRow => ({
  key: newKey(),
  orig: o,
  slug: str(o.slug),
  config: json(o.config),
});
export const suggestedActionRow = (o: Obj = {}): SuggestedActionRow => ({
  key: newKey(),
  orig: o,
  text: str(o.text),
  actions: objs(o.actions)
    .map((a) => str(a.slug))
    .join(", "),
});
export function mcpClientRow(o: Obj = {}): McpClientRow {
  const a =
    o.authentication && typeof o.authentication === "object" ? (o.authentication as Obj) : null;
  return {
    key: newKey(),
    orig: o,
    name: str(o.name),
    url: str(o.url),
    kind: str(o.kind),
    disabled_tool_slugs: list(o.disabled_tool_slugs),
    auth: {
      on: a !== null,
      access_token_stored: typeof a?.access_token === "string" ? a.access_token : null,
      refresh_token_stored: typeof a?.refresh_token === "string" ? a.refresh_token : null,
      access_token: "",
      refresh_token: "",
      token_type: str(a?.token_type),
      scope: str(a?.scope),
      client_id: str(a?.client_id),
      issued_at: str(a?.issued_at),
      expires_in: num(a?.expires_in),
      orig: a,
    },
  };
}

export function fromDraft(d: DraftView): DraftForm {
  const output = d.output as Obj | null;
  const heartbeat = d.heartbeat as Obj | null;
  const evaluator = d.evaluator as Obj | null;
  return {
    language_model_slug: d.language_model_slug,
    integration_slug: d.integration_slug,
    connector_uuid: d.connector_uuid ?? "",
    template_slug: d.template_slug ?? "",
    with_reasoning: d.with_reasoning,
    temperature: d.temperature === null ? "" : String(d.temperature),
    max_steps: d.max_steps === null ? "" : String(d.max_steps),
    system_prompt: d.system_prompt,
    actions: objs(d.actions).map(actionRow),
    resources: objs(d.resources).map(resourceRow),
    capabilities: objs(d.capabilities).map(capabilityRow),
    suggested_actions: objs(d.suggested_actions).map(suggestedActionRow),
    mcp_clients: objs(d.mcp_clients).map(mcpClientRow),
    output: { on: output !== null, type: str(output?.type), orig: output },
    heartbeat: {
      on: heartbeat !== null,
      interval_minutes: num(heartbeat?.interval_minutes) || "60",
      max_messages: num(heartbeat?.max_messages),
      prompt: str(heartbeat?.prompt),
      orig: heartbeat,
    },
    evaluator: {
      on: evaluator !== null,
      rubric: str(evaluator?.rubric),
      threshold: evaluator ? num(evaluator.threshold) : "0.7",
      orig: evaluator,
    },
  };
}

/** What tells two forms apart: everything but the rows' React keys. */
export function formSignature(f: DraftForm): string {
  return JSON.stringify(f, (k, v: unknown) => (k === "key" ? undefined : v));
}

// ---- building the body ------------------------------------------------------------------------

/** Sets `key` on `out`, or leaves it out when empty (unless it is what the row was read with). */
function put(out: Obj, orig: Obj, key: string, value: unknown, empty: boolean): void {
  if ((key in orig && Object.is(orig[key], value)) || !empty) out[key] = value;
  else delete out[key];
}
const words = (s: string) =>
  s
    .split(",")
    .map((w) => w.trim())
    .filter(Boolean);
function parseJson(text: string): { value?: unknown; error?: string } {
  if (!text.trim()) return {};
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (err) {
    return { error: `not valid JSON: ${(err as Error).message}` };
  }
}
const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);

function actionOut(r: ActionRow): Obj {
  const out: Obj = { ...r.orig };
  out.slug = r.slug.trim();
  put(out, r.orig, "name", r.name, !r.name);
  put(out, r.orig, "kind", r.kind, !r.kind);
  put(out, r.orig, "description", r.description, !r.description);
  put(out, r.orig, "tool_uuid", r.tool_uuid, !r.tool_uuid);
  put(out, r.orig, "template_slug", r.template_slug, !r.template_slug);
  put(out, r.orig, "is_bulk_allowed", r.is_bulk_allowed, !r.is_bulk_allowed);
  put(out, r.orig, "wait_until_finished", r.wait_until_finished, !r.wait_until_finished);
  const config = parseJson(r.config);
  put(out, r.orig, "config", config.value, config.value === undefined);
  return out;
}

function resourceOut(r: ResourceRow): Obj {
  const out: Obj = { ...r.orig };
  out.slug = r.slug.trim();
  put(out, r.orig, "name", r.name, !r.name);
  put(out, r.orig, "kind", r.kind, !r.kind);
  put(out, r.orig, "description", r.description, !r.description);
  put(out, r.orig, "integration_slug", r.integration_slug, !r.integration_slug);
  put(out, r.orig, "model_uuid", r.model_uuid, !r.model_uuid);
  put(out, r.orig, "prompt", r.prompt, !r.prompt);
  put(out, r.orig, "is_read_only", r.is_read_only, !r.is_read_only);
  const cols = words(r.selected_column_slugs);
  if (cols.length || Array.isArray(r.orig.selected_column_slugs)) out.selected_column_slugs = cols;
  put(out, r.orig, "limit", r.limit.trim() ? Number(r.limit) : undefined, !r.limit.trim());
  const filter = parseJson(r.filter);
  put(out, r.orig, "filter", filter.value, filter.value === undefined);
  return out;
}

function capabilityOut(r: CapabilityRow): Obj {
  const out: Obj = { ...r.orig, slug: r.slug.trim() };
  const config = parseJson(r.config);
  put(out, r.orig, "config", config.value, config.value === undefined);
  return out;
}

function suggestedOut(r: SuggestedActionRow): Obj {
  const out: Obj = { ...r.orig, text: r.text.trim() };
  const slugs = words(r.actions);
  if (slugs.length || Array.isArray(r.orig.actions)) out.actions = slugs.map((slug) => ({ slug }));
  return out;
}

function authOut(a: McpAuth): Obj {
  const out: Obj = { ...(a.orig ?? {}) };
  const secret = (field: "access_token" | "refresh_token") => {
    const typed = a[field];
    const stored = a[`${field}_stored`];
    if (typed) out[field] = typed;
    else if (stored)
      out[field] = stored; // the redaction: the API keeps the stored secret
    else delete out[field];
  };
  secret("access_token");
  secret("refresh_token");
  const o = a.orig ?? {};
  put(out, o, "token_type", a.token_type, !a.token_type);
  put(out, o, "scope", a.scope, !a.scope);
  put(out, o, "client_id", a.client_id, !a.client_id);
  put(out, o, "issued_at", a.issued_at, !a.issued_at);
  put(
    out,
    o,
    "expires_in",
    a.expires_in.trim() ? Number(a.expires_in) : undefined,
    !a.expires_in.trim(),
  );
  return out;
}

function mcpOut(r: McpClientRow): Obj {
  // A connector client (kind "connector": connector_uuid and integration_slug) has no URL.
  const connector = r.kind.trim() === "connector";
  const out: Obj = {
    ...r.orig,
    name: r.name.trim(),
    ...(connector && !r.url.trim() ? {} : { url: r.url.trim() }),
  };
  if (connector && !r.url.trim()) delete out.url;
  put(out, r.orig, "kind", r.kind, !r.kind);
  const tools = words(r.disabled_tool_slugs);
  if (tools.length || Array.isArray(r.orig.disabled_tool_slugs)) out.disabled_tool_slugs = tools;
  // Off: null when the client had an authentication (or an explicit null), else left out.
  if (r.auth.on) out.authentication = authOut(r.auth);
  else if ("authentication" in r.orig) out.authentication = null;
  return out;
}

/**
 * Rows keep the fields this form does not edit as they came (`orig`), so they are built as loose
 * objects: the compiler checks the body's scalar fields, the API's schema checks the rows.
 */
const asRows = <K extends keyof DraftBody>(rows: unknown) => rows as DraftBody[K];

/** The PUT body: the whole configuration, based on `revision`. */
export function toBody(f: DraftForm, revision: number): DraftBody {
  const n = (s: string) => (s.trim() === "" ? null : Number(s));
  const hb = f.heartbeat;
  const heartbeat: Obj = { ...(hb.orig ?? {}), interval_minutes: Number(hb.interval_minutes) };
  put(
    heartbeat,
    hb.orig ?? {},
    "max_messages",
    hb.max_messages.trim() ? Number(hb.max_messages) : undefined,
    !hb.max_messages.trim(),
  );
  put(heartbeat, hb.orig ?? {}, "prompt", hb.prompt, !hb.prompt);
  return {
    revision,
    template_slug: f.template_slug.trim() || null,
    language_model_slug: f.language_model_slug.trim(),
    integration_slug: f.integration_slug.trim(),
    connector_uuid: f.connector_uuid.trim() || null,
    with_reasoning: f.with_reasoning,
    temperature: n(f.temperature),
    max_steps: n(f.max_steps),
    system_prompt: f.system_prompt,
    actions: asRows<"actions">(f.actions.map(actionOut)),
    resources: asRows<"resources">(f.resources.map(resourceOut)),
    capabilities: asRows<"capabilities">(f.capabilities.map(capabilityOut)),
    suggested_actions: asRows<"suggested_actions">(f.suggested_actions.map(suggestedOut)),
    mcp_clients: asRows<"mcp_clients">(f.mcp_clients.map(mcpOut)),
    output: f.output.on ? { ...(f.output.orig ?? {}), type: f.output.type.trim() } : null,
    heartbeat: hb.on ? asRows<"heartbeat">(heartbeat) : null,
    evaluator: f.evaluator.on
      ? {
          ...(f.evaluator.orig ?? {}),
          rubric: f.evaluator.rubric.trim(),
          threshold: Number(f.evaluator.threshold),
        }
      : null,
  };
}

// ---- client-side checks -----------------------------------------------------------------------

const isInt = (s: string) => /^-?\d+$/.test(s.trim());
const HTTP_URL = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

function checkJson(
  errors: Errors,
  key: string,
  text: string,
  what: string,
  isValid: (v: unknown) => boolean = isObj,
): void {
  const parsed = parseJson(text);
  if (parsed.error) errors[key] = parsed.error;
  else if (parsed.value !== undefined && !isValid(parsed.value)) errors[key] = `must be ${what}`;
}

function unique<T>(
  errors: Errors,
  field: string,
  rows: T[],
  identity: (r: T) => string,
  key: string,
): void {
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const id = identity(r);
    if (!id) return;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, i);
    else errors[`${field}.${i}.${key}`] ??= `'${id}' appears twice (also in row ${first + 1})`;
  });
}

/** What the browser can tell before sending: the same rules as the API's, keyed like its errors. */
export function validate(f: DraftForm): Errors {
  const e: Errors = {};
  const t = f.temperature.trim();
  if (t && (!Number.isFinite(Number(t)) || Number(t) < 0 || Number(t) > 1))
    e.temperature = "must be a number between 0 and 1";
  const m = f.max_steps.trim();
  if (m && (!isInt(m) || Number(m) < 1 || Number(m) > 10_000))
    e.max_steps = "must be a whole number from 1 to 10000";
  if (f.connector_uuid.trim() && !UUID_V4.test(f.connector_uuid.trim()))
    e.connector_uuid = "not a connector id (a UUID v4)";
  if (f.language_model_slug.length > 200) e.language_model_slug = "at most 200 characters";
  if (f.integration_slug.length > 200) e.integration_slug = "at most 200 characters";
  if (f.template_slug.length > 200) e.template_slug = "at most 200 characters";
  if (f.system_prompt.length > 200_000) e.system_prompt = "at most 200000 characters";

  f.actions.forEach((r, i) => {
    if (!r.slug.trim()) e[`actions.${i}.slug`] = "required";
    checkJson(e, `actions.${i}.config`, r.config, "a JSON object");
  });
  unique(e, "actions", f.actions, (r) => r.slug.trim(), "slug");
  f.resources.forEach((r, i) => {
    if (!r.slug.trim()) e[`resources.${i}.slug`] = "required";
    if (r.limit.trim() && (!isInt(r.limit) || Number(r.limit) < 1))
      e[`resources.${i}.limit`] = "must be a whole number, at least 1";
    checkJson(
      e,
      `resources.${i}.filter`,
      r.filter,
      'a JSON object with a "groups" list',
      (v) => isObj(v) && Array.isArray(v.groups),
    );
  });
  unique(e, "resources", f.resources, (r) => r.slug.trim(), "slug");
  f.capabilities.forEach((r, i) => {
    if (!r.slug.trim()) e[`capabilities.${i}.slug`] = "required";
    else if (!CAPABILITY_REF.test(r.slug.trim()))
      e[`capabilities.${i}.slug`] =
        "not a capability: name, or owner/name, optionally @version (e.g. pdf-tools@1.2.0)";
    checkJson(e, `capabilities.${i}.config`, r.config, "a JSON object");
  });
  unique(e, "capabilities", f.capabilities, (r) => r.slug.trim().replace(/@.*$/, ""), "slug");
  f.suggested_actions.forEach((r, i) => {
    if (!r.text.trim()) e[`suggested_actions.${i}.text`] = "required";
    else if (r.text.length > 1000) e[`suggested_actions.${i}.text`] = "at most 1000 characters";
  });
  f.mcp_clients.forEach((r, i) => {
    if (!r.name.trim()) e[`mcp_clients.${i}.name`] = "required";
    if (!r.url.trim()) {
      if (r.kind.trim() !== "connector")
        e[`mcp_clients.${i}.url`] = "required (a connector client, kind “connector”, has none)";
    } else if (!HTTP_URL.test(r.url.trim())) e[`mcp_clients.${i}.url`] = "not an http(s) URL";
    if (r.auth.on && r.auth.expires_in.trim() && !isInt(r.auth.expires_in))
      e[`mcp_clients.${i}.authentication.expires_in`] = "must be a whole number of seconds";
    for (const s of ["access_token", "refresh_token"] as const) {
      if (r.auth.on && r.auth[s].startsWith("••••"))
        e[`mcp_clients.${i}.authentication.${s}`] =
          "type the secret itself, or leave it empty to keep the stored one";
    }
  });
  unique(e, "mcp_clients", f.mcp_clients, (r) => r.name.trim(), "name");
  if (f.output.on && !f.output.type.trim()) e["output.type"] = "required (or turn the output off)";
  if (f.heartbeat.on) {
    const h = f.heartbeat;
    if (!isInt(h.interval_minutes) || Number(h.interval_minutes) < 1)
      e["heartbeat.interval_minutes"] = "must be a whole number of minutes, at least 1";
    if (h.max_messages.trim() && (!isInt(h.max_messages) || Number(h.max_messages) < 1))
      e["heartbeat.max_messages"] = "must be a whole number, at least 1";
  }
  if (f.evaluator.on) {
    const ev = f.evaluator;
    if (!ev.rubric.trim()) e["evaluator.rubric"] = "required (or turn the evaluator off)";
    const th = ev.threshold.trim();
    if (!th || !Number.isFinite(Number(th)) || Number(th) < 0 || Number(th) > 1)
      e["evaluator.threshold"] = "must be a number between 0 and 1";
  }
  return e;
}

/** An API error location as a field key: ["body", "actions", 0, "slug"] → "actions.0.slug" (deploy names the draft: ["draft", …]). */
function locKey(loc: (string | number)[]): string {
  const parts = loc[0] === "body" || loc[0] === "draft" ? loc.slice(1) : loc;
  return parts.join(".");
}

export function apiErrors(errors: { loc: (string | number)[]; msg: string }[] | undefined): Errors {
  const out: Errors = {};
  for (const err of errors ?? []) out[locKey(err.loc)] ??= err.msg;
  return out;
}

/** The error for a field, or for something inside it (a list's item, an object's key). */
export function errorAt(errors: Errors, key: string): string | undefined {
  if (errors[key]) return errors[key];
  const inner = Object.keys(errors).find((k) => k.startsWith(`${key}.`));
  return inner ? `${inner.slice(key.length + 1)}: ${errors[inner]}` : undefined;
}

/** The fields of a configuration in words, in the seed's order. */
const FIELD_LABELS: Record<string, string> = {
  template_slug: "Template",
  actions: "Actions",
  resources: "Resources",
  capabilities: "Capabilities",
  suggested_actions: "Suggested actions",
  system_prompt: "System prompt",
  with_reasoning: "Reasoning",
  temperature: "Temperature",
  max_steps: "Max steps",
  integration_slug: "Integration",
  connector_uuid: "Connector",
  language_model_slug: "Language model",
  mcp_clients: "MCP clients",
  output: "Output",
  heartbeat: "Heartbeat",
  evaluator: "Evaluator",
};
export const fieldLabel = (field: string) => FIELD_LABELS[field] ?? field;

/** An error key in words: "actions.0.slug" → "Actions #1 slug". */
export const keyLabel = (key: string) =>
  key
    .split(".")
    .map((p, i) =>
      i === 0 ? fieldLabel(p) : /^\d+$/.test(p) ? `#${Number(p) + 1}` : p.replaceAll("_", " "),
    )
    .join(" ");

/** How sections change the form; `structural`: rows were added or removed (server errors by index no longer apply). */
export type EditForm = (change: (f: DraftForm) => DraftForm, structural?: boolean) => void;
