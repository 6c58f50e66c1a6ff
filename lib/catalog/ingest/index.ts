// Ingest: a capability's files → a validated version ready to store (manifest, files with hashes,
// components, digests). Files come from a pushed bundle (unpack.ts, bytes → files) or from a
// stored version (a promotion). Pure: no database, so every rule is unit-tested.
import type { ArchiveFile, ArchiveKind } from "./archive";
import { componentCounts, discoverComponents, type Component } from "./components";
import { runtimeDigest, sha256Async } from "./digest";
import { contentError } from "./errors";
import type { IngestLimits } from "./limits";
import { MANIFEST_FILE, parseManifest, type Manifest } from "./manifest";
import { unpackBundle } from "./unpack";

interface IngestedFile {
  path: string;
  sha256: string;
  size: number;
  data: Buffer;
}

export interface IngestedVersion {
  manifest: Manifest;
  /** Sorted by path. */
  files: IngestedFile[];
  components: Component[];
  componentCounts: Record<string, number>;
  runtimeDigest: string;
}

/** A version as pushed: what ingest found, and the archive it came in (the download artifact). */
export interface IngestedBundle extends IngestedVersion {
  kind: ArchiveKind;
  artifactSha256: string;
}

/** Files relative to the capability root → a validated version. */
export async function ingestFiles(
  entries: ArchiveFile[],
  limits: Pick<IngestLimits, "maxManifestBytes">,
): Promise<IngestedVersion> {
  const files: IngestedFile[] = [];
  for (const f of entries)
    files.push({
      path: f.path,
      data: f.data,
      size: f.data.length,
      sha256: await sha256Async(f.data),
    });
  const byPath = new Map(files.map((f) => [f.path, f.data]));
  const manifest = byPath.get(MANIFEST_FILE);
  if (!manifest) throw contentError(MANIFEST_FILE, "missing at the root of the bundle");
  const parsed = parseManifest(manifest, limits.maxManifestBytes);
  const components = discoverComponents(byPath, parsed);
  return {
    manifest: parsed,
    files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    components,
    componentCounts: componentCounts(components),
    runtimeDigest: runtimeDigest(files),
  };
}

/** Bundle bytes → a validated version: unpacked once, then ingested. */
export async function ingestBundle(bundle: Buffer, limits: IngestLimits): Promise<IngestedBundle> {
  const { kind, files } = await unpackBundle(bundle, limits);
  return {
    ...(await ingestFiles(files, limits)),
    kind,
    artifactSha256: await sha256Async(bundle),
  };
}
