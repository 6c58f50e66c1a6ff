// A refusal in the envelope of the surface that served it: APIErrorPayload on the canonical API,
// the same plus `reason` and `errorMessage` on seeds/003's releases, `{error: {code, message}}`
// on seeds/004's compatibility surface (which names only the first invalid field).
import { expect } from "vitest";
import {
  compatCodes,
  errorKinds,
  type ErrorKind,
  type Surface,
  type ValidationErrorItem,
} from "@/lib/api/errors";
import { apiErrorPayload, compatErrorPayload, releasesErrorPayload } from "@/lib/api/schemas";
import type { CallResult } from "@/lib/testing/api";
import type { Loc } from "./route-matrix-derive";

export interface Refusal {
  detail: string;
  errors?: ValidationErrorItem[];
  /** Whether the refusal names this field (on the compatibility surface: its message, first field only). */
  names: (loc: Loc, first?: Loc) => boolean;
}

const field = (loc: Loc) =>
  loc.filter((p) => p !== "body" && p !== "query" && p !== "path").join(".");

export function expectFailure(res: CallResult, surface: Surface, kind: ErrorKind): Refusal {
  const { status, type } = errorKinds[kind];
  expect(res.status, JSON.stringify(res.json)).toBe(status);
  expect(res.headers.get("x-request-id")).toBeTruthy();
  if (surface === "compat") {
    const { error } = compatErrorPayload.parse(res.json);
    expect(error.code).toBe(compatCodes[kind]);
    const names = (loc: Loc, first = loc) =>
      field(first) ? error.message.startsWith(`${field(first)}: `) : true;
    return { detail: error.message, names };
  }
  const payload = (surface === "releases" ? releasesErrorPayload : apiErrorPayload).parse(res.json);
  expect(payload.code).toBe(status);
  expect(payload.type).toBe(type);
  return {
    detail: payload.detail,
    errors: payload.errors,
    names: (loc) => !!payload.errors?.some((e) => JSON.stringify(e.loc) === JSON.stringify(loc)),
  };
}
