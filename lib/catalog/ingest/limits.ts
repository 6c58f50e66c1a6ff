// Limits on what a pushed bundle may be. Defaults from the catalog issue; each is configurable.
export interface IngestLimits {
  /** Bytes of the bundle as uploaded. */
  maxBundleBytes: number;
  maxFiles: number;
  /** Bytes of all files once unpacked. */
  maxUnpackedBytes: number;
  /** Unpacked bytes per bundle byte. */
  maxCompressionRatio: number;
  maxManifestBytes: number;
}

export const defaultIngestLimits: IngestLimits = {
  maxBundleBytes: 50 * 1024 * 1024,
  maxFiles: 5000,
  maxUnpackedBytes: 200 * 1024 * 1024,
  maxCompressionRatio: 100,
  maxManifestBytes: 256 * 1024,
};
