// Content scanners for the trust card: hard-coded secrets, hidden Unicode (with look-alike letters
// and, in source code, unusual spaces) and prompt-injection phrases. Pure functions over text (no I/O, no dependencies beyond the platform).
//
// Design notes
// - Every regular expression is linear: each one starts with a literal (or a word boundary), a
//   look-behind right after it refuses to start inside a run of the characters it then repeats,
//   and every repetition after the start is bounded. Where a pattern would need an unbounded
//   "anything in between", the second half is looked up in code instead. Tests scan
//   multi-megabyte pathological lines.
// - Offsets are UTF-16 indexes internally; `line` counts \n, \r\n and a lone \r as line breaks
//   (as editors do) and `column` counts Unicode code points, both 1-based.
// - A finding never carries a secret: every excerpt (of any kind) has every secret found in the
//   file redacted to at most its first 4 characters plus "…[redacted, N chars]".
// - At most MAX_FINDINGS_PER_RULE findings per rule and file, so that a hostile file cannot
//   flood the trust card (the first ones, in file order).

import { buildFindings, capPerRule } from "./scan-findings";
import { findHidden } from "./scan-hidden-unicode";
import { findInjections } from "./scan-injection";
import { findLookalikes, isSourceCode } from "./scan-lookalikes";
import { findPrivateKeys, findSecrets } from "./scan-secrets";
import type { Hit, Range, ScanFinding, ScanKind, SecretHit } from "./scan-shared";

const ALL_KINDS: readonly ScanKind[] = ["secret", "hidden_unicode", "injection"];
const KIND_ORDER: Record<ScanKind, number> = { secret: 0, hidden_unicode: 1, injection: 2 };

/** Scans one text file. `kinds` limits which scans run (default all). Injection scanning is meant only for agent and skill Markdown; the caller decides by passing kinds. */
export function scanText(
  path: string,
  text: string,
  kinds: ScanKind[] = [...ALL_KINDS],
): ScanFinding[] {
  const want = new Set(kinds);
  const hits: Hit[] = [];
  let secrets: SecretHit[] | undefined;
  if (want.has("secret")) {
    secrets = findSecrets(text);
    for (const s of secrets) hits.push(s);
  }
  // How many runs of invisible characters the text holds (the hidden scan counts; else the injection scan looks).
  let invisible: number | undefined;
  if (want.has("hidden_unicode")) {
    const hidden = findHidden(text);
    invisible = hidden.runs;
    for (const h of hidden.hits) hits.push(h);
    for (const h of findLookalikes(text, isSourceCode(path))) hits.push(h);
  }
  if (want.has("injection")) for (const h of findInjections(text, invisible)) hits.push(h);
  if (hits.length === 0) return [];
  hits.sort((a, b) => a.at - b.at || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  return buildFindings(path, text, capPerRule(hits), secretsByLine(text, secrets));
}

/** Places hits found by another scanner (line, column, a redacted excerpt of the file's line). */
export function placeHits(path: string, text: string, hits: Hit[]): ScanFinding[] {
  if (hits.length === 0) return [];
  return buildFindings(path, text, hits, secretsByLine(text, undefined));
}

/**
 * The secrets to redact in the excerpt of a line. Excerpts of every kind are redacted, so they are
 * needed even when the secret scan was not asked for; then only the lines with findings are
 * scanned (no secret pattern spans lines, except private key bodies, which are found in the whole
 * text).
 */
function secretsByLine(
  text: string,
  secrets: SecretHit[] | undefined,
): (lineStart: number, lineEnd: number) => Range[] {
  if (secrets) {
    const all = secrets
      .map((s) => ({ start: s.start, end: s.end }))
      .sort((a, b) => a.start - b.start);
    return () => all;
  }
  let keys: Range[] | undefined;
  return (lineStart, lineEnd) => {
    keys ??= findPrivateKeys(text).map((s) => ({ start: s.start, end: s.end }));
    const line = text.slice(lineStart, lineEnd);
    const own = findSecrets(line, false).map((s) => ({
      start: s.start + lineStart,
      end: s.end + lineStart,
    }));
    return [...own, ...keys].sort((a, b) => a.start - b.start);
  };
}

/** True when the bytes look like text (UTF-8 without NUL bytes in the first 8 KB). Binary files are not scanned. */
export function isTextFile(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return false;
  try {
    // When the file goes on past 8 KB, a multi-byte character cut at the boundary is fine.
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: bytes.length > head.length });
    return true;
  } catch {
    return false;
  }
}
