// Bytes → files: a pushed bundle's archive kind detected once, its files unpacked under the limits
// (archive.ts), packing debris dropped and a single top folder stripped. The only step that knows
// about archives; ingest (index.ts) takes the files from here.
import { readArchive, type ArchiveFile, type ArchiveKind } from "./archive";
import { contentError } from "./errors";
import type { IngestLimits } from "./limits";
import { MANIFEST_FILE } from "./manifest";

export interface UnpackedBundle {
  kind: ArchiveKind;
  /** Relative to the capability root, in archive order. */
  files: ArchiveFile[];
}

// Packing debris of desktop archivers: skipped, never stored.
const JUNK = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$)/;

/** Files relative to the capability root: a single top folder holding capability.yaml is stripped. */
function rootFiles(entries: ArchiveFile[]): ArchiveFile[] {
  const files = entries.filter((f) => !JUNK.test(f.path));
  if (files.some((f) => f.path === MANIFEST_FILE)) return files;
  const tops = new Set(files.map((f) => f.path.split("/")[0]));
  const [top] = tops;
  if (tops.size === 1 && top && files.some((f) => f.path === `${top}/${MANIFEST_FILE}`)) {
    return files.map((f) => ({ ...f, path: f.path.slice(top.length + 1) }));
  }
  throw contentError(MANIFEST_FILE, "missing at the root of the bundle");
}

/** Async because the bundle is inflated off the event loop (see archive.ts). */
export async function unpackBundle(bundle: Buffer, limits: IngestLimits): Promise<UnpackedBundle> {
  const { kind, files } = await readArchive(bundle, limits);
  return { kind, files: rootFiles(files) };
}
