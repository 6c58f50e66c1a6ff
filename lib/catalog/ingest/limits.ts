// Limits on what a pushed bundle may be. Defaults from the catalog issue; each is configurable
// (QUIVER_BUNDLE_* and QUIVER_MANIFEST_MAX_BYTES in lib/env.ts).
export interface IngestLimits {
  /** Bytes of the bundle as uploaded. */
  maxBundleBytes: number;
  maxFiles: number;
  /** Bytes of all files once unpacked. */
  maxUnpackedBytes: number;
  /** Unpacked bytes per bundle byte. */
  maxCompressionRatio: number;
  maxManifestBytes: number;
  /** Segments of an entry's path (folders and the file name). */
  maxPathDepth: number;
  /** UTF-8 bytes of an entry's path. */
  maxPathBytes: number;
}

export const defaultIngestLimits: IngestLimits = {
  maxBundleBytes: 50 * 1024 * 1024,
  maxFiles: 5000,
  maxUnpackedBytes: 200 * 1024 * 1024,
  maxCompressionRatio: 100,
  maxManifestBytes: 256 * 1024,
  maxPathDepth: 32,
  maxPathBytes: 1024,
};

/** Bytes of one path segment: NAME_MAX of the common file systems, so not a setting. */
export const MAX_SEGMENT_BYTES = 255;

/** Nesting of YAML and JSON that a bundle's manifest, frontmatter and MCP files may have. */
export const MAX_NESTING_DEPTH = 64;
