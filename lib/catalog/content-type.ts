// The content type a stored file is served with: text for text, bytes for anything else.
const TEXT = /\.(md|markdown|txt|ya?ml|json|py|sh|toml|ini|cfg|js|ts|html?|css|csv)$/i;

export function contentType(path: string, bytes: Buffer): string {
  if (TEXT.test(path) || (!bytes.includes(0) && bytes.length < 1_000_000 && isUtf8(bytes))) return "text/plain; charset=utf-8";
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
