// What the hostile-caller matrix can tell about an operation from its declaration alone: the role
// and token scope just below what its permission needs, path params that pass or fail its
// schema, query and body values its schemas refuse (and the `loc` each must name). The schemas
// decide, so a probe cannot go stale when a schema changes.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { bodyIsOptional, type Operation } from "@/lib/api/operation";
import { permissions, roleRank, roles, scopes, type RoleName, type Scope } from "@/lib/auth/roles";

export type Loc = (string | number)[];

/** A request the owner sends that the route must refuse with a 422 naming `loc`. */
export interface Probe {
  what: string;
  path?: string;
  params: Record<string, string>;
  body?: unknown;
  loc: Loc;
  /** The first field the schema names (the only one the compatibility surface reports). */
  first: Loc;
}

export interface Derived {
  /** Path params that pass the schema (`org` and `workspace` filled in by the caller). */
  params: (org: string) => Record<string, string>;
  lowRole?: RoleName;
  lowScopes?: Scope[];
  probes: Probe[];
  /** A GET that needs nothing but its org and workspace: it must succeed in a fresh org. */
  plainGet: boolean;
  /** A JSON body: malformed JSON and an oversized body must be refused. */
  jsonBody: boolean;
}

export const opKey = (op: Operation) => `${op.method} ${op.path}`;

const scopeParams = new Set(["org", "workspace"]);

function pathParamNames(op: Operation): string[] {
  return [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

/** The highest role below the one the operation's permission needs (none when any member may). */
function lowRoleOf(op: Operation): RoleName | undefined {
  if (!op.permission) return undefined;
  const rank = roleRank(permissions[op.permission].role);
  return rank > 0 ? roles[rank - 1] : undefined;
}

/** The highest token scope below the one the operation's permission needs. */
function lowScopesOf(op: Operation): Scope[] | undefined {
  if (!op.permission) return undefined;
  const rank = scopes.indexOf(permissions[op.permission].scope);
  return rank > 0 ? [scopes[rank - 1]!] : undefined;
}

/** The issues a schema raises for a value (empty when it passes). */
function issues(schema: z.ZodType, value: unknown): z.core.$ZodIssue[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues;
}

const issueOn = (all: z.core.$ZodIssue[], key: string) => all.find((i) => i.path[0] === key);
const locOf = (part: string, issue: z.core.$ZodIssue): Loc => [
  part,
  ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
];

const goodParamValues = () => [randomUUID(), "matrix-name", "1.0.0", "README.md", "main", "1"];
const badParamValues = ["not-a-uuid", "Not_A_Name", "1.0", "a/b/c", "x".repeat(300), ""];

function validParams(op: Operation): Record<string, string> {
  const out: Record<string, string> = { org: "matrix-org", workspace: "main" };
  for (const key of pathParamNames(op).filter((k) => !scopeParams.has(k))) {
    const good = goodParamValues().find(
      (v) => !op.params || !issueOn(issues(op.params, { ...out, [key]: v }), key),
    );
    out[key] = good ?? "x";
  }
  return out;
}

function probe(
  what: string,
  part: string,
  all: z.core.$ZodIssue[],
  issue: z.core.$ZodIssue,
  request: Pick<Probe, "path" | "params" | "body">,
): Probe {
  return { what, ...request, loc: locOf(part, issue), first: locOf(part, all[0]!) };
}

function paramProbes(op: Operation, base: Record<string, string>): Probe[] {
  if (!op.params) return [];
  return pathParamNames(op)
    .filter((k) => !scopeParams.has(k))
    .flatMap((key) => {
      for (const bad of badParamValues) {
        const params = { ...base, [key]: bad };
        const all = issues(op.params!, params);
        const issue = issueOn(all, key);
        if (issue) return [probe(`path ${key}`, "path", all, issue, { params })];
      }
      return [];
    });
}

const badQueryValues = ["0", "-1", "abc", "x".repeat(2000), "not-a-uuid", "1.0", "v1", "9999999"];

function queryProbes(op: Operation, base: Record<string, string>): Probe[] {
  const shape = (op.query as unknown as { shape?: Record<string, unknown> } | undefined)?.shape;
  if (!op.query || !shape) return [];
  return Object.keys(shape).flatMap((key) => {
    for (const bad of badQueryValues) {
      const all = issues(op.query!, { [key]: bad });
      const issue = issueOn(all, key);
      if (issue) {
        const path = `/x?${encodeURIComponent(key)}=${encodeURIComponent(bad)}`;
        return [probe(`query ${key}`, "query", all, issue, { path, params: base })];
      }
    }
    return [];
  });
}

const badBodyValues = [12345, "x", true, [], { nested: 1 }, -1, null];

function bodyProbes(op: Operation, base: Record<string, string>): Probe[] {
  const schema = op.body;
  if (!schema) return [];
  const out: Probe[] = [];
  const none = bodyIsOptional(schema) ? [] : issues(schema, undefined);
  if (none[0]) out.push(probe("no body", "body", none, none[0], { params: base }));
  const array = issues(schema, []);
  if (array[0])
    out.push(probe("an array body", "body", array, array[0], { params: base, body: [] }));
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  for (const key of Object.keys(shape)) {
    for (const bad of badBodyValues) {
      const body = { [key]: bad };
      const all = issues(schema, body);
      const issue = issueOn(all, key);
      if (issue) {
        out.push(probe(`body ${key}`, "body", all, issue, { params: base, body }));
        break;
      }
    }
  }
  return out;
}

export function derive(op: Operation): Derived {
  const base = validParams(op);
  const withOrg = (org: string) => {
    const p: Record<string, string> = {};
    for (const key of pathParamNames(op)) p[key] = key === "org" ? org : base[key]!;
    return p;
  };
  const probeBase = withOrg("{org}");
  const probes = [
    ...paramProbes(op, probeBase),
    ...queryProbes(op, probeBase),
    ...bodyProbes(op, probeBase),
  ];
  return {
    params: withOrg,
    lowRole: lowRoleOf(op),
    lowScopes: lowScopesOf(op),
    probes,
    plainGet:
      op.method === "GET" &&
      pathParamNames(op).every((k) => scopeParams.has(k)) &&
      (!op.query || op.query.safeParse({}).success),
    jsonBody: !!op.body,
  };
}

/** A probe's params for a real org (`{org}` stands for it in derived probes). */
export function probeParams(probe: Probe, org: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(probe.params).map(([k, v]) => [k, v === "{org}" ? org : v]),
  );
}
