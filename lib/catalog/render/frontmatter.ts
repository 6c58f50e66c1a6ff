// YAML frontmatter at the top of agent and skill Markdown files (`---\nname: …\n---`): split off
// before rendering, so it shows as a key/value table (or, when it is not flat, as a YAML block)
// instead of a thematic break followed by a run-on paragraph.
import { parse } from "yaml";
import { yamlTooDeep } from "@/lib/catalog/ingest/yaml-depth";
import { splitFrontmatter } from "@/lib/text/frontmatter";

type FrontmatterValue = string | string[];

export interface Frontmatter {
  /** The YAML between the fences, as written. */
  raw: string;
  /** Key/value rows when the YAML is a flat mapping of scalars and lists of scalars; else null. */
  rows: { key: string; value: FrontmatterValue }[] | null;
}

const MAX_ROWS = 40;

type Scalar = string | number | boolean | null;
const isScalar = (v: unknown): v is Scalar =>
  v === null || ["string", "number", "boolean"].includes(typeof v);
const show = (v: Scalar) => (v === null ? "" : String(v));

function rowsOf(raw: string): Frontmatter["rows"] {
  // Deeply nested text is no flat table, and is kept from the parser (it recurses).
  if (yamlTooDeep(raw, 8)) return null;
  let data: unknown;
  try {
    data = parse(raw, { maxAliasCount: 20, prettyErrors: false });
  } catch {
    return null;
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) return null;
  const entries = Object.entries(data as Record<string, unknown>);
  if (!entries.length || entries.length > MAX_ROWS) return null;
  const rows: NonNullable<Frontmatter["rows"]> = [];
  for (const [key, value] of entries) {
    if (isScalar(value)) rows.push({ key, value: show(value) });
    else if (Array.isArray(value) && value.every(isScalar))
      rows.push({ key, value: value.map(show) });
    else return null;
  }
  return rows;
}

/** The frontmatter of a Markdown source (null if it has none), for display, and the Markdown after it. */
export function readFrontmatter(source: string): {
  frontmatter: Frontmatter | null;
  body: string;
} {
  const { yaml, body } = splitFrontmatter(source);
  return { frontmatter: yaml === null ? null : { raw: yaml, rows: rowsOf(yaml) }, body };
}
