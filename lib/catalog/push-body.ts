// Reading a pushed bundle from a request: raw body, or the `bundle` field of a multipart form.
import { fieldError } from "@/lib/api/errors";
import { readRawBody } from "@/lib/api/route";

export async function readBundle(req: Request, maxBytes: number): Promise<Buffer> {
  const type = req.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    // The form's own framing adds a little to the bundle's size.
    const raw = await readRawBody(req, maxBytes + 64 * 1024);
    const form = await new Response(new Uint8Array(raw), { headers: { "content-type": type } })
      .formData()
      .catch(() => null);
    if (!form) throw fieldError(["body"], "Malformed multipart/form-data body");
    const file = form.get("bundle");
    if (!file || typeof file === "string")
      throw fieldError(["body", "bundle"], "Send the bundle as a file in the field 'bundle'");
    return Buffer.from(await file.arrayBuffer());
  }
  const body = await readRawBody(req, maxBytes);
  if (body.length === 0)
    throw fieldError(["body"], "Send the bundle (.tar.gz or .zip) as the request body");
  return body;
}
