// capability.yaml: parsed as strict UTF-8 YAML with alias expansion, nesting and tags bounded,
// then checked against the rules of the format page. Unknown keys are kept; every refusal names
// the field.
import { isCollection, LineCounter, parseDocument, visit } from "yaml";
import { z } from "zod";
import { contentError } from "./errors";
import { safePath } from "./archive";
import { MAX_NESTING_DEPTH } from "./limits";
import { MAX_VERSION_PART_DIGITS } from "@/lib/versions";
import { yamlTooDeep } from "./yaml-depth";

export const MANIFEST_FILE = "capability.yaml";

const kebab = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const relPath = z
  .string()
  .min(1)
  .refine((p) => {
    try {
      return safePath(p) === p.replace(/^\.\//, "").replace(/\/+$/, "") && !p.startsWith("/");
    } catch {
      return false;
    }
  }, "must be a relative path inside the capability (no absolute path, no '..')");

const when = z.array(z.string()).min(1, "an empty 'when' list is not allowed").optional();

const mcpServer = z.union(
  [
    z.looseObject({
      command: z.string().min(1),
      args: z.array(z.string()).optional(),
      env: z.record(z.string(), z.string()).optional(),
      when,
    }),
    z.looseObject({ url: z.url(), headers: z.record(z.string(), z.string()).optional(), when }),
  ],
  { error: "an MCP server needs either 'command' (stdio) or 'url' (HTTP)" },
);

const worker = z.union(
  [
    z.looseObject({ path: relPath, when }),
    z.looseObject({
      command: z.string().min(1),
      args: z.array(z.string()).optional(),
      env: z.record(z.string(), z.string()).optional(),
      when,
    }),
  ],
  { error: "a worker needs either 'path' (in-process) or 'command' (subprocess)" },
);

const flag = z.looseObject({
  description: z.string().trim().min(1, "a flag needs a non-empty description"),
  default: z.boolean().default(false),
});

const manifestSchema = z.looseObject({
  schema: z.literal(1, { error: "'schema' must be the integer 1" }),
  name: z
    .string()
    .max(64)
    .regex(
      /^[a-z0-9][a-z0-9-]*$/,
      "lower-case letters, digits and hyphens, starting with a letter or digit",
    ),
  version: z
    .string()
    .regex(
      /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/,
      "semver X.Y.Z without pre-release or build suffix",
    )
    .refine(
      (v) => v.split(".").every((n) => n.length <= MAX_VERSION_PART_DIGITS),
      `each number of a version has at most ${MAX_VERSION_PART_DIGITS} digits`,
    ),
  description: z.string().trim().min(1, "must not be empty"),
  author: z
    .union([
      z.string().trim().min(1),
      z.looseObject({
        name: z.string().trim().min(1),
        url: z.string().optional(),
        email: z.string().optional(),
      }),
    ])
    .optional(),
  license: z.string().trim().min(1).optional(),
  repository: z.url().optional(),
  keywords: z.array(z.string()).optional(),
  agents: z.array(relPath).optional(),
  tools: z.array(relPath).optional(),
  skills: z.array(relPath).optional(),
  mcp: z
    .looseObject({
      servers: z.record(z.string(), mcpServer).optional(),
      files: z.array(relPath).optional(),
    })
    .optional(),
  workers: z.record(z.string(), worker).optional(),
  flags: z
    .record(z.string().regex(kebab, "flag names are kebab-case"), flag)
    .refine((f) => Object.keys(f).length <= 16, "at most 16 flags")
    .optional(),
  dependencies: z
    .looseObject({
      python: z.array(z.string()).optional(),
      packages: z.array(z.string()).optional(),
      scripts: z.array(relPath).optional(),
    })
    .optional(),
  checks: z
    .array(z.looseObject({ name: z.string().min(1), command: z.string().min(1) }))
    .optional(),
});

export type Manifest = z.output<typeof manifestSchema>;

// The YAML 1.2 core schema's own tags. Any other (`!!python/object/apply:os.system`,
// `!!js/function`, `!foo`) asks the loader for an object of the author's choosing: PyYAML's
// unsafe loaders run code for some, so a capability carrying one is refused, not redistributed.
const PLAIN_TAGS = new Set(
  ["str", "int", "float", "bool", "null", "map", "seq"].map((t) => `tag:yaml.org,2002:${t}`),
);
const shownTag = (tag: string) =>
  tag.startsWith("tag:yaml.org,2002:") ? `!!${tag.slice(18)}` : tag;

/** How deeply arrays and objects nest in a parsed value (0 for a scalar); iterative, so any depth is safe. */
function nestingDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    const depth = d + 1;
    if (depth > max) max = depth;
    if (depth > MAX_NESTING_DEPTH) return depth; // deep enough to refuse: no need to look further
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth]);
  }
  return max;
}

/** Refuses a parsed YAML or JSON value nested deeper than MAX_NESTING_DEPTH (a 500 further on). */
export function checkNesting(file: string, value: unknown, line?: number): void {
  if (nestingDepth(value) > MAX_NESTING_DEPTH) {
    throw contentError(
      file,
      `${line ? `line ${line}: ` : ""}lists and mappings are nested more than ${MAX_NESTING_DEPTH} levels deep`,
    );
  }
}

/**
 * Parses YAML text: strict UTF-8, one document, only the core schema's tags, at most
 * MAX_NESTING_DEPTH levels of lists and mappings, bounded alias expansion. `firstLine` is the
 * line of the file the text starts on (frontmatter starts on line 2), for the messages.
 */
export function parseYaml(file: string, bytes: Buffer, maxBytes: number, firstLine = 1): unknown {
  if (bytes.length > maxBytes)
    throw contentError(file, `larger than the limit of ${maxBytes} bytes`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw contentError(file, "is not valid UTF-8");
  }
  const lines = new LineCounter();
  const lineOf = (offset: number | undefined) => lines.linePos(offset ?? 0).line + firstLine - 1;
  const tooDeep = () =>
    contentError(file, `lists and mappings are nested more than ${MAX_NESTING_DEPTH} levels deep`);
  // Absurd nesting never reaches the parser (it recurses, and can exhaust the process's memory).
  const deep = yamlTooDeep(text, 2 * MAX_NESTING_DEPTH);
  if (deep)
    throw contentError(
      file,
      `line ${deep.line + firstLine - 1}: lists and mappings are nested more than ${MAX_NESTING_DEPTH} levels deep`,
    );
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter: lines });
  } catch (err) {
    if (err instanceof RangeError) throw tooDeep(); // the parser's stack, on absurd nesting
    throw err;
  }
  if (doc.errors.length)
    throw contentError(file, `is not valid YAML: ${doc.errors[0]!.message.split("\n")[0]}`);
  try {
    visit(doc, {
      Node(_key, node, path) {
        if (node.tag && !PLAIN_TAGS.has(node.tag)) {
          throw contentError(
            file,
            `line ${lineOf(node.range?.[0])}: the YAML tag '${shownTag(node.tag)}' is not allowed (only plain strings, numbers, booleans, null, lists and mappings)`,
          );
        }
        if (isCollection(node) && path.filter((p) => isCollection(p)).length >= MAX_NESTING_DEPTH) {
          throw contentError(
            file,
            `line ${lineOf(node.range?.[0])}: lists and mappings are nested more than ${MAX_NESTING_DEPTH} levels deep`,
          );
        }
      },
    });
  } catch (err) {
    if (err instanceof RangeError) throw tooDeep();
    throw err;
  }
  let value: unknown;
  try {
    // Aliases may be used, but not to multiply the document (a "billion laughs" bomb).
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    if (err instanceof RangeError) throw tooDeep();
    throw contentError(
      file,
      `YAML aliases expand too far: ${(err as Error).message.split("\n")[0]}`,
    );
  }
  // Aliases can nest a deep node inside another: the value is checked as well as the text.
  checkNesting(file, value);
  return value;
}

function declaredFlagCheck(m: Manifest): void {
  const flags = new Set(Object.keys(m.flags ?? {}));
  const check = (where: (string | number)[], list: string[] | undefined) => {
    for (const f of list ?? [])
      if (!flags.has(f))
        throw contentError(MANIFEST_FILE, `'when' names the undeclared flag '${f}'`, [
          ...where,
          "when",
        ]);
  };
  for (const [name, s] of Object.entries(m.mcp?.servers ?? {}))
    check(["mcp", "servers", name], (s as { when?: string[] }).when);
  for (const [name, w] of Object.entries(m.workers ?? {}))
    check(["workers", name], (w as { when?: string[] }).when);
}

/** The validated manifest, keywords normalised (lower-cased, trimmed, de-duplicated). */
export function parseManifest(bytes: Buffer, maxBytes: number): Manifest {
  const raw = parseYaml(MANIFEST_FILE, bytes, maxBytes);
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw contentError(MANIFEST_FILE, "must be a YAML mapping");
  const result = manifestSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw contentError(
      MANIFEST_FILE,
      issue.message,
      issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
    );
  }
  const m = result.data;
  if (m.keywords)
    m.keywords = [...new Set(m.keywords.map((k) => k.trim().toLowerCase()).filter(Boolean))];
  declaredFlagCheck(m);
  return m;
}

export function authorName(m: Manifest): string | null {
  if (!m.author) return null;
  return typeof m.author === "string" ? m.author : m.author.name;
}
