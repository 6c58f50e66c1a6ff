// Numbers as the pages show them.

/** A size in bytes: "512 B", "1.5 KB", "2.0 MB" (powers of 1024). */
export function formatBytes(n: number): string {
  return n < 1024
    ? `${n} B`
    : n < 1024 * 1024
      ? `${(n / 1024).toFixed(1)} KB`
      : `${(n / 1024 / 1024).toFixed(1)} MB`;
}
