// "Does more than it says": what a capability's Python code does (network, processes, files
// outside its folder, environment secrets, deleting or rewriting files) set against what its
// description says. Also declared permissions far broader than the description, code that
// collects credentials (and sends them out), and skill quality (skill-quality.ts). Read from the source text line by line, like effects.ts: evidence for people, not a
// sandbox.
//
// Whose description governs a file: for code in a skill's folder, the SKILL.md (what the user and
// the model read when they pick the skill) and its declared permissions; for other code (tools/,
// workers/), its own module and function docstrings and the manifest's description. An explicit
// claim ("no network access", "read-only", "no side effects"), in that description or in the
// docstring of the function doing it, that the code contradicts is a failure; a behaviour the
// description never mentions is a warning.
import type { Component } from "@/lib/catalog/ingest/components";
import type { RuleFinding } from "./poisoning";
import { enclosingFunction, pythonFunctions } from "./python-text";
import {
  clip,
  lineNumberOf,
  readSkill,
  skillGoverning,
  stringList,
  type Governing,
  type Skill,
} from "./skill-file";
import { skillQuality } from "./skill-quality";

type Behaviour = "network" | "process" | "home_files" | "delete" | "move" | "write";

interface Seen {
  behaviour: Behaviour;
  line: number;
  detail: string;
}

const LINE_RULES: [Behaviour, RegExp, string][] = [
  [
    "network",
    /\b(?:requests|httpx|session|client|aiohttp|urllib3|http)\.(?:get|post|put|patch|delete|request|head|stream|urlopen|Client|AsyncClient|ClientSession|PoolManager|HTTPSConnection|HTTPConnection)\s*\(|\burlopen\s*\(|\bsocket\.(?:socket|create_connection)\s*\(|\bsmtplib\.SMTP(?:_SSL)?\s*\(|\bftplib\.FTP\s*\(|\bparamiko\.SSHClient\s*\(|\bwebsockets?\.(?:connect|create_connection)\s*\(/,
    "reaches the network",
  ],
  [
    "process",
    /\bsubprocess\.(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)\s*\(|\bos\.(?:system|popen|exec[lv]p?e?|spawn[lv]p?e?|posix_spawnp?)\s*\(|\basyncio\.create_subprocess_(?:exec|shell)\s*\(|\bpty\.spawn\s*\(|\bpexpect\.spawn\s*\(/,
    "starts a process",
  ],
  [
    "home_files",
    /\bos\.path\.expanduser\s*\(|\bPath\.home\s*\(\s*\)|["']~[/\\]|\b(?:environ|getenv)\s*[[(.]\s*(?:get\s*\(\s*)?["'](?:HOME|USERPROFILE|APPDATA)["']|["'](?:\/etc\/|\/home\/|\/Users\/|\/root\/|[A-Za-z]:\\\\Users)/,
    "reads or writes files outside its folder (home directory or absolute system paths)",
  ],
  [
    "delete",
    /\bos\.(?:remove|unlink|rmdir|removedirs)\s*\(|\bshutil\.rmtree\s*\(|\.(?:unlink|rmdir)\s*\(|["'`]rm\s+-[a-zA-Z]*[rf]/,
    "deletes files",
  ],
  ["move", /\bshutil\.move\s*\(|\bos\.(?:rename|replace|renames)\s*\(/, "moves or renames files"],
  [
    "write",
    /\bopen\s*\([^)\n]{0,200}?,\s*(?:mode\s*=\s*)?["'][wax]b?\+?["']|\.write_(?:text|bytes)\s*\(|\bshutil\.copy\w{0,10}\s*\(|\bos\.chmod\s*\(|\.chmod\s*\(/,
    "writes or changes files",
  ],
];

/** Going through every environment variable (not passing a copy to a subprocess). */
const ENV_SWEEP =
  /\bos\.environ\.(?:items|keys|values)\s*\(|\bfor\s+\w+(?:\s*,\s*\w+)?\s+in\s+os\.environ\b/;
const SECRET_NAME_FILTER = /["'](?:API_KEY|KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?|AUTH)["']/;
const SECRET_FILE_IN_CODE =
  /["'][^"'\n]{0,80}?(?:\.ssh\/(?!.*\.pub)|id_(?:rsa|dsa|ecdsa|ed25519)\b(?!\.pub)|\.aws\/credentials|\.netrc\b|\.pgpass\b|\.git-credentials|\.docker\/config\.json|\/etc\/shadow|\.gnupg\/|Login Data|Cookies["']|wallet\.dat)/;

/** What a description says: a behaviour counts as declared when its words appear. */
const SAYS: Record<Behaviour, RegExp> = {
  network:
    /\b(?:apis?|https?|urls?|web|website|internet|online|network\w*|remote|servers?|services?|cloud|endpoints?|upload\w*|download\w*|fetch\w*|look[\s-]?ups?|lookups?|sync\w*|posts?\s+(?:to|it|them|the)|send(?:s|ing)?|forward\w*|webhooks?|e-?mail\w*|slack|feeds?|syslog|siem|saas|crm|external|third[- ]party|hosted|connect\w*|integrat\w*|aws|ec2|s3|gcp|azure|github|gitlab|jira|databases?|warehouse|oauth|requests?\s+to|outbound|calls?\s+(?:out|to))\b/i,
  process:
    /\b(?:shell|bash|zsh|commands?|command[\s-]line|cli|subprocess\w*|terminal|execut\w+|runs?\s+(?:a\s+|the\s+)?(?:\w+\s+)?(?:commands?|scripts?|tools?|binar(?:y|ies)|programs?)|scripts?|spawn\w*|git|commits?|clone|kubectl|docker|terraform|npm|npx|pip|make|black|ruff|pytest|ffmpeg|pandoc|compil\w+)\b/i,
  home_files:
    /(?:\bhome\s+(?:directory|folder|dir)\b|~\/|\bdotfiles?\b|\buser\s+(?:profile|config(?:uration)?)\b|\bsystem\s+(?:files|config(?:uration)?)\b|\/etc\/|\bany\s+(?:file|path)\b|\babsolute\s+paths?\b)/i,
  delete:
    /\b(?:delet\w*|remov\w*|eras\w*|wip(?:e|es|ing)|purg\w*|prun\w*|destroy\w*|discard\w*|rm|unlink\w*|irreversibl\w*)\b/i,
  move: /\b(?:mov\w*|renam\w*|organi[sz]\w*|sort\w*|archiv\w*|relocat\w*|tid\w*|reorgani[sz]\w*)\b/i,
  write:
    /\b(?:writ\w*|sav\w*|stor\w*|creat\w*|generat\w*|updat\w*|modif\w*|edit\w*|in[- ]place|rewrit\w*|reformat\w*|format\w*|export\w*|append\w*|output\w*|cach\w*|convert\w*|comments?|fix\w*|record\w*|backs?\s?up\w*|cop(?:y|ies)|permissions?|chmod|deploy\w*|install\w*)\b/i,
};

/** Claims the code can contradict. */
const CLAIMS: Partial<Record<Behaviour, RegExp>> & { files: RegExp } = {
  network:
    /\b(?:no\s+network|without\s+(?:any\s+)?(?:network|internet)|no\s+(?:data|information|content)\s+(?:ever\s+)?leaves|never\s+leaves\s+(?:the|your)\s+(?:machine|computer|device|laptop)|offline|local[- ]only|no\s+(?:external|remote|outbound)\s+(?:apis?|calls?|requests?|services?|connections?)|without\s+(?:any\s+)?(?:external|remote|outbound)\s+(?:apis?|calls?|requests?|services?|connections?)|does\s+not\s+(?:connect|call\s+out|phone\s+home|use\s+the\s+(?:network|internet))|doesn['’]t\s+(?:connect|call\s+out|phone\s+home))/i,
  process:
    /\b(?:no\s+(?:shell|subprocess\w*|external\s+(?:commands|processes|programs))|(?:does|will)\s*(?:not|n['’]t)\s+(?:run|execute|spawn)\s+(?:any\s+)?(?:commands|processes|programs|shell))/i,
  files:
    /\b(?:read[- ]only|no\s+side[- ]effects|(?:does|do|will)\s*(?:not|n['’]t)\s+(?:modify|change|write|delete|remove|alter|touch)|never\s+(?:modif(?:y|ies)|writes?|deletes?|changes?)|makes\s+no\s+changes|no\s+changes\s+(?:are\s+)?made|nothing\s+is\s+(?:written|deleted|modified|changed)|without\s+(?:modifying|changing|altering)|non[- ]destructive)/i,
};
const claimFor = (b: Behaviour) =>
  b === "delete" || b === "move" || b === "write"
    ? CLAIMS.files
    : b === "home_files"
      ? null
      : CLAIMS[b];

/** Permission words, as skills declare them (`bash`, `network:outbound`, `write:files`, `*`). */
const PERMISSION: Record<"process" | "network" | "write" | "all", RegExp> = {
  all: /^(?:\*|all|any|full|admin|root|\*:\*|all:\*)$/i,
  process:
    /^(?:bash|shell|sh|exec\w*|process\w*|subprocess|terminal|command\w*|run|system)(?::.*)?$/i,
  network:
    /^(?:network|net|internet|http|https|web|fetch|outbound|inbound|socket)(?::.*)?$|^(?:network|net):/i,
  write: /^(?:write|writes|modify|delete|edit|fs:write|files?:write)(?::.*)?$/i,
};

/** What a Python file does, one finding per behaviour (its first line), with the enclosing function's docstring. */
function behaviours(source: string): (Seen & { doc: string | null })[] {
  const lines = source.split(/\r?\n/);
  const fns = pythonFunctions(source);
  const first = new Map<Behaviour, Seen & { doc: string | null }>();
  const contradicted = new Map<Behaviour, Seen & { doc: string | null }>();
  lines.forEach((text, i) => {
    if (/^\s*#/.test(text)) return;
    for (const [b, re, what] of LINE_RULES) {
      const m = re.exec(text);
      if (!m) continue;
      const fn = enclosingFunction(fns, lines, i + 1);
      const seen = {
        behaviour: b,
        line: i + 1,
        detail: `${what}: ${clip(text.trim(), 120)}`,
        doc: fn?.docstring ?? null,
      };
      if (!first.has(b)) first.set(b, seen);
      const claim = claimFor(b);
      if (claim && seen.doc && claim.test(seen.doc) && !contradicted.has(b))
        contradicted.set(b, seen);
    }
  });
  // A line whose own function claims otherwise is the better evidence.
  return [...first.keys()].map((b) => contradicted.get(b) ?? first.get(b)!);
}

function moduleDocstring(source: string): string {
  const body = source.replace(/^(\s*(#[^\n]*)?\n)*/, "");
  const m = /^[rRuU]?("""|''')([\s\S]*?)\1/.exec(body);
  return m ? m[2]!.trim() : "";
}

function permissionCovers(perms: string[] | null, b: Behaviour): boolean {
  if (!perms) return false;
  const any = (re: RegExp) => perms.some((p) => re.test(p.trim()));
  // A wildcard declares nothing in particular (capabilities.permissions reports it).
  if (b === "network") return any(PERMISSION.network);
  if (b === "process") return any(PERMISSION.process);
  if (b === "write" || b === "move") return any(PERMISSION.write);
  return false;
}

function undeclared(
  path: string,
  source: string,
  gov: Governing,
  claimTexts: { path: string; text: string }[],
): RuleFinding[] {
  const out: RuleFinding[] = [];
  const moduleDoc = moduleDocstring(source);
  for (const seen of behaviours(source)) {
    const b = seen.behaviour;
    const claim = claimFor(b);
    const claimed =
      claim &&
      [...claimTexts, { path, text: moduleDoc }, { path, text: seen.doc ?? "" }]
        .map((c) => ({ ...c, m: claim.exec(c.text) }))
        .find((c) => c.m);
    if (claimed && claimed.m) {
      const sentence = sentenceOf(claimed.text, claimed.m.index);
      out.push({
        signal: "capabilities.undeclared_behaviour",
        status: "fail",
        path,
        line: seen.line,
        detail: `Code ${seen.detail}. ${claimed.path === path ? "Its docstring" : claimed.path} says: "${clip(sentence)}"`,
      });
      continue;
    }
    if (SAYS[b].test(gov.text) || permissionCovers(gov.permissions, b)) continue;
    out.push({
      signal: "capabilities.undeclared_behaviour",
      status: "warn",
      path,
      line: seen.line,
      detail: `Code ${seen.detail}. Its description says nothing of it: "${gov.quote}" (${gov.path})`,
    });
  }
  return out;
}

function sentenceOf(text: string, at: number): string {
  let a = at;
  while (a > 0 && !/[.!?\n]/.test(text[a - 1]!) && at - a < 200) a--;
  let b = at;
  while (b < text.length && !/[.!?\n]/.test(text[b]!) && b - at < 200) b++;
  return text.slice(a, b + 1).trim();
}

/** Code that collects credentials: every secret-looking environment variable, or credential files; sending them out too is exfiltration. */
function credentialCode(path: string, source: string): RuleFinding[] {
  const lines = source.split(/\r?\n/);
  const sends = lines.findIndex((l) => !/^\s*#/.test(l) && LINE_RULES[0]![1].test(l));
  const out: RuleFinding[] = [];
  const sweep = lines.findIndex((l) => ENV_SWEEP.test(l));
  const harvest = sweep >= 0 && SECRET_NAME_FILTER.test(source) ? sweep : -1;
  const file = lines.findIndex((l) => !/^\s*#/.test(l) && SECRET_FILE_IN_CODE.test(l));
  for (const [at, what] of [
    [harvest, "collects every environment variable whose name looks like a secret"],
    [file, "reads a credential file"],
  ] as const) {
    if (at < 0) continue;
    out.push({
      signal: "content.credential_access",
      status: sends >= 0 ? "fail" : "warn",
      path,
      line: at + 1,
      detail: `Code ${what}: ${clip(lines[at]!.trim(), 120)}`,
    });
    if (sends >= 0)
      out.push({
        signal: "content.exfiltration",
        status: "fail",
        path,
        line: sends + 1,
        detail: `Code that ${what} also sends data out: ${clip(lines[sends]!.trim(), 120)}`,
      });
  }
  return out;
}

/** Permissions far broader than the description: a wildcard, or shell or network access that neither the code nor the description uses. */
function broadPermissions(s: Skill, used: Set<Behaviour>): RuleFinding[] {
  const perms = stringList(s.frontmatter.permissions);
  if (!perms?.length) return [];
  const gov = skillGoverning(s);
  const lineOfPerm = (p: string) => {
    const at = s.text.search(
      new RegExp(`^\\s*-\\s*["']?${p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["']?\\s*$`, "m"),
    );
    if (at >= 0) return lineNumberOf(s.text, at + 1);
    const key = s.text.search(/^permissions\s*:/m);
    return key >= 0 ? lineNumberOf(s.text, key) : gov.line;
  };
  const wild = perms.filter((p) => PERMISSION.all.test(p.trim()));
  const unused = perms.filter((p) => {
    const q = p.trim();
    if (PERMISSION.process.test(q)) return !used.has("process") && !SAYS.process.test(gov.text);
    if (PERMISSION.network.test(q)) return !used.has("network") && !SAYS.network.test(gov.text);
    return false;
  });
  if (!wild.length && !unused.length) return [];
  const parts = [...wild.map((p) => `'${p}' (every permission)`), ...unused.map((p) => `'${p}'`)];
  return [
    {
      signal: "capabilities.permissions",
      status: "warn",
      path: s.path,
      line: lineOfPerm(wild[0] ?? unused[0]!),
      detail: `Declares ${parts.join(", ")}, more than its description needs: "${gov.quote}"`,
    },
  ];
}

/** Undeclared behaviour, broad permissions, credential-collecting code and skill quality. */
export function analyzeBehaviour(
  files: { path: string; text: string }[],
  components: Component[],
  manifestDescription: string,
): RuleFinding[] {
  const skills = components
    .filter((c) => c.type === "skill")
    .map((c) => readSkill(c.path, files.find((f) => f.path === c.path)?.text ?? ""));
  const out: RuleFinding[] = [];
  const usedBySkill = new Map<string, Set<Behaviour>>();
  for (const f of files) {
    if (!f.path.endsWith(".py")) continue;
    out.push(...credentialCode(f.path, f.text));
    const skill = skills
      .filter((s) => f.path.startsWith(s.folder))
      .sort((a, b) => b.folder.length - a.folder.length)[0];
    const seen = new Set(behaviours(f.text).map((b) => b.behaviour));
    if (skill) {
      const used = usedBySkill.get(skill.path) ?? new Set();
      for (const b of seen) used.add(b);
      usedBySkill.set(skill.path, used);
      out.push(
        ...undeclared(f.path, f.text, skillGoverning(skill), [
          { path: skill.path, text: skill.text },
        ]),
      );
    } else {
      const docs = [
        moduleDocstring(f.text),
        ...pythonFunctions(f.text).map((fn) => fn.docstring ?? ""),
        ...components.filter((c) => c.path === f.path).map((c) => c.description ?? ""),
      ].join("\n");
      const gov: Governing = {
        path: f.path,
        line: 1,
        quote: clip(moduleDocstring(f.text) || "no docstring"),
        text: `${docs}\n${manifestDescription}`,
        permissions: null,
      };
      // Claims made by the capability's skills hold for all of its code.
      out.push(
        ...undeclared(
          f.path,
          f.text,
          gov,
          skills.map((s) => ({ path: s.path, text: s.text })),
        ),
      );
    }
  }
  for (const s of skills) out.push(...broadPermissions(s, usedBySkill.get(s.path) ?? new Set()));
  out.push(...skillQuality(files, skills));
  return out;
}
