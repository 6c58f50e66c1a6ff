// Shapes shared by every canonical route: the error envelope of seeds/000, pagination, and small
// zod helpers for query strings.
import { z } from "zod";
import { compatCodes, errorKinds } from "./errors";

const statuses = [...new Set(Object.values(errorKinds).map((k) => k.status))].sort() as number[];
const errorTypes = [...new Set(Object.values(errorKinds).map((k) => k.type))].sort() as [
  string,
  ...string[],
];
const compatErrorCodes = [...new Set(Object.values(compatCodes))].sort() as [string, ...string[]];

const validationErrorItem = z
  .object({
    loc: z.array(z.union([z.string(), z.number()])),
    msg: z.string(),
    type: z.string(),
  })
  .meta({ id: "ValidationErrorItem" });

export const apiErrorPayload = z
  .object({
    code: z.number().int().meta({ enum: statuses, description: "The HTTP status" }),
    detail: z.string(),
    type: z.enum(errorTypes),
    errors: z.array(validationErrorItem).optional(),
  })
  .meta({
    id: "APIErrorPayload",
    description: "Canonical API error envelope returned by the API.",
  });

export const compatErrorPayload = z
  .object({ error: z.object({ code: z.enum(compatErrorCodes), message: z.string() }).strict() })
  .strict()
  .meta({
    id: "CompatErrorPayload",
    description:
      "Error envelope of the seeds/004 compatibility surface (/api/v1/optimizations, /api/v1/prompts).",
  });

export const releasesErrorPayload = apiErrorPayload
  .extend({
    reason: z
      .enum([
        "agentNotFound",
        "draftReleaseNotFound",
        "invalidParent",
        "invalidReleaseVersion",
        "releaseNotFound",
        "workspaceNotFound",
      ])
      .optional()
      .meta({
        description:
          "The seed's name for the error, where it has one (Cargo's client maps it to its own message)",
      }),
    errorMessage: z
      .string()
      .meta({ description: "What went wrong, in words (validation failures name each field)" }),
  })
  .meta({
    id: "ReleasesErrorPayload",
    description:
      "Error envelope of the seeds/003 releases surface (/api/v1/ai/releases): APIErrorPayload plus what Cargo's client reads.",
  });

export const paginationQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** The pagination fields of seeds/002's list responses. */
export const paginationMeta = {
  total: z.number().int(),
  page: z.number().int(),
  limit: z.number().int(),
  total_pages: z.number().int(),
  has_next: z.boolean(),
  has_previous: z.boolean(),
};

export function paginate(total: number, page: number, limit: number) {
  const total_pages = Math.max(1, Math.ceil(total / limit));
  return { total, page, limit, total_pages, has_next: page < total_pages, has_previous: page > 1 };
}

/** A query parameter that may be repeated (`?k=a&k=b`): always an array after parsing. */
export function repeated<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]),
    z.array(item).optional(),
  );
}

export const isoDate = z.iso.datetime({ offset: true });
