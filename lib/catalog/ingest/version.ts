// Capability versions (`X.Y.Z`) in semver order as plain string order, so that the database can sort
// them (`versionKey` column) the same way on SQLite and PostgreSQL.
//
// A number of up to 5 digits is zero-padded to 5 (the key every stored version already has); a
// longer one is written `x` + its digit count (2 digits) + the number. Letters sort after digits
// in byte order and in every collation, so any long number sorts after any short one, and long
// ones sort by length, then digit by digit: 1.100000.0 > 1.99999.0, as numbers.

/**
 * At most 15 digits per number: every such number is exact as a JavaScript (IEEE double) number,
 * so tools that read a version's parts as numbers agree with this order.
 */
export const MAX_VERSION_PART_DIGITS = 15;

const SHORT = 5;

/** "1.10.2" → "00001.00010.00002"; "1.100000.0" → "00001.x06100000.00000". */
export function versionKey(version: string): string {
  return version
    .split(".")
    .map((n) =>
      n.length <= SHORT ? n.padStart(SHORT, "0") : `x${String(n.length).padStart(2, "0")}${n}`,
    )
    .join(".");
}

/** Semver order of two `X.Y.Z` versions without leading zeros: negative, 0 or positive. */
export function compareVersions(a: string, b: string): number {
  const ka = versionKey(a);
  const kb = versionKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
