// A version's component details as lists show them, secrets redacted (lib/catalog/redact.ts), kept
// per version. A version's components never change once it is stored (nothing updates the column),
// and parsing and redacting the details of a page's 50 versions was about a tenth of a catalog list
// request's CPU. The values are frozen, since every request that lists the version shares them.
// A restart (a new release, perhaps with new redaction rules) starts empty.
import type { Component } from "./ingest/components";
import { redactJson } from "./redact";

/** Characters of stored JSON the kept details may stand for, over all versions. */
const BUDGET_CHARS = 8_000_000;

const kept = new Map<string, { details: readonly Component[]; chars: number }>();
let keptChars = 0;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * The redacted details of version `versionId`, whose stored `components` column is `stored` (its
 * JSON text on SQLite, the parsed value on PostgreSQL).
 */
export function redactedComponents(versionId: string, stored: unknown): readonly Component[] {
  const hit = kept.get(versionId);
  if (hit) return hit.details;
  const text = typeof stored === "string" ? stored : JSON.stringify(stored ?? []);
  const parsed = (typeof stored === "string" ? JSON.parse(stored) : stored) as Component[];
  const details = deepFreeze(redactJson(parsed ?? []));
  if (text.length > BUDGET_CHARS / 100) return details; // an outsized one is not kept
  kept.set(versionId, { details, chars: text.length });
  keptChars += text.length;
  // Oldest first, until the kept details are within the budget.
  for (const [id, entry] of kept) {
    if (keptChars <= BUDGET_CHARS) break;
    kept.delete(id);
    keptChars -= entry.chars;
  }
  return details;
}

/** How many versions' details are kept (tests). */
export const keptComponentCount = () => kept.size;
