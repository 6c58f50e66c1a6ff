// A unified diff of two texts, for the version diff (server) and the prompt versions' diff
// (browser): it imports nothing but the diff library, so a client chunk stays free of the catalog's
// services and the trust scanner's rule tables.
import { formatPatch, structuredPatch } from "diff";

/** Beyond this many edits a diff says "too different" instead of computing further. */
const MAX_EDIT_LENGTH = 20_000;

/** A unified diff of two texts, with counts; null when the texts are too different to diff cheaply. */
export function unifiedDiff(
  path: string,
  before: string,
  after: string,
): { diff: string; additions: number; deletions: number } | null {
  const patch = structuredPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, {
    context: 3,
    maxEditLength: MAX_EDIT_LENGTH,
  });
  if (!patch) return null;
  let additions = 0;
  let deletions = 0;
  for (const hunk of patch.hunks) {
    for (const line of hunk.lines) {
      if (line.startsWith("+")) additions++;
      else if (line.startsWith("-")) deletions++;
    }
  }
  return { diff: formatPatch(patch), additions, deletions };
}
