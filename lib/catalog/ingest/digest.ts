// Digests of a capability version.
//
// runtime_digest = hex(sha256(concat over files sorted by path, compared as UTF-8 bytes, of
//                  path + "\0" + hex(sha256(file bytes)) + "\n"))
//
// It covers every file of the capability (capability.yaml included) and nothing about how the
// bundle was packed (format, order, timestamps, modes), so a runtime can recompute it from the
// files it loaded.
import { createHash, webcrypto } from "node:crypto";

export function sha256(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * The same digest, computed on libuv's thread pool (WebCrypto's digest runs there) for data large
 * enough to hold up the event loop (~2 ms per MB); small data is hashed in place.
 */
export async function sha256Async(data: Buffer): Promise<string> {
  if (data.length <= 256 * 1024) return sha256(data);
  return Buffer.from(await webcrypto.subtle.digest("SHA-256", data)).toString("hex");
}

export function runtimeDigest(files: { path: string; sha256: string }[]): string {
  const sorted = [...files].sort((a, b) =>
    Buffer.compare(Buffer.from(a.path, "utf8"), Buffer.from(b.path, "utf8")),
  );
  const h = createHash("sha256");
  for (const f of sorted) h.update(`${f.path}\0${f.sha256}\n`, "utf8");
  return h.digest("hex");
}
