// Input that a zod schema accepts but a database or the stack cannot hold: strings with a lone
// UTF-16 surrogate (neither SQLite nor PostgreSQL store one; both drivers throw), strings with
// NUL (PostgreSQL text refuses U+0000), and JSON nested deeper than any request needs (recursive
// code past the schema would run out of stack). The route wrapper runs every path param, query
// value and JSON body through `assertCleanInput` before validation, and refuses the first
// offender with a 422 naming where it is (`loc`), like any other invalid field.
import { ApiError, type ValidationErrorItem } from "./errors";

/** Deepest accepted nesting of objects and arrays in a JSON body (the body itself is level 1). */
export const MAX_JSON_DEPTH = 64;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with a string that the databases cannot store, or null. */
function stringProblem(s: string): { msg: string; type: string } | null {
  if (s.includes("\u0000"))
    return { msg: "Must not contain the NUL character (U+0000)", type: "string_nul" };
  if (LONE_SURROGATE.test(s)) {
    return {
      msg: "Must be well-formed Unicode: it contains a lone UTF-16 surrogate (an unpaired \\ud800–\\udfff escape)",
      type: "string_unicode",
    };
  }
  return null;
}

/** A key that cannot be shown as-is in `loc` (it is itself the problem) is shown JSON-escaped. */
const shownKey = (key: string) => (stringProblem(key) ? JSON.stringify(key).slice(1, -1) : key);

/** The first problem in a parsed value (a JSON body, a query object, path params), or null. */
export function findInputProblem(
  value: unknown,
  loc: (string | number)[],
  depth = 0,
): ValidationErrorItem | null {
  if (typeof value === "string") {
    const p = stringProblem(value);
    return p ? { loc, ...p } : null;
  }
  if (typeof value !== "object" || value === null) return null;
  if (depth >= MAX_JSON_DEPTH) {
    return { loc, msg: `Nested more than ${MAX_JSON_DEPTH} levels deep`, type: "json_depth" };
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = findInputProblem(value[i], [...loc, i], depth + 1);
      if (p) return p;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value)) {
    const k = stringProblem(key);
    if (k) return { loc: [...loc, shownKey(key)], msg: `Key: ${k.msg}`, type: k.type };
    const p = findInputProblem(v, [...loc, key], depth + 1);
    if (p) return p;
  }
  return null;
}

/** Throws a 422 naming the first string or nesting that cannot be stored; returns the value. */
export function assertCleanInput<T>(part: "path" | "query" | "body", value: T): T {
  const problem = findInputProblem(value, [part]);
  if (problem) throw new ApiError("validation", "Validation failed", { errors: [problem] });
  return value;
}
