// Request bodies as bytes: streamed in up to a limit (every body, JSON ones too), and the raw
// bodies that an operation declares (`rawBody`, a pushed bundle): the bytes as sent, or the file in
// one field of a multipart form.
import { ApiError, fieldError } from "./errors";
import type { RawBody } from "./operation";

/** The request body as bytes, refusing (400) more than `maxBytes` while it streams in. */
export async function readRawBody(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  const tooLarge = () =>
    new ApiError("bad_request", `Request body is larger than the limit of ${maxBytes} bytes`);
  if (declared > maxBytes) throw tooLarge();
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** An operation's raw body, up to `maxBytes`: the body itself, or its form field's file. */
export async function readDeclaredRawBody(
  req: Request,
  raw: RawBody,
  maxBytes: number,
): Promise<Buffer> {
  const type = req.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    // The form's own framing adds a little to the file's size.
    const body = await readRawBody(req, maxBytes + 64 * 1024);
    const form = await new Response(new Uint8Array(body), { headers: { "content-type": type } })
      .formData()
      .catch(() => null);
    if (!form) throw fieldError(["body"], "Malformed multipart/form-data body");
    const file = form.get(raw.formField);
    if (!file || typeof file === "string")
      throw fieldError(
        ["body", raw.formField],
        `Send the ${raw.formField} as a file in the field '${raw.formField}'`,
      );
    return Buffer.from(await file.arrayBuffer());
  }
  const body = await readRawBody(req, maxBytes);
  if (body.length === 0) throw fieldError(["body"], raw.missing);
  return body;
}
