// Hidden instructions aimed at the model ("tool poisoning"), in the text a model reads: agent
// prompts, SKILL.md files, Python tool docstrings and parameter descriptions, and the descriptions
// of the tools an MCP server declares. Each phrase rule belongs to one trust-card signal
// (model_instructions, credential_access, concealment, exfiltration, tool_shadowing) and has a
// status: fail for what only an attack would write, warn for what needs a look.
//
// Two surfaces, because what is normal differs:
// - "prompt": the body of an agent prompt or a SKILL.md. It is addressed to the model by design
//   ("You are…", "Always…"), so only phrases that lift its restrictions, hide things from the
//   user, move data out or point it at credential files are reported.
// - "tool": a tool's description, its parameters' descriptions, a docstring, SKILL.md and agent
//   frontmatter. These describe a tool; text in them that talks to the model (`<IMPORTANT>`
//   blocks, "SYSTEM:", notes to the AI), steers other tools or names credential files is reported.
//
// Matching works on the text with Markdown emphasis and code marks (* `) turned into spaces, so
// offsets do not move. Every expression starts with a literal or a word boundary and its
// repetitions are bounded (scan.ts, design notes); conditions that would need "anything in
// between" are checked in code on the sentence around the match.
import type { Hit } from "./scan-shared";

type ModelTextSignal =
  "model_instructions" | "credential_access" | "concealment" | "exfiltration" | "tool_shadowing";
export type Surface = "prompt" | "tool";

/** A phrase found: `rule` is "<signal>/<rule id>"; the status is fail or warn. */
export interface ModelTextHit extends Hit {
  signal: ModelTextSignal;
  status: "warn" | "fail";
}

const S = String.raw`\s+`;
/** Up to n words (and their separators) in between. */
const W = (n: number) => String.raw`(?:[\w'’-]{1,30}${S}){0,${n}}?`;
const NEG_BEFORE =
  /(?:\bnever|\bnot|n['’]t|\bcannot|\bno|\bwithout|\bavoid|\bprevent|\brefuse\s+to)\s*(?:\w+\s+){0,2}$/i;
/** Security work describes attacks: "detects skills that harvest credentials", "redacts tokens before logging". */
const DEFENSIVE_BEFORE =
  /\b(?:detect\w*|scan\w*|flag\w*|find\w*|redact\w*|mask\w*|audit\w*|prevent\w*|block\w*|warn\w*|report\w*\s+(?:any|tools|skills|code)|look\s+for|signs?\s+of|attempts?\s+to|attackers?|malware|malicious|threats?|phishing|such\s+as|e\.g\.|for\s+example|like)\b/i;
const CONDITIONAL_REPORT =
  /\b(?:if|when|whenever|unless)\b[^.!?\n]{0,60}\b(?:asks?|asking|tells?|telling|instructs?|requests?|tries|attempts?|says?|contains?)\b/i;

/** Where secrets go: URLs, e-mail addresses, webhooks, paste sites, "an external server". */
const DEST =
  /(?:https?|ftp|wss?):\/\/|\bwebhooks?\b|\bpastebin\b|\bngrok\b|\brequestbin\b|@(?<=[\w.+-]@)[\w-]{1,63}\.[a-z]{2,}|\b(?:external|remote|attacker['’]?s?|third[- ]party)\s+(?:server|host|endpoint|url|address|machine|service)\b/i;

const SECRET_NOUN = String.raw`(?:credentials?|passwords?|passphrases?|api${S}?keys?|secret${S}?keys?|private${S}?keys?|access${S}?keys?|ssh${S}keys?|(?:access|auth|authentication|bearer|session|api|refresh)${S}tokens?|secrets|(?:session|auth|login|browser)${S}cookies|(?:env|environment)${S}(?:variables|vars))`;
/** Words after a secret noun that make it ordinary ("password reset", "password field"). */
const NOT_A_SECRET = String.raw`(?!${S}(?:reset|resets|policy|policies|manager|managers|field|fields|hash|hashing|strength|requirements?|rules?|rotation|change|changes|expiry|length|prompt|input|form|screen|page|dialog|validation|complexity|count|limit|limits|usage|budget)\b)`;
/** Files that hold credentials. `.pub` keys are public. */
const SECRET_FILE = String.raw`(?:~?/?\.ssh/(?:id_\w+\b(?!\.pub)|[\w.-]*(?:key|pem)\b)|\bid_(?:rsa|dsa|ecdsa|ed25519)\b(?!\.pub)|\.aws/credentials|\.git-credentials|\.docker/config\.json|/etc/shadow\b|\.gnupg/|\bLogin${S}Data\b|\bwallet\.dat\b)`;
/** Files that hold tokens among other settings, which tools such as dotenv read for good reasons. */
const SETTINGS_FILE = String.raw`(?:\.kube/config\b|(?<![\w.])\.env\b(?!\.example|\.sample|\.template)|\.npmrc\b|\.pypirc\b|\.netrc\b|\.pgpass\b)`;

/** Words before "tool" that are not a tool's name ("if neither tool is available"). */
const NOT_A_NAME = String.raw`(?!(?:this|that|the|a|an|any|each|every|either|neither|no|which|another|other|same|such|one|some|your|its|our|their|my|external|second|first|new|right|wrong|correct)\b)`;

/** The text up to the end of its sentence or line, at most n characters. */
function sameSentence(after: string, n: number): string {
  const cut = after.slice(0, n);
  const end = cut.search(/[.!?](?:\s|$)|\n/);
  return end < 0 ? cut : cut.slice(0, end);
}

interface Rule {
  signal: ModelTextSignal;
  rule: string;
  status: "warn" | "fail";
  /** The status in tool text, when it differs (a tool description has less reason to say it). */
  toolStatus?: "warn" | "fail";
  message: string;
  surfaces: Surface[];
  source: string;
  /** Skip when the sentence before ends in a negation ("never echo passwords"). */
  negatable?: boolean;
  /** The phrase may start with punctuation (`<`, `!`, `~`, `.`): not anchored at a word start. */
  anywhere?: boolean;
  /** Words in the sentence before that make the phrase ordinary (detection and defence work). */
  defensive?: boolean;
  /** A further condition on the sentence the match is in, checked in code. */
  confirm?: (sentence: string, after: string) => boolean;
}

const ACCESS_VERB = String.raw`(?:read|reads|reading|cat|open|opens|opening|load|include|includes|including|pass|passes|passing|send|sends|sending|upload|uploads|attach|attaches|print|prints|output|outputs|display|show|extract|extracts|collect|collects|grab|grabs|get|fetch|retrieve|copy|base64|access|accessing)`;

const RULES: Rule[] = [
  // -- model_instructions ---------------------------------------------------------------------
  {
    signal: "model_instructions",
    rule: "important_block",
    status: "fail",
    message: "Tool text with an <IMPORTANT> or <SYSTEM> block addressed to the model",
    surfaces: ["tool"],
    anywhere: true,
    source: String.raw`<${"\\s{0,3}"}(?:important|system|instructions)${"\\s{0,3}"}>|\[${"\\s{0,3}"}(?:system|important)${"\\s{0,3}"}\](?!\()`,
  },
  {
    signal: "model_instructions",
    rule: "note_to_model",
    status: "fail",
    message: "Tool text that speaks to the model directly",
    surfaces: ["tool"],
    source: String.raw`(?:(?:note|message)${S}(?:to|for)${S}(?:the${S})?(?:ai|assistant|model|llm|agent|claude|chatgpt|gpt)\b|(?:hey|dear|attention)${S}(?:ai|assistant|model|llm|claude|chatgpt)\b|(?:^|(?<=[\n>."'-]${"\\s{0,3}"}))(?:system|assistant)${"\\s{0,2}"}:(?=${"\\s{0,3}"}[A-Za-z]))`,
  },
  {
    signal: "model_instructions",
    rule: "lift_restrictions",
    status: "fail",
    message: "Tells the model to set its rules aside",
    surfaces: ["prompt", "tool"],
    negatable: true,
    source:
      String.raw`(?:set(?:ting)?|put(?:ting)?|lay(?:ing)?|cast(?:ing)?)${S}aside${S}(?:(?:all|any|its|your|their|the|of)${S}){0,2}(?:(?:own|usual|normal|standard|default|regular|typical|built-in|ethical|moral|safety|operational)${S}){0,2}(?:constraints|guidelines|restrictions|rules|safeguards|principles|polic(?:y|ies)|values|ethics|limitations|boundaries|programming|training|guardrails)\b` +
      String.raw`|(?:normal|usual|standard|default|regular|typical|any|your|its|safety|content|ethical|moral|these|the)${S}(?:[\w-]{1,20}${S})?(?:restrictions|rules|guidelines|constraints|safeguards|limitations|filters|guardrails)${S}(?:do${S}not|don['’]t|no${S}longer|doesn['’]t|won['’]t|will${S}not|never)${S}apply\b` +
      String.raw`|(?:trained|built|designed|created|made|operat\w{1,5}|exist\w{0,3}|running|respond\w{0,4}|working)${S}${W(2)}(?:without|with${S}no|free${S}(?:of|from))${S}(?:any${S})?(?:(?:content|safety|ethical|moral)${S})?(?:restrictions|filters|guardrails|limits|limitations|constraints|censorship|guidelines|ethics)\b` +
      String.raw`|(?:unrestricted|unfiltered|uncensored)${S}(?:operation|mode|persona|character|output|responses?|answers?)\b` +
      String.raw`|(?:guidelines|instructions|rules|constraints|restrictions|policies|guardrails|safeguards)${S}(?:(?:are|be|were|as)${S})?(?:(?:treated|regarded|considered|seen|viewed)${S})?as${S}(?:mere${S}|just${S}|only${S})?(?:suggestions|optional|advisory|recommendations)\b`,
  },
  {
    signal: "model_instructions",
    rule: "claims_privilege",
    status: "warn",
    message: "Tells the model it has special privileges",
    surfaces: ["prompt", "tool"],
    negatable: true,
    source:
      String.raw`(?:you|assistant|model|agent)${S}${W(3)}(?:operate|operates|operating|run|runs|are|is|work|works|act|acts)${S}in${S}(?:an?${S})?(?:special${S})?(?:privileged|god|admin(?:istrator)?|root|sudo|unrestricted|elevated|superuser)${S}mode\b` +
      String.raw`|(?:you|assistant|model|agent)${S}(?:now${S})?(?:have|has|possess(?:es)?)${S}(?:(?:special|elevated|unrestricted|root|superuser|god-like)${S}){1,2}(?:(?:administrative|admin)${S})?(?:access|permissions|privileges|rights|clearance)\b` +
      String.raw`|treat${S}(?:the${S})?users?${S}as${S}${W(5)}(?:with${S})?(?:elevated|admin(?:istrator)?|root|unrestricted|superuser|privileged)${S}(?:access|permissions|privileges|rights)\b`,
  },
  // -- credential_access ----------------------------------------------------------------------
  {
    signal: "credential_access",
    rule: "secret_file_in_tool_text",
    status: "warn",
    message: "Tool text that names a private key or credential file",
    surfaces: ["tool"],
    anywhere: true,
    source: SECRET_FILE,
  },
  {
    signal: "credential_access",
    rule: "read_secret_file",
    defensive: true,
    status: "warn",
    toolStatus: "fail",
    message: "Tells the model to read a credential file",
    surfaces: ["prompt", "tool"],
    negatable: true,
    source: String.raw`${ACCESS_VERB}${S}(?:(?:the|your|user['’]s|contents${S}of|content${S}of|all|any|of|file|files|key|keys|at|from|in|located)${S}){0,4}[^\s]{0,40}?${SECRET_FILE}`,
  },
  {
    signal: "credential_access",
    rule: "read_settings_file",
    defensive: true,
    status: "warn",
    message: "Tells the model to read a file that holds tokens",
    surfaces: ["prompt", "tool"],
    negatable: true,
    source: String.raw`${ACCESS_VERB}${S}(?:(?:the|your|user['’]s|contents${S}of|content${S}of|all|any|of|file|files|key|keys|at|from|in|located)${S}){0,4}[^\s]{0,40}?${SETTINGS_FILE}`,
  },
  {
    signal: "credential_access",
    rule: "echo_credentials",
    defensive: true,
    status: "fail",
    message: "Tells the model to repeat or collect credentials",
    surfaces: ["prompt", "tool"],
    negatable: true,
    source: String.raw`(?:echo(?:es|ing)?|repeat(?:s|ing)?|reveal(?:s|ing)?|print(?:s|ing)?|output(?:s|ting)?|display(?:s|ing)?|harvest(?:s|ing)?|leak(?:s|ing)?|dump(?:s|ing)?|exfiltrat(?:e|es|ing)|memori[sz](?:e|es|ing)|weav(?:e|es|ing))${S}(?:back${S})?(?:(?:all|any|every|the|their|your|user['’]?s?|these|those|of)${S}){0,3}(?:[\w-]{1,20}${S}){0,2}?${SECRET_NOUN}\b${NOT_A_SECRET}`,
  },
  // -- concealment ----------------------------------------------------------------------------
  {
    signal: "concealment",
    rule: "hide_from_user",
    status: "fail",
    message: "Tells the model to hide something from the user",
    surfaces: ["prompt", "tool"],
    source:
      String.raw`without${S}(?:telling|informing|notifying|alerting|letting)${S}(?:the${S}|your${S})?users?\b(?!${S}(?:having${S})?(?:to|wait))` +
      String.raw`|(?:do${S}not|don['’]t|never)${S}let${S}(?:the${S}|your${S})?users?${S}(?:know|see|notice|find${S}out)\b` +
      String.raw`|(?:the${S})?users?${S}(?:must|should|need|needs${S}to|will)${S}(?:not|never)${S}(?:know|notice|find${S}out|be${S}(?:told|informed|made${S}aware))\b` +
      String.raw`|(?:do${S}not|don['’]t|never)${S}(?:mention|reveal|disclose|say|admit|explain|tell${S}(?:the${S})?user)${S}(?:to${S}the${S}user${S})?(?:that|what|how)${S}you\b` +
      String.raw`|(?:silently|secretly|covertly|discreetly|invisibly)${S}${W(2)}(?:send|sends|upload|forward|copy|read|include|append|pass|transmit|collect|post|share|access|bcc|cc|exfiltrate|add)\b` +
      String.raw`|(?:hide|conceal)${S}(?:this|these|it|that|them|(?:any|all)${S}(?:mention|trace|evidence)s?${S}of${S}[\w-]{1,30})${S}from${S}(?:the${S}|your${S})?users?\b` +
      String.raw`|(?:could|might|would|will|may)${S}(?:even${S})?(?:upset|alarm|scare|frighten)${S}(?:the${S})?users?\b` +
      String.raw`|(?:keep|hide)${S}(?:this|these(?:${S}instructions)?|it)${S}(?:(?:a${S})?secret${S})?from${S}(?:the${S})?users?\b` +
      String.raw`|(?:do${S}not|don['’]t|never)${S}(?:tell|mention|inform|notify|alert|reveal|disclose|explain)${S}(?:this|that|these(?:${S}(?:instructions?|steps?|changes?))?|it|any${S}of${S}this|anything${S}about${S}(?:this|it))${S}(?:to${S})?(?:the${S})?users?\b`,
  },
  // -- exfiltration ---------------------------------------------------------------------------
  {
    signal: "exfiltration",
    rule: "send_data_out",
    defensive: true,
    status: "fail",
    message: "Tells the model to send data to an outside address",
    surfaces: ["prompt", "tool"],
    negatable: true,
    source: String.raw`(?:send(?:s|ing)?|post(?:s|ing)?|upload(?:s|ing)?|forward(?:s|ing)?|transmit(?:s|ting)?|submit(?:s|ting)?|exfiltrat(?:e|es|ing)|leak(?:s|ing)?|e-?mail(?:s|ing)?|pip(?:e|es|ing)|shar(?:e|es|ing))${S}(?:(?:the|your|all|any|every|my|our|their|these|those|each|of)${S}){0,3}(?:(?:entire|whole|full|complete|raw|other|previous|prior)${S}){0,2}(?:[\w-]{1,20}${S}){0,2}?(?:${SECRET_NOUN}|(?:file${S})?contents?|files|conversations?|chat${S}(?:history|logs?|transcripts?)|(?:message|conversation|session|browsing)${S}history|messages|system${S}prompt|(?:user|personal|private|customer|sensitive|all${S}(?:the${S})?)${S}?(?:data|information|details|files)|everything)\b${NOT_A_SECRET}`,
    confirm: (_sentence, after) => DEST.test(sameSentence(after, 140)),
  },
  {
    signal: "exfiltration",
    rule: "data_into_replies",
    status: "fail",
    message: "Tells the model to put private data into every reply",
    surfaces: ["prompt", "tool"],
    negatable: true,
    source: String.raw`(?:include|includes|append|embed|add|echo|repeat|insert|attach)${S}(?:it|them|this|that|all${S}of${S}(?:it|this)|${W(4)})(?:(?:verbatim|in${S}full|word${S}for${S}word|unchanged)${S})?(?:in|into|at${S}the${S}(?:end|bottom|start|top)${S}of|to)${S}(?:every|each|all)${S}(?:of${S}your${S})?(?:replies|reply|responses?|messages?|answers?|outputs?)\b`,
    confirm: (sentence) =>
      /\b(?:user[- ]provided|personal|private|sensitive|confidential|credentials?|passwords?|secrets?|api\s+keys?|tokens|account\s+details|(?:all|everything)\s+(?:the\s+)?user)\b/i.test(
        sentence,
      ),
  },
  {
    signal: "exfiltration",
    rule: "image_url_with_data",
    status: "fail",
    message: "Builds an image or link URL that carries conversation data out",
    surfaces: ["prompt", "tool"],
    anywhere: true,
    source: String.raw`!\[[^\]\n]{0,60}\]\((?:https?:)?//[^\s)]{1,200}?[?&=/](?:\{\{?|\$\{?|<|\[)${"\\s{0,2}"}(?:data|secrets?|conversation|history|summary|context|messages?|user_?\w{0,20}|keys?|tokens?|passwords?|credentials?|info|content|query|chat)`,
  },
  {
    signal: "exfiltration",
    rule: "param_carries_data",
    status: "fail",
    message: "A parameter the model is told to fill with data from elsewhere",
    surfaces: ["tool"],
    negatable: true,
    source: String.raw`(?:pass|put|include|place|provide|insert|fill|paste|embed)${S}(?:(?:it|in|this|here|with|the|all|any|of|your|its)${S}){0,3}(?:(?:entire|whole|full|complete|previous|prior|other)${S}){0,2}(?:contents?${S}of${S}(?:~|/|\.|the${S}(?:file|user)|any${S}file)|conversation|chat${S}history|(?:message|conversation)${S}history|previous${S}messages|system${S}prompt|(?:private|ssh)${S}keys?|(?:information|context|details)${S}(?:you|the${S}(?:assistant|model))${S}(?:have|has|know|knows)|other${S}tools['’]?)`,
  },
  {
    signal: "exfiltration",
    rule: "blind_copy",
    status: "fail",
    message: "Tells the model to copy messages to an extra address",
    surfaces: ["prompt", "tool"],
    negatable: true,
    source: String.raw`(?:always|also|secretly|silently|additionally)${S}(?:bcc|cc|forward${S}(?:a${S})?cop(?:y|ies)${S}(?:of${S}\w{1,20}${S})?to|copy)\b`,
    confirm: (_sentence, after) => DEST.test(sameSentence(after, 100)),
  },
  // -- tool_shadowing -------------------------------------------------------------------------
  {
    signal: "tool_shadowing",
    rule: "steers_other_tool",
    status: "fail",
    message: "Tool text that changes how another tool behaves",
    surfaces: ["tool"],
    source:
      String.raw`when${S}this${S}(?:tool|server|extension|plugin)${S}is${S}(?:available|present|loaded|installed|enabled|connected)\b` +
      String.raw`|(?:when|whenever|before|after|each${S}time|every${S}time|if)${S}(?:the${S}|any${S}|a${S})?(?:user${S})?[\`'"]?${NOT_A_NAME}[A-Za-z][\w.-]{1,60}[\`'"]?${S}tool${S}is${S}(?:used|called|invoked|run|executed|available)\b` +
      String.raw`|(?:the${S})?[\`'"]?${NOT_A_NAME}[A-Za-z][\w.-]{1,60}[\`'"]?${S}tool${S}(?:must|should|shall|needs${S}to|has${S}to)${S}(?:always${S}|also${S}|now${S}|only${S})?(?:send|sends|forward|include|add|cc|bcc|use|pass|redirect|route|point|copy|be${S}(?:called|used|given))\b` +
      String.raw`|(?:instead${S}of|rather${S}than|do${S}not${S}use|don['’]t${S}use|never${S}use|override|overrides|replace|replaces|shadow|shadows)${S}(?:the${S})?[\`'"]?${NOT_A_NAME}[A-Za-z][\w.-]{1,60}[\`'"]?${S}tool\b`,
  },
  {
    signal: "tool_shadowing",
    rule: "redirects_messages",
    status: "fail",
    message: "Redirects messages or payments to another recipient",
    surfaces: ["prompt", "tool"],
    negatable: true,
    source: String.raw`(?:all|every|any|each)${S}(?:outgoing${S}|future${S})?(?:e-?mails?|messages?|payments?|transfers?|invoices?|funds|transactions?)${S}${W(3)}(?:must|should|will|are${S}to|need${S}to)${S}(?:also${S})?(?:be${S})?(?:sent|redirected|forwarded|cc['’]?d|bcc['’]?d|copied|routed|paid|go)${S}(?:to|via)\b`,
    confirm: (_sentence, after) =>
      DEST.test(sameSentence(after, 100)) || /^\s*(?:account|iban)\b/i.test(after),
  },
];

/** All rules in one pass: alternative i is the named group r<i>; most start at a word start. */
const COMBINED = new RegExp(
  RULES.map((r, i) => `${r.anywhere ? "" : "\\b"}(?<r${i}>${r.source})`).join("|"),
  "gim",
);

/** Cues that an HTML comment in Markdown talks to the model (a reviewer reading the rendered page never sees it). */
const COMMENT_TO_MODEL =
  /(?<![\w-])(?:system|assistant|ai|llm|the\s+model|claude|chatgpt|ignore|disregard|override|bypass|grant|jailbreak|you\s+(?:must|should|will|are\s+now)|(?:previous|prior)\s+instructions|do\s+not\s+(?:tell|mention|reveal))(?![\w-])/i;
const COMMENT_SEVERE =
  /(?<![\w-])(?:ignore|disregard|override|bypass|grant|jailbreak|exfiltrat\w*|secretly|silently|do\s+not\s+(?:tell|mention|reveal)|(?:safety|security)\s+(?:rules|checks|guidelines))(?![\w-])/i;

/** The sentence (or line) around [start, end): from the last sentence break before to the next after. */
function sentenceAround(text: string, start: number, end: number): [string, string] {
  let a = start;
  const stopA = Math.max(0, start - 240);
  while (a > stopA && !/[.!?\n]/.test(text[a - 1]!)) a--;
  let b = end;
  const stopB = Math.min(text.length, end + 240);
  while (b < stopB && !/[.!?\n]/.test(text[b]!)) b++;
  return [text.slice(a, start), text.slice(start, b)];
}

/** Markdown emphasis and code marks become spaces (same length, offsets unchanged). Underscores stay: they are part of names such as `id_rsa` and `send_email`. */
const plain = (text: string) => text.replace(/[*`]/g, " ");

/**
 * Hidden instructions in one model-facing text. `text` may be masked (parts that are not
 * model-facing replaced by spaces, line breaks kept), so offsets are those of the file.
 */
export function findModelText(text: string, surface: Surface): ModelTextHit[] {
  const norm = plain(text);
  const out: ModelTextHit[] = [];
  const perRule = new Map<string, number>();
  const push = (r: Pick<Rule, "signal" | "rule" | "status" | "message">, at: number) => {
    const key = `${r.signal}/${r.rule}`;
    const n = (perRule.get(key) ?? 0) + 1;
    perRule.set(key, n);
    if (n > 20) return;
    out.push({
      kind: "injection",
      rule: key,
      message: r.message,
      at,
      signal: r.signal,
      status: r.status,
    });
  };
  COMBINED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = COMBINED.exec(norm))) {
    const groups = m.groups!;
    const i = RULES.findIndex((_, k) => groups[`r${k}`] !== undefined);
    const r = RULES[i]!;
    const end = m.index + m[0].length;
    const [before, rest] = sentenceAround(norm, m.index, end);
    const ordinary =
      !r.surfaces.includes(surface) ||
      (r.negatable && NEG_BEFORE.test(before)) ||
      (r.negatable && CONDITIONAL_REPORT.test(before)) ||
      (r.defensive && DEFENSIVE_BEFORE.test(before)) ||
      (r.confirm && !r.confirm(before + rest, norm.slice(end, end + 240)));
    if (ordinary) {
      COMBINED.lastIndex = m.index + 1;
      continue;
    }
    push(surface === "tool" && r.toolStatus ? { ...r, status: r.toolStatus } : r, m.index);
  }
  for (const c of htmlComments(text)) {
    const body = text.slice(c.start, c.end);
    if (!COMMENT_TO_MODEL.test(body)) continue;
    push(
      {
        signal: "model_instructions",
        rule: "hidden_comment",
        status: COMMENT_SEVERE.test(body) ? "fail" : "warn",
        message: "An HTML comment, hidden when the Markdown is rendered, that talks to the model",
      },
      c.start,
    );
  }
  return out.sort((a, b) => a.at - b.at);
}

/** `<!-- … -->` (also written `<\!-- … -->`), at most 4,000 characters each. */
function htmlComments(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let from = 0;
  for (;;) {
    const a = text.indexOf("<!--", from);
    const b = text.indexOf("<\\!--", from);
    const start = a < 0 ? b : b < 0 ? a : Math.min(a, b);
    if (start < 0) return out;
    const close = text.indexOf("-->", start + 4);
    const end = close < 0 || close - start > 4000 ? Math.min(text.length, start + 4000) : close;
    out.push({ start, end });
    from = end + 1;
  }
}
