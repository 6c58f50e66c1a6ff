// An operation's raw body (a pushed bundle): the bytes as sent or a form field's file, with the
// same refusals the push route has always given.
import { describe, expect, it } from "vitest";
import { ApiError } from "./errors";
import type { RawBody } from "./operation";
import { readDeclaredRawBody } from "./raw-body";

const raw: RawBody = {
  limit: "QUIVER_BUNDLE_MAX_BYTES",
  formField: "bundle",
  missing: "Send the bundle (.tar.gz or .zip) as the request body",
};

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://localhost/x", { method: "POST", body, headers });

function form(field: string, value: Blob | string): FormData {
  const f = new FormData();
  f.append(field, value);
  return f;
}

/** Status, then where and what a 422 says (its first error item), or a 400's message. */
async function refusal(req: Request, maxBytes = 1024): Promise<unknown[]> {
  const err = await readDeclaredRawBody(req, raw, maxBytes).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApiError);
  const e = err as ApiError;
  const first = e.errors?.[0];
  return first ? [e.status, first.loc, first.msg] : [e.status, e.message];
}

describe("readDeclaredRawBody", () => {
  it("reads the bytes as sent, or the file of the form field", async () => {
    const bytes = Buffer.from([0x1f, 0x8b, 1, 2, 3]);
    expect(await readDeclaredRawBody(post(new Uint8Array(bytes)), raw, 1024)).toEqual(bytes);
    const file = new Blob([new Uint8Array(bytes)]);
    expect(await readDeclaredRawBody(post(form("bundle", file)), raw, 1024)).toEqual(bytes);
  });

  it("refuses nothing, a form without the file, a malformed form, and too many bytes", async () => {
    expect(await refusal(post(new Uint8Array(0)))).toEqual([422, ["body"], raw.missing]);
    expect(await refusal(post(form("bundle", "text, not a file")))).toEqual([
      422,
      ["body", "bundle"],
      "Send the bundle as a file in the field 'bundle'",
    ]);
    const malformed = post("not a form", { "content-type": "multipart/form-data; boundary=x" });
    expect(await refusal(malformed)).toEqual([422, ["body"], "Malformed multipart/form-data body"]);
    expect(await refusal(post(new Uint8Array(2048)))).toEqual([
      400,
      "Request body is larger than the limit of 1024 bytes",
    ]);
  });
});
