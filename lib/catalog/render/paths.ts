// Paths inside a capability bundle as a Markdown file or the viewer sees them: relative links
// resolved against the file's folder, and URLs told apart (bundle file, other site, nothing).

/** The folder of a bundle path ("" for a file at the root). */
export function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i === -1 ? "" : path.slice(0, i);
}

/** The last segment of a path. */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/**
 * A link target written in a Markdown file at `baseDir`, as a bundle path: `./a/../b.md` → `b.md`,
 * `/x.md` → `x.md` (the bundle root, as GitHub reads repository-absolute links). Query and
 * fragment are dropped. Null when the link climbs out of the bundle or names no file.
 */
export function resolveBundlePath(baseDir: string, href: string): string | null {
  const clean = href.replace(/[?#].*$/s, "");
  if (!clean) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(clean);
  } catch {
    return null;
  }
  const parts = decoded.startsWith("/") ? [] : baseDir.split("/").filter(Boolean);
  for (const seg of decoded.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (!parts.length) return null;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.length ? parts.join("/") : null;
}

export type LinkKind = "external" | "bundle" | "anchor" | "none";

/**
 * What a (already scheme-checked) URL points at: another site (http(s), mailto, or
 * protocol-relative `//host`), this bundle (a relative path), a fragment of this page, or nothing
 * (an empty URL, which is what an unsafe scheme such as `javascript:` has been turned into).
 */
export function linkKind(url: string): LinkKind {
  const u = url.trim();
  if (!u) return "none";
  if (u.startsWith("#")) return "anchor";
  if (u.startsWith("//") || /^[a-z][a-z0-9+.-]*:/i.test(u)) return "external";
  return "bundle";
}

/**
 * A query string with `file` set (or removed) and `/` left readable. `line` (a line of the
 * previous file) goes; other parameters (`version`) stay.
 */
export function withFileParam(search: string, file: string | null): string {
  const p = new URLSearchParams(search);
  p.delete("line");
  p.delete("view");
  if (file) p.set("file", file);
  else p.delete("file");
  const qs = p.toString().replace(/%2F/gi, "/");
  return qs ? `?${qs}` : "";
}

/** A bundle path under a URL prefix (the file route of a version), each segment encoded. */
export function fileUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.split("/").map(encodeURIComponent).join("/")}`;
}
