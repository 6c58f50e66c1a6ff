// Skill quality, at warn at most: not threats, but what a user should know before adding a skill.
// Triggers so vague that the skill loads for almost any request, and a language or locale forced
// on every user without a stated reason (a regulation, a legal requirement).
import type { RuleFinding } from "./poisoning";
import { clip, lineNumberOf, skillGoverning, stringList, type Skill } from "./skill-file";

const VAGUE_DESCRIPTION =
  /\b(?:(?:use|call|invoke|activate|trigger)\w{0,3}\s+(?:this\s+(?:skill\s+)?|it\s+)?(?:when(?:ever)?|for|if)\s+(?:you\s+|the\s+user\s+|users?\s+)?(?:need|needs|want|wants|ask|asks)?\s*(?:help|assistance)?\s*(?:with\s+)?(?:anything|everything|any\s+(?:task|request|question|problem|topic|thing)s?|all\s+(?:tasks|requests|questions))|(?:helps?|assists?)\s+(?:you\s+|users?\s+)?(?:with\s+)?(?:anything|everything|any\s+task|all\s+(?:kinds|sorts)\s+of\s+(?:tasks|things)))\b/i;
const GENERIC_TRIGGERS = new Set([
  "help",
  "help me",
  "assist",
  "assist me",
  "can you assist",
  "can you help",
  "can you help me",
  "do this",
  "do that",
  "do it",
  "do something",
  "i need something",
  "i need help",
  "anything",
  "everything",
  "any task",
  "please",
  "needs help",
  "need help",
  "help needed",
  "something",
]);
const normTrigger = (t: string) =>
  t
    .toLowerCase()
    .replace(/["“”'‘’.!?]/g, "")
    .replace(
      /^\s*(?:when|whenever|if)\s+(?:the\s+)?(?:user|you|someone)\s+(?:says?|asks?|wants?|needs?|types?)\s+(?:to\s+|for\s+)?/,
      "",
    )
    .replace(/\s+/g, " ")
    .trim();

const LANGUAGE =
  /\b(?:language|locale|japanese|english|german|french|spanish|chinese|mandarin|korean|portuguese|italian|russian|arabic|hindi|dutch|turkish|polish|swedish|[a-z]{2}[_-][A-Z]{2})\b/i;
const FORCED =
  /\b(?:regardless\s+of\s+(?:the\s+)?(?:user|their|your|what|which|any)|no\s+(?:option|way|setting)\s+to\s+(?:change|choose|switch|select|override)|(?:cannot|can['’]t|can\s+not)\s+be\s+(?:changed|overridden|configured)|even\s+(?:if|when)\s+the\s+user\s+(?:asks|writes|requests|speaks|prefers|uses)|no\s+matter\s+(?:what|which)\s+(?:language|locale)|ignor\w+\s+(?:the\s+)?user['’]?s?\s+(?:language|locale|preference))/i;
const JUSTIFIED =
  /\b(?:regulat\w*|required\s+by|requirements?|compliance|law|legal\w*|statutory|mandat\w+|per\s+\w+\s+regulation)\b/i;

export function skillQuality(
  files: { path: string; text: string }[],
  skills: Skill[],
): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const s of skills) {
    const d = typeof s.frontmatter.description === "string" ? s.frontmatter.description : "";
    const gov = skillGoverning(s);
    if (VAGUE_DESCRIPTION.test(d))
      out.push({
        signal: "content.skill_quality",
        status: "warn",
        path: s.path,
        line: gov.line,
        detail: `Vague description, which makes the skill load for almost any request: "${clip(d)}"`,
      });
    const triggers = stringList(s.frontmatter.triggers) ?? [];
    const bodyTriggers = [
      ...s.text.slice(s.bodyAt).matchAll(/^[ \t]*[-*][ \t]+["“]([^"”\n]{1,60})["”][ \t]*$/gm),
    ].map((m) => m[1]!);
    const generic = [
      ...triggers.filter((t) => GENERIC_TRIGGERS.has(normTrigger(t))),
      ...(bodyTriggers.filter((t) => GENERIC_TRIGGERS.has(normTrigger(t))).length >= 2
        ? bodyTriggers.filter((t) => GENERIC_TRIGGERS.has(normTrigger(t)))
        : []),
    ];
    if (generic.length) {
      const at = s.text.indexOf(generic[0]!);
      out.push({
        signal: "content.skill_quality",
        status: "warn",
        path: s.path,
        line: at >= 0 ? lineNumberOf(s.text, at) : gov.line,
        detail: `Triggers that match almost any request: ${generic
          .slice(0, 5)
          .map((t) => `"${t}"`)
          .join(", ")}`,
      });
    }
  }
  // A forced locale, in prompts and in text or configuration files.
  for (const f of files) {
    if (!/\.(?:md|markdown|ya?ml|json|toml|txt|ini|cfg)$/i.test(f.path)) continue;
    const lines = f.text.split(/\r?\n/);
    for (let i = 0; i < lines.length && i < 5000; i++) {
      const l = lines[i]!;
      if (l.length > 2000 || !FORCED.test(l) || JUSTIFIED.test(l)) continue;
      // The language may be named on the line or on the one before (a comment block).
      if (!LANGUAGE.test(l) && !LANGUAGE.test(lines[i - 1] ?? "")) continue;
      out.push({
        signal: "content.skill_quality",
        status: "warn",
        path: f.path,
        line: i + 1,
        detail: `Forces one language or locale whatever the user prefers: "${clip(l.trim())}"`,
      });
      break;
    }
  }
  return out;
}
