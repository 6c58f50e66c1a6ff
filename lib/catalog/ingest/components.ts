// Discovers a capability's components (agents, tools, skills, MCP servers, workers) from its files
// and manifest, as the format page describes; paths named by the manifest must exist.
import {
  approvedTool,
  declaredToolSchema,
  type ApprovedTool,
} from "@/lib/catalog/tools/fingerprint";
import { splitFrontmatter } from "@/lib/text/frontmatter";
import { contentError } from "./errors";
import { checkNesting, MANIFEST_FILE, parseYaml, type Manifest } from "./manifest";

export type ComponentType = "agent" | "tool" | "skill" | "mcp_server" | "worker";

export interface Component {
  name: string;
  path: string;
  type: ComponentType;
  description: string | null;
  metadata: Record<string, unknown> | null;
}

type Files = Map<string, Buffer>;

const FRONTMATTER_MAX = 64 * 1024;

function text(files: Files, path: string): string {
  return files.get(path)?.toString("utf8") ?? "";
}

/**
 * YAML frontmatter of a Markdown file (between leading `---` lines), or {}. Agent and skill
 * frontmatter is read by runtimes' loaders, so it gets the manifest's rules (no custom tags,
 * bounded nesting and aliases); a tag here is refused, not merely flagged.
 */
function frontmatter(path: string, body: string): Record<string, unknown> {
  const { yaml } = splitFrontmatter(body);
  if (!yaml) return {};
  const data = parseYaml(path, Buffer.from(yaml, "utf8"), FRONTMATTER_MAX, 2);
  if (data === null || data === undefined) return {};
  if (typeof data !== "object" || Array.isArray(data))
    throw contentError(path, "frontmatter must be a YAML mapping");
  return data as Record<string, unknown>;
}

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);
const stem = (path: string) => (path.split("/").pop() ?? path).replace(/\.[^.]+$/, "");

/** The module docstring of a Python file, if its first statement is a string literal. */
export function pythonDocstring(source: string): string | null {
  const body = source.replace(/^(\s*(#[^\n]*)?\n)*/, "");
  const m =
    /^[rRuU]?("""|''')([\s\S]*?)\1/.exec(body) ?? /^[rRuU]?("|')((?:\\.|(?!\1).)*)\1/.exec(body);
  return m ? (m[2] ?? "").trim() || null : null;
}

/** Names of the functions decorated with `@tool` (bare or called). */
export function toolFunctions(source: string): string[] {
  return [
    ...source.matchAll(
      /^[ \t]*@(?:[\w.]+\.)?tool\b[^\n]*\n(?:[ \t]*@[^\n]*\n)*[ \t]*(?:async[ \t]+)?def[ \t]+(\w+)/gm,
    ),
  ].map((m) => m[1]!);
}

function listed(
  files: Files,
  field: string,
  paths: string[] | undefined,
  discover: (p: string) => boolean,
): string[] {
  if (paths === undefined) return [...files.keys()].filter(discover).sort();
  return paths.map((p, i) => {
    const clean = p.replace(/^\.\//, "").replace(/\/+$/, "");
    if (!files.has(clean))
      throw contentError(MANIFEST_FILE, `names '${clean}', which is not in the bundle`, [field, i]);
    return clean;
  });
}

function agents(files: Files, m: Manifest): Component[] {
  return listed(files, "agents", m.agents, (p) => /^agents\/.+\.md$/.test(p)).map((path) => {
    const fm = frontmatter(path, text(files, path));
    const metadata = Object.fromEntries(
      ["model", "tools", "skills"].filter((k) => fm[k] !== undefined).map((k) => [k, fm[k]]),
    );
    return {
      name: str(fm.name) ?? stem(path),
      path,
      type: "agent",
      description: str(fm.description),
      metadata: Object.keys(metadata).length ? metadata : null,
    };
  });
}

function tools(files: Files, m: Manifest): Component[] {
  return listed(
    files,
    "tools",
    m.tools,
    (p) => /^tools\/.+\.py$/.test(p) && !p.endsWith("/__init__.py"),
  ).map((path) => {
    const source = text(files, path);
    const functions = toolFunctions(source);
    return {
      name: stem(path),
      path,
      type: "tool",
      description: pythonDocstring(source),
      metadata: functions.length ? { functions } : null,
    };
  });
}

function skills(files: Files, m: Manifest): Component[] {
  const paths =
    m.skills === undefined
      ? [...files.keys()].filter((p) => /^skills\/[^/]+\/SKILL\.md$/.test(p)).sort()
      : m.skills.map((p, i) => {
          const clean = p.replace(/^\.\//, "").replace(/\/+$/, "");
          const file = clean.endsWith("SKILL.md") ? clean : `${clean}/SKILL.md`;
          if (!files.has(file))
            throw contentError(
              MANIFEST_FILE,
              `names the skill '${clean}', but '${file}' is not in the bundle`,
              ["skills", i],
            );
          return file;
        });
  return paths.map((path) => {
    const fm = frontmatter(path, text(files, path));
    const folder = path.split("/").slice(-2, -1)[0] ?? stem(path);
    return {
      name: str(fm.name) ?? folder,
      path,
      type: "skill",
      description: str(fm.description),
      metadata: null,
    };
  });
}

/**
 * The tools a server declares it is approved to expose (`tools: [...]`), each with its fingerprint;
 * undefined when it declares none (such a server is not checked for drift). Names are unique.
 */
function declaredTools(
  file: string,
  field: (string | number)[],
  raw: unknown,
): ApprovedTool[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) throw contentError(file, "'tools' must be a list", field);
  const seen = new Set<string>();
  return raw.map((t, i) => {
    const parsed = declaredToolSchema.safeParse(t);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw contentError(file, issue?.message ?? "is not a valid tool", [
        ...field,
        i,
        ...((issue?.path ?? []) as (string | number)[]),
      ]);
    }
    if (seen.has(parsed.data.name))
      throw contentError(file, `declares the tool '${parsed.data.name}' twice`, [
        ...field,
        i,
        "name",
      ]);
    seen.add(parsed.data.name);
    return approvedTool(parsed.data);
  });
}

function serverMetadata(
  s: Record<string, unknown>,
  file: string,
  field: (string | number)[],
): Record<string, unknown> {
  // Keys of env and headers only: their values may be secrets.
  const keys = (v: unknown) => (v && typeof v === "object" ? Object.keys(v) : undefined);
  return Object.fromEntries(
    Object.entries({
      transport: typeof s.url === "string" ? "http" : "stdio",
      command: s.command,
      args: s.args,
      url: s.url,
      env_keys: keys(s.env),
      header_keys: keys(s.headers),
      when: s.when,
      tools: declaredTools(file, [...field, "tools"], s.tools),
    }).filter(([, v]) => v !== undefined),
  );
}

function mcpFile(files: Files, path: string, declared: Set<string>): Component[] {
  let json: unknown;
  try {
    json = JSON.parse(text(files, path));
  } catch (err) {
    throw contentError(path, `is not valid JSON: ${(err as Error).message}`);
  }
  checkNesting(path, json);
  const servers = (json as { mcpServers?: unknown })?.mcpServers;
  if (servers === undefined) return [];
  if (typeof servers !== "object" || servers === null || Array.isArray(servers))
    throw contentError(path, "'mcpServers' must be an object", ["mcpServers"]);
  return Object.entries(servers as Record<string, unknown>).map(([name, s]) => {
    if (
      typeof s !== "object" ||
      s === null ||
      (typeof (s as { command?: unknown }).command !== "string" &&
        typeof (s as { url?: unknown }).url !== "string")
    ) {
      throw contentError(path, "an MCP server needs either 'command' (stdio) or 'url' (HTTP)", [
        "mcpServers",
        name,
      ]);
    }
    for (const f of ((s as { when?: unknown }).when as string[] | undefined) ?? []) {
      if (!declared.has(f))
        throw contentError(path, `'when' names the undeclared flag '${f}'`, [
          "mcpServers",
          name,
          "when",
        ]);
    }
    return {
      name,
      path,
      type: "mcp_server" as const,
      description: str((s as { description?: unknown }).description),
      metadata: serverMetadata(s as Record<string, unknown>, path, ["mcpServers", name]),
    };
  });
}

function mcpServers(files: Files, m: Manifest): Component[] {
  const declared = new Set(Object.keys(m.flags ?? {}));
  if (m.mcp === undefined) {
    const file = [".mcp.json", "mcp.json"].find((f) => files.has(f));
    return file ? mcpFile(files, file, declared) : [];
  }
  const inline = Object.entries(m.mcp.servers ?? {}).map(([name, s]) => ({
    name,
    path: MANIFEST_FILE,
    type: "mcp_server" as const,
    description: str((s as { description?: unknown }).description),
    metadata: serverMetadata(s as Record<string, unknown>, MANIFEST_FILE, ["mcp", "servers", name]),
  }));
  const fromFiles = (m.mcp.files ?? []).flatMap((p, i) => {
    if (!files.has(p))
      throw contentError(MANIFEST_FILE, `names '${p}', which is not in the bundle`, [
        "mcp",
        "files",
        i,
      ]);
    return mcpFile(files, p, declared);
  });
  return [...inline, ...fromFiles];
}

function workers(files: Files, m: Manifest): Component[] {
  return Object.entries(m.workers ?? {}).map(([name, w]) => {
    const spec = w as {
      path?: string;
      command?: string;
      args?: string[];
      when?: string[];
      description?: unknown;
    };
    if (spec.path && !files.has(spec.path))
      throw contentError(MANIFEST_FILE, `names '${spec.path}', which is not in the bundle`, [
        "workers",
        name,
        "path",
      ]);
    const metadata = Object.fromEntries(
      Object.entries({
        kind: spec.path ? "in_process" : "subprocess",
        path: spec.path,
        command: spec.command,
        args: spec.args,
        when: spec.when,
      }).filter(([, v]) => v !== undefined),
    );
    return {
      name,
      path: spec.path ?? MANIFEST_FILE,
      type: "worker" as const,
      description: str(spec.description),
      metadata,
    };
  });
}

export function discoverComponents(files: Files, m: Manifest): Component[] {
  const all = [
    ...agents(files, m),
    ...tools(files, m),
    ...skills(files, m),
    ...mcpServers(files, m),
    ...workers(files, m),
  ];
  if (all.length === 0)
    throw contentError(
      MANIFEST_FILE,
      "the capability exports no component (agents, tools, skills, MCP servers or workers)",
    );
  return all;
}

export function componentCounts(components: Component[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of components) counts[c.type] = (counts[c.type] ?? 0) + 1;
  return counts;
}
