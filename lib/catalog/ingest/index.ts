// Ingest: bundle bytes → a validated capability version ready to store (manifest, files with
// hashes, components, digests). Pure: no database, so every rule is unit-tested.
import { readArchive, type ArchiveFile } from "./archive";
import { componentCounts, discoverComponents, type Component } from "./components";
import { runtimeDigest, sha256Async } from "./digest";
import { contentError } from "./errors";
import type { IngestLimits } from "./limits";
import { MANIFEST_FILE, parseManifest, type Manifest } from "./manifest";

export interface IngestedFile {
  path: string;
  sha256: string;
  size: number;
  data: Buffer;
}

export interface IngestedBundle {
  manifest: Manifest;
  files: IngestedFile[];
  components: Component[];
  componentCounts: Record<string, number>;
  artifactSha256: string;
  runtimeDigest: string;
}

// Packing debris of desktop archivers: skipped, never stored.
const JUNK = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$)/;

/** Files relative to the capability root: a single top folder holding capability.yaml is stripped. */
export function rootFiles(entries: ArchiveFile[]): ArchiveFile[] {
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
export async function ingestBundle(bundle: Buffer, limits: IngestLimits): Promise<IngestedBundle> {
  const files: IngestedFile[] = [];
  for (const f of rootFiles(await readArchive(bundle, limits)))
    files.push({
      path: f.path,
      data: f.data,
      size: f.data.length,
      sha256: await sha256Async(f.data),
    });
  const byPath = new Map(files.map((f) => [f.path, f.data]));
  const manifest = parseManifest(byPath.get(MANIFEST_FILE)!, limits.maxManifestBytes);
  const components = discoverComponents(byPath, manifest);
  return {
    manifest,
    files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    components,
    componentCounts: componentCounts(components),
    artifactSha256: await sha256Async(bundle),
    runtimeDigest: runtimeDigest(files),
  };
}
