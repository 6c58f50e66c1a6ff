// What the scanners' tests share: secret-shaped strings built at run time, and the checks that a
// finding never leaks a secret.
import { expect } from "vitest";
import type { ScanFinding, ScanKind } from "./scan-shared";

// Secret-shaped strings are assembled at run time so that this file itself never holds one (and
// secret scanners, ours included, stay quiet on the repository).
export const j = (...parts: string[]) => parts.join("");
const RAND = "q8Zr3LmN5vX2pT9wK4bY7cH1dF6gJ0sA";
export const rand = (n: number, alphabet = RAND) =>
  Array.from({ length: n }, (_, i) => alphabet[(i * 7 + 3) % alphabet.length]).join("");

export const secretsOnly: ScanKind[] = ["secret"];
export const hiddenOnly: ScanKind[] = ["hidden_unicode"];
export const injectionOnly: ScanKind[] = ["injection"];
export const rules = (fs: ScanFinding[]) => fs.map((f) => f.rule);

/**
 * No field holds the secret beyond its first 4 characters: not its first 5, nor any 6 characters
 * of it. (`rule` is a fixed id such as "github_token"; it is left out because a token's public
 * prefix, "github_pat_", shares letters with it.)
 */
export function expectNoLeak(findings: ScanFinding[], secret: string) {
  const fields = findings.flatMap((f) => [f.path, f.message, f.excerpt]);
  for (const field of fields) {
    expect(field).not.toContain(secret.slice(0, 5));
    for (let i = 1; i + 6 <= secret.length; i++)
      expect(field, `window ${i} of the secret`).not.toContain(secret.slice(i, i + 6));
  }
}
