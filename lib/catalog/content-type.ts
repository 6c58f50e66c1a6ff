// How stored files and bundles are served: the content type (text for text, bytes for anything
// else) and the headers that keep a hostile file from running as part of Quiver's origin.
import { create as contentDisposition } from "content-disposition";

const TEXT = /\.(md|markdown|txt|ya?ml|json|py|sh|toml|ini|cfg|js|ts|html?|css|csv)$/i;

export function contentType(path: string, bytes: Buffer): string {
  if (TEXT.test(path) || (!bytes.includes(0) && bytes.length < 1_000_000 && isUtf8(bytes)))
    return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Types no browser runs or renders as a page: these may be shown in the tab (inline). */
const INLINE_SAFE = /^text\/(plain|markdown)(;|$)/i;

/**
 * Headers of a file served from a bundle (raw file, README, bundle download). Bundles come from
 * any member of any org that shares them, so the bytes are treated as hostile: plain text may
 * show inline (the "Raw" link), anything else is an attachment; `nosniff` stops a browser from
 * guessing HTML or script out of text; the sandbox CSP makes a document opened anyway an opaque
 * origin with no scripts, plugins, forms or subresources.
 */
export function downloadHeaders(
  filename: string,
  type: string,
  sha256: string,
): Record<string, string> {
  return {
    "content-type": type,
    "content-disposition": contentDisposition(filename, {
      type: INLINE_SAFE.test(type) ? "inline" : "attachment",
    }),
    "x-content-type-options": "nosniff",
    "content-security-policy": "sandbox; default-src 'none'",
    etag: `"${sha256}"`,
  };
}
