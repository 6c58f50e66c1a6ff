// A skill's SKILL.md as the trust card reads it (frontmatter, body, permissions), and the
// description that governs the code in its folder; shared by behaviour.ts and skill-quality.ts.
import { parseYaml } from "@/lib/catalog/ingest/manifest";
import { splitFrontmatter } from "@/lib/text/frontmatter";

export interface Governing {
  /** Where the description lives, and a quote of it for the evidence. */
  path: string;
  line: number | null;
  quote: string;
  /** Everything the description says. */
  text: string;
  permissions: string[] | null;
}

export const clip = (s: string, n = 140) => {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

export function lineNumberOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

export interface Skill {
  path: string;
  folder: string;
  text: string;
  frontmatter: Record<string, unknown>;
  /** Offset of the body (after the frontmatter). */
  bodyAt: number;
}

export function readSkill(path: string, text: string): Skill {
  const { yaml, block } = splitFrontmatter(text);
  let frontmatter: Record<string, unknown> = {};
  if (yaml) {
    try {
      const data = parseYaml(path, Buffer.from(yaml, "utf8"), 64 * 1024, 2);
      if (data && typeof data === "object" && !Array.isArray(data))
        frontmatter = data as Record<string, unknown>;
    } catch {
      // Ingest refuses such frontmatter; nothing to read here.
    }
  }
  return {
    path,
    folder: path.slice(0, path.lastIndexOf("/") + 1),
    text,
    frontmatter,
    bodyAt: block.length,
  };
}

export const stringList = (v: unknown): string[] | null =>
  Array.isArray(v)
    ? v.filter((x): x is string => typeof x === "string")
    : typeof v === "string"
      ? v.split(/[,\s]+/).filter(Boolean)
      : v && typeof v === "object"
        ? Object.keys(v)
        : null;

export function skillGoverning(s: Skill): Governing {
  const description =
    typeof s.frontmatter.description === "string" ? s.frontmatter.description : "";
  const at = description ? s.text.indexOf(description.split("\n")[0]!.trim()) : -1;
  return {
    path: s.path,
    line: at >= 0 ? lineNumberOf(s.text, at) : 1,
    quote: clip(description || s.text.slice(s.bodyAt)),
    // What it says, without the permission list (a permission is not a description).
    text: [description, ...(stringList(s.frontmatter.triggers) ?? []), s.text.slice(s.bodyAt)].join(
      "\n",
    ),
    permissions: stringList(s.frontmatter.permissions),
  };
}
