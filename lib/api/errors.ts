// ApiError, the one error class services throw, and the one mapping from any thrown value to the
// error envelope of the surface being served: APIErrorPayload (seeds/000) on the canonical API,
// `{error: {code, message}}` on the seeds/004 compatibility surface, and on the seeds/003 one
// (`releases`) APIErrorPayload plus what Cargo's client reads: `reason` (the seed's error name)
// and `errorMessage`.
import { ZodError } from "zod";

export const errorKinds = {
  bad_request: { status: 400, type: "invalid_error" },
  unauthenticated: { status: 401, type: "authentication_error" },
  // Before `forbidden`, so that the OpenAPI document's 403 description stays "forbidden_error".
  signup_closed: { status: 403, type: "forbidden_error" },
  forbidden: { status: 403, type: "forbidden_error" },
  not_found: { status: 404, type: "not_found_error" },
  method_not_allowed: { status: 405, type: "invalid_error" },
  already_exists: { status: 409, type: "already_exists_error" },
  conflict: { status: 409, type: "conflict_error" },
  // An invitation link that was valid once, in the seed's words (seeds/000 lists the statuses and
  // types an APIErrorPayload may carry; 410 and new types are not among them): the detail says why.
  invitation_expired: { status: 409, type: "expired_token_error" },
  invitation_revoked: { status: 409, type: "conflict_error" },
  validation: { status: 422, type: "validation_error" },
  rate_limited: { status: 429, type: "usage_limit_exceeded_error" },
  server: { status: 500, type: "server_error" },
} as const;

export type ErrorKind = keyof typeof errorKinds;

export interface ValidationErrorItem {
  loc: (string | number)[];
  msg: string;
  type: string;
}

export class ApiError extends Error {
  readonly kind: ErrorKind;
  readonly errors?: ValidationErrorItem[];
  readonly headers?: Record<string, string>;
  /** A seed's error name (`agentNotFound`, `invalidParent`): shown as `reason` on the surfaces that have one. */
  readonly reason?: string;

  constructor(
    kind: ErrorKind,
    detail: string,
    opts: {
      errors?: ValidationErrorItem[];
      headers?: Record<string, string>;
      reason?: string;
    } = {},
  ) {
    super(detail);
    this.name = "ApiError";
    this.kind = kind;
    this.errors = opts.errors;
    this.headers = opts.headers;
    this.reason = opts.reason;
  }

  get status(): number {
    return errorKinds[this.kind].status;
  }
}

/** A 422 for one field, in the shape of a validation failure. */
export function fieldError(loc: (string | number)[], msg: string, type = "value_error"): ApiError {
  return new ApiError("validation", "Validation failed", { errors: [{ loc, msg, type }] });
}

/** Zod issues as validation items, their `loc` starting with the request part ("query", "body"). */
export function zodItems(part: string, error: ZodError): ValidationErrorItem[] {
  return error.issues.map((issue) => ({
    loc: [part, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
    msg: issue.message,
    type: issue.code,
  }));
}

interface PrismaLikeError {
  name: string;
  code?: string;
  meta?: Record<string, unknown>;
}

function isPrismaKnownError(err: unknown): err is PrismaLikeError {
  return (
    typeof err === "object" &&
    err !== null &&
    (err as PrismaLikeError).name === "PrismaClientKnownRequestError"
  );
}

/** Any thrown value as an ApiError; `unexpected` is true when it is a bug worth logging. */
export function toApiError(err: unknown): { error: ApiError; unexpected: boolean } {
  if (err instanceof ApiError) return { error: err, unexpected: err.kind === "server" };
  if (err instanceof ZodError) {
    return {
      error: new ApiError("validation", "Validation failed", { errors: zodItems("body", err) }),
      unexpected: false,
    };
  }
  if (isPrismaKnownError(err)) {
    if (err.code === "P2002")
      return {
        error: new ApiError("already_exists", "A record with these values already exists"),
        unexpected: false,
      };
    if (err.code === "P2025")
      return { error: new ApiError("not_found", "Record not found"), unexpected: false };
    if (err.code === "P2034")
      return {
        error: new ApiError("conflict", "A concurrent change conflicted with this one; retry"),
        unexpected: false,
      };
  }
  return { error: new ApiError("server", "Internal server error"), unexpected: true };
}

export type Surface = "canonical" | "compat" | "releases";

/** The seeds/004 surface's error codes. */
export const compatCodes: Record<ErrorKind, string> = {
  bad_request: "BAD_REQUEST",
  unauthenticated: "UNAUTHORIZED",
  signup_closed: "FORBIDDEN",
  forbidden: "FORBIDDEN",
  not_found: "NOT_FOUND",
  method_not_allowed: "METHOD_NOT_ALLOWED",
  already_exists: "INVALID_STATE",
  conflict: "INVALID_STATE",
  invitation_expired: "INVALID_STATE",
  invitation_revoked: "INVALID_STATE",
  validation: "VALIDATION_ERROR",
  rate_limited: "RATE_LIMITED",
  server: "INTERNAL_ERROR",
};

export function errorBody(error: ApiError, surface: Surface): unknown {
  if (surface === "compat") {
    // No `errors` list on this surface: the first invalid field goes into the message.
    const first = error.errors?.[0];
    const where = first
      ? first.loc.filter((p) => p !== "body" && p !== "query" && p !== "path").join(".")
      : "";
    const message =
      error.kind === "validation" && first
        ? `${where ? `${where}: ` : ""}${first.msg}`
        : error.message;
    return { error: { code: compatCodes[error.kind], message } };
  }
  const payload = {
    code: error.status,
    detail: error.message,
    type: errorKinds[error.kind].type,
    ...(error.errors ? { errors: error.errors } : {}),
  };
  if (surface === "releases") {
    // Cargo's client shows `errorMessage` as the error's message: a bare "Validation failed" names the fields.
    const items =
      error.errors?.map(
        (e) =>
          `${e.loc.filter((p) => p !== "body" && p !== "query" && p !== "path").join(".")}: ${e.msg}`,
      ) ?? [];
    const errorMessage =
      error.message === "Validation failed" && items.length
        ? `Validation failed: ${items.join("; ")}`
        : error.message;
    return { ...payload, ...(error.reason ? { reason: error.reason } : {}), errorMessage };
  }
  return payload;
}
