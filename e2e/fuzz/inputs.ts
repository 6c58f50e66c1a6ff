// Inputs for the API fuzzer (e2e/api-fuzz.spec.ts), generated from the OpenAPI document's JSON
// Schemas with a seeded PRNG, so that a failing run is reproduced by running it with its seed.
// Pure: no network, no Playwright.

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Schema = Record<string, unknown>;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;
export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function uuid(r: Rng): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(r() * 16).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Follows `$ref`s into `components.schemas`. */
export function deref(schema: Schema | undefined, components: Record<string, Schema>): Schema {
  let s = schema ?? {};
  for (let i = 0; i < 20 && typeof s.$ref === "string"; i++)
    s = components[(s.$ref as string).split("/").pop()!] ?? {};
  return s;
}

function typeOf(s: Schema): string | undefined {
  if (Array.isArray(s.type)) return (s.type as string[]).find((t) => t !== "null");
  return s.type as string | undefined;
}

/** A value the schema probably accepts (formats, enums, bounds and required properties honoured). */
export function validValue(
  schema: Schema | undefined,
  components: Record<string, Schema>,
  r: Rng,
  depth = 0,
): Json {
  const s = deref(schema, components);
  if ("const" in s) return s.const as Json;
  if (Array.isArray(s.enum) && s.enum.length) return pick(r, s.enum as Json[]);
  for (const k of ["anyOf", "oneOf", "allOf"] as const) {
    const alts = s[k] as Schema[] | undefined;
    if (alts?.length) {
      const nonNull = alts.filter((a) => deref(a, components).type !== "null");
      return validValue(pick(r, nonNull.length ? nonNull : alts), components, r, depth + 1);
    }
  }
  if ("default" in s && r() < 0.3) return s.default as Json;
  switch (typeOf(s)) {
    case "string": {
      const min = Number(s.minLength ?? 1);
      const max = Number(s.maxLength ?? 24);
      if (s.format === "uuid") return uuid(r);
      if (s.format === "date-time") return new Date(Date.now() + 86_400_000).toISOString();
      if (s.format === "email") return `fuzz-${Math.floor(r() * 1e9)}@example.com`;
      if (s.format === "uri" || s.format === "url") return "https://example.com/fuzz";
      const base = `fuzz-${Math.floor(r() * 1e6).toString(36)}`;
      const out = base.length < min ? base.padEnd(min, "x") : base;
      return out.slice(0, Math.max(min, Math.min(max, out.length)));
    }
    case "integer":
    case "number": {
      const min = Number(
        s.minimum ?? (s.exclusiveMinimum !== undefined ? Number(s.exclusiveMinimum) + 1 : 0),
      );
      const max = Number(s.maximum ?? min + 10);
      return Math.floor(min + r() * Math.max(0, Math.min(max - min, 10)));
    }
    case "boolean":
      return r() < 0.5;
    case "array": {
      if (depth > 6) return [];
      const n = Math.max(Number(s.minItems ?? 0), r() < 0.5 ? 1 : 0);
      return Array.from({ length: Math.min(n, Number(s.maxItems ?? n)) }, () =>
        validValue(s.items as Schema, components, r, depth + 1),
      );
    }
    case "object": {
      const out: Record<string, Json> = {};
      if (depth > 6) return out;
      const required = new Set((s.required as string[] | undefined) ?? []);
      for (const [k, v] of Object.entries(
        (s.properties as Record<string, Schema> | undefined) ?? {},
      )) {
        if (required.has(k) || r() < 0.5) out[k] = validValue(v, components, r, depth + 1);
      }
      return out;
    }
    default:
      return r() < 0.5 ? "fuzz" : 1;
  }
}

/** JSON values no sane schema accepts as-is, or that broke something before. */
export const hostileValues: readonly Json[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  "NaN",
  "-1",
  "1e309",
  "",
  " ",
  "x".repeat(100_000),
  "\ud800",
  "\udfff tail",
  "a\u0000b",
  "\u202e\u200b",
  "../../../etc/passwd",
  "%E0%A4%A",
  "<script>alert(1)</script>",
  "'; DROP TABLE users; --",
  "😀".repeat(500),
  [],
  [null],
  {},
  { $ref: "#" },
  JSON.parse('{"__proto__":{"admin":true}}') as Json,
  { constructor: { prototype: { x: 1 } } },
];

/** Strings for path segments, already percent-encoded for the URL (or deliberately malformed). */
export const hostileSegments: readonly string[] = [
  "%E0%A4%A",
  "%ZZ",
  "%",
  "%00",
  "a%00b",
  "%ED%A0%80",
  "%C0%AE%C0%AE",
  "..",
  "%2e%2e%2f%2e%2e",
  "x".repeat(5000),
  "%F0%9F%98%80",
  "-1",
  "0",
  "NaN",
  "00000000-0000-0000-0000-000000000000",
  "%3Cscript%3E",
  "a%2Fb",
  "%25",
  "%u0041",
];

/** Query values, already encoded. */
export const hostileQueryValues: readonly string[] = [
  "%00",
  "%E0%A4%A",
  "%ED%A0%80",
  "-1",
  "0",
  "NaN",
  "1e309",
  "99999999999999999999",
  "x".repeat(10_000),
  "true",
  "%5B%5D",
  "%7B%7D",
  "",
];

/** Raw request bodies with their content type: the ways a body can be wrong before any schema. */
export function hostileBodies(
  r: Rng,
): { contentType: string; data: string | Buffer; label: string }[] {
  const deep = (n: number) => `${"[".repeat(n)}1${"]".repeat(n)}`;
  const deepObj = (n: number) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;
  return [
    { label: "empty", contentType: "application/json", data: "" },
    { label: "malformed JSON", contentType: "application/json", data: '{"a":' },
    {
      label: "lone surrogate escape",
      contentType: "application/json",
      data: '{"name":"\\ud800","content":"\\udc00x","a":"\\ud800"}',
    },
    {
      label: "NUL escape",
      contentType: "application/json",
      data: '{"name":"a\\u0000b","content":"\\u0000","slug":"\\u0000"}',
    },
    { label: "array nested 300 deep", contentType: "application/json", data: deep(300) },
    { label: "object nested 300 deep", contentType: "application/json", data: deepObj(300) },
    { label: "object nested 10000 deep", contentType: "application/json", data: deepObj(10_000) },
    {
      label: "invalid UTF-8 bytes",
      contentType: "application/json",
      data: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]),
    },
    { label: "text/plain JSON", contentType: "text/plain", data: '{"name":"x"}' },
    {
      label: "form-urlencoded",
      contentType: "application/x-www-form-urlencoded",
      data: "name=x&content=y",
    },
    {
      label: "multipart",
      contentType: "multipart/form-data; boundary=zz",
      data: '--zz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--zz--\r\n',
    },
    {
      label: "random bytes",
      contentType: "application/octet-stream",
      data: Buffer.from(Array.from({ length: 512 }, () => Math.floor(r() * 256))),
    },
    { label: "JSON scalar", contentType: "application/json", data: "12345678901234567890" },
    { label: "JSON null", contentType: "application/json", data: "null" },
    {
      label: "duplicate keys",
      contentType: "application/json",
      data: '{"name":"a","name":{"x":1}}',
    },
  ];
}
