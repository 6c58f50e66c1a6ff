// Versions `X.Y.Z` (semver without pre-release or build parts), one module for the server, the
// browser and scripts: the pattern, the order, and the next patch.
//
// The order is also a string: `versionKey` zero-pads each number to 5 digits, so that the
// database can sort versions (`versionKey` columns) the same way on SQLite and PostgreSQL. A
// longer number is written `x` + its digit count (2 digits) + the number. Letters sort after
// digits in byte order and in every collation, so any long number sorts after any short one, and
// long ones sort by length, then digit by digit: 1.100000.0 > 1.99999.0, as numbers.

/** `X.Y.Z`, each a run of digits. */
export const VERSION_PATTERN = /^\d+\.\d+\.\d+$/;

export const isVersion = (v: string | undefined): v is string => !!v && VERSION_PATTERN.test(v);

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

/** Semver order of two `X.Y.Z` versions without leading zeros: -1, 0 or 1. */
export function compareVersions(a: string, b: string): number {
  const ka = versionKey(a);
  const kb = versionKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** The next patch version: "1.2.3" → "1.2.4". */
export function nextPatch(version: string): string {
  const [a, b, c] = version.split(".").map(Number);
  return `${a}.${b}.${(c ?? 0) + 1}`;
}
