// A version's manifest (capability.yaml as parsed) and its component details as the API and the
// pages show them: every string the trust scanners take for a secret is redacted, the rest is as
// pushed. The stored manifest stays whole: runtimes resolve flags from it and digests cover it.
import { redactSecrets } from "./trust/scan-secrets";

/** A JSON value with secrets redacted in every string; a string is scanned after its key ("key: value"), so assignment rules see the key. */
export function redactJson<T>(value: T, key = ""): T {
  if (typeof value === "string") return redactSecrets(value, key ? `${key}: ` : "") as T;
  if (Array.isArray(value)) return value.map((v) => redactJson(v, key)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redactJson(v, k)]),
    ) as T;
  }
  return value;
}

export const redactManifest = (manifest: unknown): Record<string, unknown> =>
  redactJson((manifest ?? {}) as Record<string, unknown>);
