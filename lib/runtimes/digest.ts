// What a runtime loads: effective flags and the combined runtime digest of its enabled bindings.
//
// combined digest = hex(sha256(concat over enabled bindings sorted by name (UTF-8 bytes) of
//   name + "\0" + version + "\0" + runtime_digest + "\0" + flags + "\n"))
// where flags = the effective flags as "flag=true" / "flag=false", sorted by flag name, joined by
// ",". A runtime with nothing enabled has the digest of the empty string.
import { createHash } from "node:crypto";

export interface FlagSpec {
  description?: string;
  default?: boolean;
}

/** Manifest defaults overlaid by the overrides of flags the manifest declares. */
export function effectiveFlags(
  declared: Record<string, FlagSpec> | undefined,
  overrides: Record<string, boolean>,
): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const [flag, spec] of Object.entries(declared ?? {}).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  )) {
    out[flag] = typeof overrides[flag] === "boolean" ? overrides[flag]! : spec.default === true;
  }
  return out;
}

export interface ResolvedCapability {
  name: string;
  version: string;
  runtime_digest: string;
  flags: Record<string, boolean>;
}

export function combinedDigest(capabilities: ResolvedCapability[]): string {
  const sorted = [...capabilities].sort((a, b) =>
    Buffer.compare(Buffer.from(a.name, "utf8"), Buffer.from(b.name, "utf8")),
  );
  const h = createHash("sha256");
  for (const c of sorted) {
    const flags = Object.keys(c.flags)
      .sort()
      .map((f) => `${f}=${c.flags[f]}`)
      .join(",");
    h.update(`${c.name}\0${c.version}\0${c.runtime_digest}\0${flags}\n`, "utf8");
  }
  return h.digest("hex");
}
