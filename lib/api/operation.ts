// An operation is everything the API knows about one route: method, path, auth, permission and
// the zod schemas of its parts. Route files bind a handler to one; the OpenAPI document is built
// from all of them (lib/api/openapi.ts), so the docs cannot drift from the code.
import type { z } from "zod";
import type { Permission } from "@/lib/auth/roles";
import type { Env } from "@/lib/env";
import type { Surface } from "./errors";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface Operation<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
  S extends OperationScope = OperationScope,
  A extends OperationAuth = OperationAuth,
  RB extends RawBody | undefined = RawBody | undefined,
> {
  method: Method;
  /** OpenAPI path, e.g. `/api/v1/org/{org}/workspaces`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** `none`: public; `required`: a session or a token. */
  auth: A;
  /**
   * What the path names: nothing, an org (`{org}`) or a workspace (`{org}` and `{workspace}`);
   * `token_workspace`: nothing, the API token's org and default workspace (the compatibility surfaces).
   */
  scope: S;
  permission?: Permission;
  params?: P;
  query?: Q;
  body?: B;
  response?: R;
  /** Success status; 204 sends no body. */
  status?: number;
  /** A success body that is not JSON (an event stream): its media type and what it carries. */
  responseMedia?: { type: string; description: string };
  /** Other answers that are not errors, by status (a 304), described by hand. */
  otherResponses?: Record<number, string>;
  surface?: Surface;
  /** Largest accepted body in bytes (default QUIVER_MAX_JSON_BODY_BYTES). */
  maxBodyBytes?: number;
  /** A body that is not JSON (a bundle): the handler gets its bytes. */
  rawBody?: RB;
}

/** The settings that are a number (of bytes, for a raw body's limit). */
type NumberSetting = { [K in keyof Env]-?: Env[K] extends number ? K : never }[keyof Env];

/**
 * A body read as bytes rather than JSON: the request body as sent, or the file in one field of a
 * `multipart/form-data` form. Described in the operation's `description`, not as a JSON schema.
 */
export interface RawBody {
  /** The setting that limits its size in bytes (a form may add its framing on top). */
  limit: NumberSetting;
  /** The form field that carries it in a multipart/form-data request. */
  formField: string;
  /** What to tell a caller who sent nothing. */
  missing: string;
}

/** What a handler gets as `body`: the bytes of a raw body, else the parsed JSON body. */
export type BodyOf<B extends z.ZodType, RB> = [RB] extends [RawBody] ? Buffer : z.output<B>;

export type OperationScope = "none" | "org" | "workspace" | "token_workspace";
export type OperationAuth = "none" | "required";

export function defineOperation<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
  S extends OperationScope,
  A extends OperationAuth,
  RB extends RawBody | undefined = undefined,
>(op: Operation<P, Q, B, R, S, A, RB>): Operation<P, Q, B, R, S, A, RB> {
  return op;
}

const optionalBodies = new WeakMap<z.ZodType, boolean>();

/** Whether a body schema accepts `{}`: then sending no body at all is allowed. */
export function bodyIsOptional(schema: z.ZodType): boolean {
  let known = optionalBodies.get(schema);
  if (known === undefined) {
    known = schema.safeParse({}).success;
    optionalBodies.set(schema, known);
  }
  return known;
}
