// SPDX license expressions, checked against the SPDX data packages (`spdx-license-ids`,
// `spdx-exceptions`), not a hand-kept list.
import deprecatedIds from "spdx-license-ids/deprecated.json";
import licenseIds from "spdx-license-ids/index.json";
import exceptionIds from "spdx-exceptions/index.json";

const lower = (list: string[]) => new Map(list.map((id) => [id.toLowerCase(), id]));
const LICENSES = lower(licenseIds as string[]);
const DEPRECATED = lower(deprecatedIds as string[]);
const EXCEPTIONS = lower(exceptionIds as string[]);

export interface LicenseCheck {
  /** Every identifier is a current SPDX license (or a LicenseRef) and the expression parses. */
  valid: boolean;
  /** The identifiers named, as SPDX spells them where known. */
  ids: string[];
  unknown: string[];
  deprecated: string[];
  /** Why it does not parse, when it does not. */
  error: string | null;
}

/**
 * Parses an SPDX expression (`MIT`, `Apache-2.0 OR MIT`, `(MIT AND BSD-3-Clause)`,
 * `GPL-2.0-or-later WITH Classpath-exception-2.0`, `LicenseRef-acme`) with the grammar of the
 * SPDX specification, annex D: compound = simple | compound AND/OR compound | ( compound ) |
 * simple WITH exception. Identifiers match case-insensitively, as the specification says.
 */
export function checkLicense(expression: string): LicenseCheck {
  const tokens = expression.match(/\(|\)|[^\s()]+/g) ?? [];
  const ids: string[] = [];
  const unknown: string[] = [];
  const deprecated: string[] = [];
  let pos = 0;
  const peek = () => tokens[pos];
  const fail = (why: string): never => {
    throw new Error(why);
  };

  function simple(): void {
    const token = tokens[pos++];
    if (token === undefined) fail("ends where a license identifier is expected");
    const t = token!;
    if (t === "(" || t === ")" || /^(AND|OR|WITH)$/i.test(t))
      fail(`'${t}' where a license identifier is expected`);
    if (/^(DocumentRef-[\w.-]+:)?LicenseRef-[\w.-]+$/.test(t)) {
      ids.push(t);
      return;
    }
    const id = t.endsWith("+") ? t.slice(0, -1) : t;
    const known = LICENSES.get(id.toLowerCase());
    const old = DEPRECATED.get(id.toLowerCase());
    if (known) ids.push(known + (t.endsWith("+") ? "+" : ""));
    else if (old) {
      ids.push(old);
      deprecated.push(old);
    } else {
      ids.push(t);
      unknown.push(t);
    }
    if (peek()?.toUpperCase() === "WITH") {
      pos++;
      const exception = tokens[pos++];
      if (exception === undefined || exception === "(" || exception === ")")
        fail("'WITH' needs an exception identifier");
      if (!EXCEPTIONS.has(exception!.toLowerCase())) unknown.push(exception!);
    }
  }

  function atom(): void {
    if (peek() === "(") {
      pos++;
      compound();
      if (tokens[pos++] !== ")") fail("a '(' is not closed");
    } else simple();
  }

  function compound(): void {
    atom();
    while (peek() !== undefined && /^(AND|OR)$/i.test(peek()!)) {
      pos++;
      atom();
    }
  }

  let error: string | null = null;
  try {
    if (!tokens.length) fail("is empty");
    compound();
    if (pos < tokens.length) fail(`unexpected '${tokens[pos]}'`);
  } catch (err) {
    error = (err as Error).message;
  }
  return {
    valid: error === null && unknown.length === 0 && deprecated.length === 0,
    ids,
    unknown,
    deprecated,
    error,
  };
}

/** Files that carry a license text, by the names people use for them. */
export function isLicenseFile(path: string): boolean {
  return /^(license|licence|copying|unlicense)([.-][\w.-]+)?$/i.test(path);
}
