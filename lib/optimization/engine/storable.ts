// Model output made storable: a model may answer with NUL (PostgreSQL's text and jsonb refuse
// U+0000) or a lone UTF-16 surrogate (both databases' drivers throw on one), and the engine stores
// what models say (variants, scenarios, transcripts, judge notes, log lines). Each such character
// becomes U+FFFD, the Unicode replacement character, so the rest of the text is kept and the spot
// stays visible; a request body with them is refused by the route wrapper instead.

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The string with NUL and lone surrogates replaced by U+FFFD. */
export function storableText(s: string): string {
  return s.replace(UNSTORABLE, "\uFFFD");
}

/** Every string in a JSON-like value (keys included) made storable; other values as they are. */
export function storable<T>(value: T): T {
  if (typeof value === "string") return storableText(value) as T;
  if (Array.isArray(value)) return value.map((v) => storable(v)) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [storableText(k), storable(v)]),
    ) as T;
  }
  return value;
}
