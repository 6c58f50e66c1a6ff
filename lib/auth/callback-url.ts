// Where to go after signing in: only a path of this site. Browsers read `\` as `/`, drop tabs and
// newlines inside URLs, and treat `//host` as another site, so a callbackUrl is parsed the way a
// browser would parse it against this origin and kept only when it stays here; what comes back is
// the parsed path (normalised), never the text it came from. Used by the sign-in page, the sign-in
// form and next-auth's `callbacks.redirect`.
const PLACEHOLDER_ORIGIN = "http://quiver.invalid";

/**
 * `value` as a same-origin path (`/org/catalog?x=1#y`), or `fallback` when it is missing, names
 * another origin or scheme, or could be read as one. `origin` is this site's origin, when an
 * absolute URL of this site should be accepted too (next-auth hands those over).
 */
export function safeCallbackPath(value: unknown, origin?: string, fallback = "/"): string {
  if (typeof value !== "string" || value === "") return fallback;
  const base = origin ?? PLACEHOLDER_ORIGIN;
  let url: URL;
  let baseOrigin: string;
  try {
    baseOrigin = new URL(base).origin;
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== baseOrigin) return fallback;
  // A path, or (origin given) an absolute URL spelled with exactly this origin; nothing that only
  // parses to it (`https:evil.example` is a relative path to a URL parser, a host to a person).
  const spelledAsPath = /^[/\\]/.test(value.trimStart());
  const spelledWithOrigin =
    origin !== undefined && (value === baseOrigin || value.startsWith(`${baseOrigin}/`));
  if (!spelledAsPath && !spelledWithOrigin) return fallback;
  const path = url.pathname + url.search + url.hash;
  // A path that a second reading could take for another host (`//evil`, `/\evil`) is refused.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}
