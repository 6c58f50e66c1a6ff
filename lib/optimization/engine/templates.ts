// The engine's prompts live in versioned Markdown files beside this module (prompts/*.md), not in
// string literals: frontmatter (name, version, role, output) then a `## system` and a `## user`
// section, with {{placeholders}}. A job records the name@version of every file it used.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ChatMessage } from "@/lib/llm/types";
import { splitFrontmatter } from "@/lib/text/frontmatter";

export type TemplateName = "variant" | "scenarios" | "simulated-user" | "judge";

export interface Template {
  name: TemplateName;
  version: number;
  system: string;
  user: string;
}

/** Where the prompt files are: the repository's copy (the server and the worker run from its root). */
function promptsDir(): string {
  return path.join(process.cwd(), "lib", "optimization", "engine", "prompts");
}

const cache = new Map<TemplateName, Template>();

function parseTemplate(name: TemplateName, text: string): Template {
  const { yaml, body } = splitFrontmatter(text);
  if (yaml === null) throw new Error(`Prompt file ${name}.md has no frontmatter`);
  const version = Number(/^version:\s*(\d+)\s*$/m.exec(yaml)?.[1]);
  if (!Number.isInteger(version)) throw new Error(`Prompt file ${name}.md has no integer version`);
  const sys = /^## system\n([\s\S]*?)^## user\n([\s\S]*)$/m.exec(body);
  if (!sys) throw new Error(`Prompt file ${name}.md needs a "## system" then a "## user" section`);
  return { name, version, system: sys[1]!.trim(), user: sys[2]!.trim() };
}

function loadTemplate(name: TemplateName): Template {
  let t = cache.get(name);
  if (!t) {
    t = parseTemplate(name, readFileSync(path.join(promptsDir(), `${name}.md`), "utf8"));
    cache.set(name, t);
  }
  return t;
}

/** Replaces every {{key}}; a placeholder without a value is an error (a typo in a prompt file). */
function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const v = values[key];
    if (v === undefined) throw new Error(`Prompt placeholder {{${key}}} has no value`);
    return String(v);
  });
}

/** The system and user messages of a template with its placeholders filled. */
export function render(
  name: TemplateName,
  values: Record<string, string | number>,
): { template: Template; messages: ChatMessage[] } {
  const template = loadTemplate(name);
  return {
    template,
    messages: [
      { role: "system", content: fill(template.system, values) },
      { role: "user", content: fill(template.user, values) },
    ],
  };
}

/** "variant@1, scenarios@1, …": what a job's log records. */
export function templateVersions(): Record<TemplateName, number> {
  const names: TemplateName[] = ["variant", "scenarios", "simulated-user", "judge"];
  return Object.fromEntries(names.map((n) => [n, loadTemplate(n).version])) as Record<
    TemplateName,
    number
  >;
}
