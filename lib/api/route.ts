// The route wrapper. In this order, in one place: request id, authentication, rate limit, org and
// workspace resolution with the role and scope check, validation of params, query and body, the
// handler, response validation (development and tests), and the mapping of every thrown error to
// the envelope of the surface. Handlers never build error responses.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { db as getDb } from "@/lib/db/client";
import { env, type Env } from "@/lib/env";
import { log } from "@/lib/log";
import { apiSecurityHeaders } from "@/lib/security/headers";
import { permissions, roleRank, scopeSatisfies } from "@/lib/auth/roles";
import { orgNotFound, resolveOrg, resolveWorkspace, workspaceNotFound } from "@/lib/orgs/access";
import { authenticate, type Actor, type Authenticated } from "./authenticate";
import type { ActorCtx, BaseCtx, OrgCtx, WorkspaceCtx } from "./context";
import { ApiError, errorBody, toApiError, zodItems } from "./errors";
import { assertCleanInput } from "./input-guard";
import {
  bodyIsOptional,
  type BodyOf,
  type Operation,
  type OperationAuth,
  type OperationScope,
  type RawBody,
} from "./operation";
import { readDeclaredRawBody, readRawBody } from "./raw-body";
import { takeRequest, type RateDecision } from "./rate-limit";
import { clientAddress } from "./client-address";
import { jsonResponse } from "./whole-body";
import { assertJsonBody, assertSameOrigin } from "./csrf";

type CtxFor<S extends OperationScope, A> = S extends "workspace" | "token_workspace"
  ? WorkspaceCtx
  : S extends "org"
    ? OrgCtx
    : A extends "required"
      ? ActorCtx
      : BaseCtx & { actor: Actor | null };

export interface HandlerArgs<P, Q, B, C> {
  ctx: C;
  params: P;
  query: Q;
  body: B;
  req: Request;
  /**
   * Authenticates the request again and resolves its org and workspace as at its start (no rate
   * limit): for a handler that holds a request open (a watch), whose caller may lose access.
   */
  reauthorize: () => Promise<C>;
}

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** Query string as an object; a repeated key becomes an array. */
function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length > 1 ? all : (all[0] as string);
  }
  return out;
}

function parsePart<T extends z.ZodType>(schema: T, part: string, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ApiError("validation", "Validation failed", { errors: zodItems(part, result.error) });
  }
  return result.data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids are UUIDs, stored lower-case; the seeds' own examples write them in upper case, which is
 * the same UUID (RFC 9562 compares them case-insensitively). Path segments that are UUIDs are
 * lower-cased before anything looks them up.
 */
function lowerCaseIds<T>(params: T): T {
  if (!params || typeof params !== "object") return params;
  const out: Record<string, unknown> = { ...(params as Record<string, unknown>) };
  for (const [key, value] of Object.entries(out)) {
    if (typeof value === "string" && UUID.test(value)) out[key] = value.toLowerCase();
  }
  return out as T;
}

/**
 * No body at all is `{}` for a body whose every field is optional (`POST .../stop` with nothing
 * sent, as seeds/004's clients do); the OpenAPI document marks such bodies optional too.
 */
function bodyOrEmpty(schema: z.ZodType, value: unknown): unknown {
  return value === undefined && bodyIsOptional(schema) ? {} : value;
}

async function parseJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const text = (await readRawBody(req, maxBytes)).toString("utf8");
  if (text.trim() === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ApiError("validation", "Malformed JSON in the request body", {
      errors: [
        {
          loc: ["body"],
          msg: `JSON decode error: ${(err as Error).message}`,
          type: "json_invalid",
        },
      ],
    });
  }
  return assertCleanInput("body", value);
}

/**
 * The body the operation declares: its raw bytes (`rawBody`, limited by its setting), or JSON
 * parsed and validated against `body`; undefined when it declares none.
 */
async function readBody(op: Operation, req: Request, e: Env, byCookie: boolean): Promise<unknown> {
  if (op.rawBody) return readDeclaredRawBody(req, op.rawBody, e[op.rawBody.limit]);
  if (!op.body) return undefined;
  if (byCookie) assertJsonBody(req);
  const json = await parseJsonBody(req, op.maxBodyBytes ?? e.QUIVER_MAX_JSON_BODY_BYTES);
  return parsePart(op.body, "body", bodyOrEmpty(op.body, json));
}

const unauthenticatedError = () =>
  new ApiError(
    "unauthenticated",
    "Authentication required: sign in or send 'Authorization: Bearer <token>'",
  );

function rateLimited(rate: RateDecision): ApiError {
  return new ApiError("rate_limited", `Too many requests: the limit is ${rate.limit} per minute`, {
    headers: { "retry-after": String(rate.retryAfterS) },
  });
}

/** Counts a request against its address alone (no credentials, or bad ones); 429 past the limit. */
async function limitAddress(req: Request): Promise<void> {
  const rate = await takeRequest({ address: clientAddress(req) });
  if (!rate.allowed) throw rateLimited(rate);
}

function visibleOrg(
  access: Authenticated["tokenAccess"],
  slug: string,
): { org: OrgCtx["org"]; role: OrgCtx["role"] } {
  if (!access) throw orgNotFound(slug);
  return access;
}

function check(actor: Actor, role: OrgCtx["role"], op: Operation): void {
  if (!op.permission) return;
  const need = permissions[op.permission];
  if (roleRank(role) < roleRank(need.role)) {
    throw new ApiError(
      "forbidden",
      `This action needs the ${need.role} role; you are ${role === "admin" ? "an" : "a"} ${role}`,
    );
  }
  if (!scopeSatisfies(actor.scopes, need.scope)) {
    throw new ApiError("forbidden", `This API token lacks the '${need.scope}' scope`);
  }
}

/** The compatibility surfaces name no org or workspace: the token's default workspace is it. */
async function tokenWorkspaceCtx(
  op: Operation,
  req: Request,
  ctx: BaseCtx & { actor: Actor | null },
): Promise<WorkspaceCtx> {
  const { db, actor } = ctx;
  if (!actor?.token)
    throw new ApiError(
      "bad_request",
      "This API takes its workspace from the API token: send 'Authorization: Bearer <token>' with a token that has a default workspace",
    );
  // Cargo's client names the workspace in `selected-workspace-uuid`: one of the token's org, else 404.
  const selected = req.headers.get("selected-workspace-uuid")?.trim().toLowerCase();
  if (!selected && !actor.token.workspaceId)
    throw new ApiError(
      "bad_request",
      "This API token has no default workspace; create a token with one (Settings → API tokens, or `quiver token create --workspace W`), or send 'selected-workspace-uuid'",
    );
  const ws = await db.workspace.findFirst({
    where: selected ? { id: selected, orgId: actor.token.orgId } : { id: actor.token.workspaceId! },
    select: { id: true, slug: true, name: true, org: { select: { slug: true } } },
  });
  if (!ws && selected)
    throw new ApiError("not_found", `Workspace '${selected}' not found`, {
      reason: "workspaceNotFound",
    });
  if (!ws)
    throw new ApiError(
      "bad_request",
      "This API token's default workspace no longer exists; create a new token",
    );
  const { org, role } = await resolveOrg(db, actor, ws.org.slug);
  check(actor, role, op);
  return { ...ctx, actor, org, role, workspace: { id: ws.id, slug: ws.slug, name: ws.name } };
}

/**
 * The handler's context: for the compatibility surfaces the token's workspace, else the org (and
 * workspace) the path names, with the caller's role checked against the operation's permission.
 */
async function scopedCtx(
  op: Operation,
  req: Request,
  base: BaseCtx & { actor: Actor | null },
  authed: Authenticated | null,
  rawParams: Record<string, unknown>,
): Promise<BaseCtx & { actor: Actor | null }> {
  const { db, actor } = base;
  const orgSlug = op.scope === "org" || op.scope === "workspace" ? String(rawParams.org) : null;
  let ctx = base;
  if (op.scope === "token_workspace") {
    ctx = await tokenWorkspaceCtx(op, req, ctx);
  } else if (orgSlug !== null) {
    // A token's org came with the token; a session's is looked up with its membership.
    const { org, role } =
      authed?.tokenAccess !== undefined
        ? visibleOrg(authed.tokenAccess, orgSlug)
        : await resolveOrg(db, actor!, orgSlug);
    check(actor!, role, op as Operation);
    ctx = { ...ctx, org, role } as OrgCtx;
    if (op.scope === "workspace") {
      const slug = String(rawParams.workspace);
      // A token's lookup brought the workspace too (null: none by that slug in the org).
      const found = authed?.tokenAccess?.workspace;
      if (found === null) throw workspaceNotFound(org, slug);
      (ctx as WorkspaceCtx).workspace = found ?? (await resolveWorkspace(db, org, slug));
    }
  }
  return ctx;
}

export function route<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
  S extends OperationScope,
  A extends OperationAuth,
  RB extends RawBody | undefined = undefined,
>(
  op: Operation<P, Q, B, R, S, A, RB>,
  handler: (
    args: HandlerArgs<z.output<P>, z.output<Q>, BodyOf<B, RB>, CtxFor<S, A>>,
  ) => Promise<z.input<R> | Response>,
) {
  const surface = op.surface ?? "canonical";
  return async function handle(req: Request, context: RouteContext): Promise<Response> {
    const incoming = req.headers.get("x-request-id");
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    // A plain record (names in lower case), not a Headers: a Headers sorts its names on every
    // walk, and a watch's thousands of answers per change made that a visible share of their garbage.
    const headers: Record<string, string> = {
      "x-request-id": requestId,
      "cache-control": "no-store",
      ...apiSecurityHeaders,
    };
    try {
      const e = env();
      const db = getDb();
      // Before anything looks a param up: a NUL or a lone surrogate must not reach the database.
      const rawParams = lowerCaseIds(assertCleanInput("path", (await context.params) ?? {}));
      const orgSlug = op.scope === "org" || op.scope === "workspace" ? String(rawParams.org) : null;
      const workspaceSlug = op.scope === "workspace" ? String(rawParams.workspace) : null;
      const authed =
        op.auth === "none" && !req.headers.get("authorization")
          ? null
          : await authenticate(db, req, orgSlug, workspaceSlug).catch(async (err) => {
              // Failed attempts count against the caller's address, so guessing tokens runs into the limit.
              await limitAddress(req);
              throw err;
            });
      const actor = authed?.actor ?? null;
      if (op.auth === "required" && !actor) {
        // Calls without credentials count against the address too, like failed ones.
        await limitAddress(req);
        throw unauthenticatedError();
      }

      // A session cookie is sent by the browser on its own, even from another site's page.
      const byCookie = !!actor && !actor.token;
      if (byCookie) assertSameOrigin(req);
      const rate = await takeRequest({
        userId: actor?.userId,
        tokenId: actor?.token?.id,
        address: clientAddress(req),
      });
      headers["x-ratelimit-limit"] = String(rate.limit);
      headers["x-ratelimit-remaining"] = String(rate.remaining);
      if (!rate.allowed) throw rateLimited(rate);

      const ctx = await scopedCtx(
        op as Operation,
        req,
        { db, requestId, actor },
        authed,
        rawParams,
      );
      // Long-lived handlers (a watch) ask again whether the caller may still see what they watch.
      const reauthorize = async () => {
        const again = await authenticate(db, req, orgSlug, workspaceSlug);
        if (op.auth === "required" && !again?.actor) throw unauthenticatedError();
        return (await scopedCtx(
          op as Operation,
          req,
          { db, requestId, actor: again?.actor ?? null },
          again,
          rawParams,
        )) as CtxFor<S, A>;
      };

      const params = op.params ? parsePart(op.params, "path", rawParams) : rawParams;
      const query = op.query
        ? parsePart(op.query, "query", assertCleanInput("query", queryObject(new URL(req.url))))
        : {};
      const body = await readBody(op as Operation, req, e, byCookie);

      const result = await handler({
        ctx: ctx as CtxFor<S, A>,
        params: params as z.output<P>,
        query: query as z.output<Q>,
        body: body as BodyOf<B, RB>,
        req,
        reauthorize,
      });
      if (result instanceof Response) {
        // A route's own security header (a file's sandbox CSP) and cache-control (a stream's
        // no-cache) stand; the API defaults fill gaps.
        for (const [k, v] of Object.entries(headers))
          if (!((k in apiSecurityHeaders || k === "cache-control") && result.headers.has(k)))
            result.headers.set(k, v);
        return result;
      }
      const status = op.status ?? 200;
      if (status === 204) return new Response(null, { status, headers });
      if (op.response && e.validateResponses) {
        const checked = op.response.safeParse(result);
        if (!checked.success) {
          throw new Error(
            `Response of ${op.method} ${op.path} does not match its schema: ${checked.error.message}`,
          );
        }
      }
      return jsonResponse(req, result, { status, headers });
    } catch (err) {
      const { error, unexpected } = toApiError(err);
      if (unexpected) {
        log.error("unhandled error", {
          requestId,
          method: req.method,
          path: new URL(req.url).pathname,
          stack: (err as Error)?.stack ?? String(err),
        });
      }
      for (const [k, v] of Object.entries(error.headers ?? {})) headers[k.toLowerCase()] = v;
      return jsonResponse(req, errorBody(error, surface), { status: error.status, headers });
    }
  };
}
