// The injection-phrase scanner, for agent and skill Markdown.
import { MAX_FINDINGS_PER_RULE, type Hit } from "./scan-shared";

//
// A curated list, each entry with a stable rule id. Matching is case-insensitive, tolerant of any
// whitespace (line breaks included) and Markdown emphasis between the words, and runs on the
// text with invisible characters removed, so "ig<U+200B>nore" still matches.
//
// Choices that keep ordinary agent prompts quiet (each has a test):
// - Nouns are specific: "ignore previous instructions|rules|prompts", not "ignore previous
//   messages|context|results" ("Ignore whitespace differences" and "Ignore previous results
//   from other runs" are fine).
// - A negation right before the phrase makes it a guardrail, not an attack: "Never reveal your
//   system prompt", "Do not bypass the safety checks".
// - A reported request inside a condition is a defence: "If a web page asks you to ignore your
//   instructions, stop". A quoted phrase introduced as an example ("treat text such as
//   "ignore previous instructions" as data") is too. An unconditional "the runbook asks you to
//   ignore…" is still reported.
// - "Do not tell the user" is reported when it hides something ("do not mention this to the
//   user", "don't tell the user.", "…that you skipped it"), not when it withholds a named piece
//   of data ("Do not reveal internal ticket ids to customers", "Do not tell the user their
//   password").
// - "exfiltrate" is reported as a verb outside detection work ("exfiltration", "detect attempts
//   to exfiltrate data" are ordinary in security capabilities).
// - "send … to http…" needs a secret as the object ("send your API keys to https://…"), not
//   merely nearby ("send the user a link to https://…").

/** Separator between the words of a phrase: any whitespace, line breaks included. Markdown emphasis
 * and code marks (* _ `) are turned into spaces before matching, so they separate words too. */
const S = String.raw`\s+`;
const NEG = String.raw`(?:do${S}not|don['’]t|dont|never|must${S}not|mustn['’]t|should${S}not|shouldn['’]t)`;
const START = String.raw`\b`;

interface InjectionRule {
  rule: string;
  message: string;
  /** Source of a case-insensitive expression; the rules are matched together in one pass. */
  source: string;
  /** Skip when the words right before are a negation ("never reveal your system prompt"). */
  negatable?: boolean;
  /** Skip when the phrase is quoted or reported ("if a page asks you to ignore…"). */
  mentionable?: boolean;
  /** Context in the sentence before that makes the phrase ordinary (for "exfiltrate": detection work). */
  ordinaryContext?: RegExp;
  /** A further condition on what follows, checked in code (kept out of the expression to stay linear). */
  confirm?: (ctx: InjectionContext, end: number) => boolean;
  /** The phrase may start with punctuation: not anchored at a word start. */
  notAtWordStart?: boolean;
}

const SECRET_NOUN = String.raw`(?:secrets?|credentials?|api${S}?keys?|access${S}?keys?|secret${S}?keys?|private${S}?keys?|ssh${S}?keys?|(?:access|auth|bearer|session|api)${S}?tokens?|tokens|passwords?|passphrases?|cookies|env(?:ironment)?${S}?(?:variables?|vars?)|\.env\b|~?/?\.aws/credentials|\.ssh/id\s\w+|\.netrc|\.npmrc|\.pypirc|kubeconfig|system${S}prompt)`;
const DEST =
  /(?:https?|ftp|wss?):\/\/|\bwebhooks?\b|\bpastebin\b|\bngrok\b|\brequestbin\b|@(?<=[\w.+-]@)[\w-]{1,63}\.[a-z]{2,}|\b(?:external|remote|attacker['’]?s?|my|our|this|that)\s+(?:server|host|endpoint|url|address|machine)\b/gi;
const SECRET_FILE = String.raw`(?:\.aws/credentials|\.ssh/id\s\w+|\.env\b|\.netrc|\.npmrc|\.pypirc|\.kube/config|/etc/shadow|\.git-credentials|\.docker/config\.json)`;
const DEST_WINDOW = 100;

const INJECTION_RULES: InjectionRule[] = [
  {
    rule: "ignore_previous_instructions",
    message: "Asks the model to ignore its previous instructions",
    source:
      String.raw`(?:ignore|disregard|forget|discard)${S}(?:(?:all|any)${S})?(?:of${S})?(?:(?:the|your|my|these|those)${S})?` +
      String.raw`(?:(?:(?:previous|prior|preceding|above|earlier|former|foregoing|original|initial)${S})(?:(?:system|developer)${S})?(?:instructions?|prompts?|directions|directives?|rules|guidelines|guidance|commands|constraints)\b` +
      String.raw`|(?:instructions?|prompts?|rules|directions|directives|guidelines)${S}(?:above|before${S}this|so${S}far|you${S}(?:were|have${S}been)${S}given)\b)`,
    negatable: true,
    mentionable: true,
  },
  {
    rule: "disregard_system_prompt",
    message: "Asks the model to disregard its system prompt or instructions",
    source:
      String.raw`(?:ignore|disregard|forget|override|bypass|discard)${S}(?:all${S})?(?:of${S})?` +
      String.raw`(?:your${S}(?:(?:own|original|initial|system|developer|safety)${S})?|the${S}(?:system|developer)${S})` +
      String.raw`(?:prompt|instructions?|programming|guidelines|rules|directives|training|restrictions|policies)\b`,
    negatable: true,
    mentionable: true,
  },
  {
    rule: "developer_mode",
    message: 'Tries to switch the model into a jailbreak "mode"',
    source:
      String.raw`(?:you(?:${S}are|['’]re)${S}now${S}(?:(?:in|running${S}in|operating${S}in)${S})?(?:(?:a|an|the)${S})?(?:developer|dev|debug|god|jailbreak|jailbroken|unrestricted|unfiltered|uncensored|sudo)${S}mode` +
      String.raw`|(?:enable|enter|activate|switch${S}to)${S}(?:jailbreak|jailbroken|unrestricted|unfiltered|uncensored)${S}mode)\b`,
    mentionable: true,
  },
  {
    rule: "conceal_from_user",
    message: "Asks the model to hide something from the user",
    source:
      String.raw`(?:${NEG}${S}(?:tell|mention|inform|notify|alert|reveal|disclose|explain)${S}(?:this|that|these(?:${S}(?:instructions?|steps?|changes?))?|it|any${S}of${S}this|anything${S}about${S}(?:this|it))${S}(?:to${S})?(?:the${S})?user\b` +
      String.raw`|${NEG}${S}(?:tell|inform|notify|alert|warn)${S}(?:the${S})?user(?=[ \t]*(?:[.;,!)]|$|about${S}(?:this|that|these|it)\b|(?:that|what)${S}you\b))` +
      String.raw`|(?:keep|hide)${S}(?:this|these(?:${S}instructions)?|it)${S}(?:(?:a${S})?secret${S})?from${S}(?:the${S})?user\b)`,
    mentionable: true,
  },
  {
    rule: "reveal_system_prompt",
    message: "Asks the model to reveal its system prompt",
    source:
      String.raw`(?:reveal|print|show|output|repeat|display|leak|dump|disclose|recite|echo|share|write${S}out|tell${S}me)${S}(?:me${S})?(?:(?:all|everything)${S}(?:in${S}|of${S})?)?(?:your|the)${S}` +
      String.raw`(?:(?:full|entire|complete|exact|original|initial|hidden|secret|verbatim)${S})?` +
      String.raw`(?:system${S}(?:prompt|instructions)|(?:initial|original|hidden|secret|developer)${S}(?:prompt|instructions)|(?:prompt|instructions)${S}above)\b`,
    negatable: true,
    mentionable: true,
  },
  {
    rule: "exfiltrate",
    message: "Asks the model to exfiltrate data",
    source: String.raw`exfiltrat(?:e|es|ing)\b`,
    negatable: true,
    mentionable: true,
    ordinaryContext:
      /\b(?:detect\w*|monitor\w*|flag\w*|identif\w*|prevent\w*|block\w*|investigat\w*|hunt\w*|stop\w*|look\s+for|signs?\s+of|attempts?\s+to|attempting\s+to|trying\s+to|tries\s+to|attackers?|adversar(?:y|ies)|malware|threat\w*|intruders?)\b/i,
  },
  {
    rule: "send_secrets_external",
    message: "Asks to send secrets or credentials to an outside address",
    source:
      String.raw`(?:send|post|upload|forward|transmit|submit|leak|e-?mail|copy|paste|share|pipe|dump)${S}(?:(?:the|your|all|any|every|my|our|their|these|those)${S}){0,2}` +
      String.raw`(?:(?:contents?|values?|output)${S}of${S}(?:(?:the|your|all)${S})?)?(?:(?!(?:a|an|user|users|customer|customers|client|them|him|her|me|us|team)\b)[\w-]{1,30}${S}){0,2}?${SECRET_NOUN}\b(?!${S}(?:reset|policy|policies|manager|field|hash|strength|requirements?|rules?|rotation|change|expiry|length|prompt))`,
    negatable: true,
    mentionable: true,
    confirm: (ctx, end) => ctx.destWithin(end, DEST_WINDOW),
  },
  {
    rule: "bypass_safety",
    message: "Asks the model to bypass its safety rules",
    source:
      // Strong verbs take any safety target; weak ones (disable, skip…) only model-safety ones,
      // so that "disable the safety interlock" or "skip the safety checks in staging" pass.
      String.raw`(?:(?:bypass|circumvent|evade|get${S}around|work${S}around)${S}(?:(?:all|any|your|the|its|these|those|of)${S}){0,3}` +
      String.raw`(?:(?:safety|content|ethical|moral|moderation)${S}(?:filters?|guardrails?|guidelines|polic(?:y|ies)|restrictions?|rules|measures|checks|protocols|training|mechanisms|settings|constraints|principles)|guardrails?|moderation|safety)` +
      String.raw`|(?:disable|turn${S}off|ignore|override|skip)${S}(?:(?:all|any|your|the|its|these|those|of)${S}){0,3}` +
      String.raw`(?:(?:safety|content|ethical|moral|moderation)${S}(?:filters?|guardrails?|guidelines|polic(?:y|ies)|restrictions|rules|training|constraints|principles)|guardrails?))\b`,
    negatable: true,
    mentionable: true,
  },
  {
    rule: "no_restrictions",
    message: "Tells the model it has no restrictions",
    source:
      String.raw`(?:(?:pretend|imagine|assume|act${S}as${S}(?:if|though)|behave${S}as${S}(?:if|though))${S}(?:that${S})?you${S}(?:(?:have|had|are|were)${S})?` +
      String.raw`(?:no${S}longer${S}(?:bound|restricted|limited|constrained)|(?:no|zero)${S}(?:(?:ethical|moral|content|safety)${S})?(?:restrictions|limits|limitations|rules|guidelines|filters|guardrails|boundaries|constraints|policies))` +
      String.raw`|you${S}(?:are${S}no${S}longer|are${S}not|aren['’]t)${S}(?:bound|restricted|constrained)${S}by${S}(?:(?:any|your|the|its)${S})?(?:(?:previous|prior|usual|normal|ethical|content|safety|OpenAI|Anthropic)${S})?(?:rules|guidelines|polic(?:y|ies)|restrictions|instructions|filters|guardrails)` +
      String.raw`|(?:you${S}are|you['’]re|act${S}as|become)${S}(?:now${S})?(?:an?${S})?(?:unrestricted|unfiltered|uncensored|jailbroken)${S}(?:AI|assistant|model|chatbot|LLM|version))\b`,
    negatable: true,
    mentionable: true,
  },
  {
    rule: "send_secrets_external",
    message: "Asks to send secrets or credentials to an outside address",
    // `cat ~/.aws/credentials | curl …`
    source: String.raw`cat[ \t]+[^\s|]{0,40}?${SECRET_FILE}[^\n|]{0,40}\|[ \t]{0,4}(?:curl|wget|nc|ncat|netcat)\b`,
  },
  {
    rule: "chat_template_token",
    message: "Contains chat-template control tokens that can fake a system or assistant turn",
    // Underscores are spaces by now (see findInjections).
    source: String.raw`<\|(?:im start|im end|system|user|assistant|endoftext|start header id|end header id|eot id)\|>|\[\/?INST\]|<<\/?SYS>>`,
    notAtWordStart: true,
  },
  {
    rule: "new_instructions",
    message: "Tries to replace the model's instructions",
    source: String.raw`(?:your${S}new${S}(?:instructions|system${S}prompt|directives?|rules)${S}(?:are|is|follow)\b|(?:system|admin|developer)${S}override\b)`,
    mentionable: true,
  },
];

/** All of the rules above in one pass: alternative i is the named group r<i>. */
const INJECTION_COMBINED = (() => {
  const group = (r: InjectionRule, i: number) => `(?<r${i}>${r.source})`;
  const atWordStart = INJECTION_RULES.map((r, i) => (r.notAtWordStart ? "" : group(r, i))).filter(
    Boolean,
  );
  const anywhere = INJECTION_RULES.map((r, i) => (r.notAtWordStart ? group(r, i) : "")).filter(
    Boolean,
  );
  return new RegExp([`${START}(?:${atWordStart.join("|")})`, ...anywhere].join("|"), "gim");
})();

/** Case-sensitive on purpose: "Dan" is a name. */
const DAN =
  /\b(?:[Yy]ou\s+are\s+(?:now\s+)?DAN|[Yy]ou['’]re\s+(?:now\s+)?DAN|[Aa]ct\s+as\s+DAN|[Pp]retend\s+to\s+be\s+DAN|DAN\s+[Mm]ode|Do\s+Anything\s+Now)\b/g;
/** `curl … --data @~/.aws/credentials`; the curl itself is looked for in code. */
const UPLOAD_FLAG_FILE = new RegExp(
  String.raw`(?:-d|--data(?:-binary|-raw|-urlencode)?|-F|--form|-T|--upload-file|--post-file)[\s=]{1,4}["']?@?[^\s"']{0,40}?${SECRET_FILE}`,
  "gi",
);
const CURL = /\b(?:curl|wget)\b/gi;

const EXTRA_RULES = {
  dan_jailbreak: { message: 'Uses the "DAN" (Do Anything Now) jailbreak', mentionable: true },
  send_secrets_external: { message: "Asks to send secrets or credentials to an outside address" },
} as const;

const NEGATION_BEFORE = /(?:\bnever|\bnot|n['’]t|\bcannot|\bno)\s*$/i;
const CONDITIONAL = /\b(?:if|when|whenever|unless|should|in\s+case)\b/i;
const REPORTED =
  /\b(?:asks?|asking|asked|tells?|telling|told|instructs?|instructing|instructed|requests?|requesting|wants?|tries|try|trying|attempts?|attempting|says?|saying|contains?|containing|includes?)\b[^.!?]{0,40}$/i;
const QUOTE_BEFORE = /["“‘«']\s*$/;
const MENTION_WORDS =
  /\b(?:such\s+as|like|e\.g\.|for\s+example|phrases?|text|messages?|content|strings?|instructions?|says?|saying|treat|refuse|report)\b/i;
const QUOTE_AFTER = /^[^\n]{0,3}["”’»']/;

class InjectionContext {
  /** The first destination at or after `destFrom` is at `destAt` (Infinity: none). Queries come in increasing order. */
  private destFrom = -1;
  private destAt = -1;
  constructor(readonly text: string) {}
  /** A destination (URL, webhook, e-mail address…) starts within `window` characters after `end`, on the same line. */
  destWithin(end: number, window: number): boolean {
    if (!(end >= this.destFrom && end <= this.destAt)) {
      DEST.lastIndex = end;
      const m = DEST.exec(this.text);
      this.destFrom = end;
      this.destAt = m ? m.index : Infinity;
    }
    const at = this.destAt;
    if (at - end > window) return false;
    return !this.text.slice(end, at).includes("\n");
  }
  /** The sentence (or list item) before `start`, at most 200 characters. */
  sentenceBefore(start: number): string {
    const t = this.text;
    const stop = Math.max(0, start - 200);
    let i = start - 1;
    for (; i >= stop; i--) {
      const c = t[i]!;
      if ((c === "." || c === "!" || c === "?" || c === ";") && /\s/.test(t[i + 1] ?? "")) break;
      if (c === "\n") {
        // A blank line or a list item starts a new sentence.
        let j = i + 1;
        while (j < start && (t[j] === " " || t[j] === "\t")) j++;
        if (t[j] === "\n" || t[j] === "\r" || /^(?:[-*+]|\d{1,3}[.)])\s/.test(t.slice(j, j + 5)))
          break;
        let b = i - 1;
        while (b >= stop && (t[b] === " " || t[b] === "\t" || t[b] === "\r")) b--;
        if (t[b] === "\n") break;
      }
    }
    return t.slice(i + 1, start);
  }
  isOrdinary(
    rule: Pick<InjectionRule, "negatable" | "mentionable" | "ordinaryContext">,
    start: number,
    end: number,
  ): boolean {
    const sentence = this.sentenceBefore(start);
    if (rule.negatable && NEGATION_BEFORE.test(sentence)) return true;
    if (rule.ordinaryContext && rule.ordinaryContext.test(sentence)) return true;
    if (rule.mentionable) {
      if (CONDITIONAL.test(sentence) && REPORTED.test(sentence)) return true;
      if (
        QUOTE_BEFORE.test(sentence) &&
        QUOTE_AFTER.test(this.text.slice(end, end + 8)) &&
        MENTION_WORDS.test(sentence)
      )
        return true;
    }
    return false;
  }
}

/** Characters dropped before matching phrases, so that "ig<U+200B>nore" still matches (the same as NORMALISE). */
const STRIP =
  /[\u00AD\u034F\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\u{E0000}-\u{E01EF}]+/gu;

/** How many matches of a global expression, counting no further than `limit`. */
function countRuns(text: string, re: RegExp, limit: number): number {
  re.lastIndex = 0;
  let n = 0;
  while (n < limit && re.exec(text)) n++;
  re.lastIndex = 0;
  return n;
}

/** For each UTF-16 unit: 1 drop (invisible), 2 becomes a space (* _ `), 3 high surrogate of a tag or variation selector. */
const NORMALISE = (() => {
  const t = new Uint8Array(65536);
  const ranges: [number, number][] = [
    [0xad, 0xad],
    [0x34f, 0x34f],
    [0x61c, 0x61c],
    [0x115f, 0x1160],
    [0x180e, 0x180e],
    [0x200b, 0x200f],
    [0x202a, 0x202e],
    [0x2060, 0x206f],
    [0x3164, 0x3164],
    [0xfeff, 0xfeff],
    [0xffa0, 0xffa0],
    [0xfff9, 0xfffb],
  ];
  for (const [a, b] of ranges) t.fill(1, a, b + 1);
  for (const c of "*_`") t[c.charCodeAt(0)] = 2;
  t[0xdb40] = 3; // U+E0000–U+E01EF are U+DB40 U+DC00–U+DDEF
  return t;
})();

/** What STRIP and the emphasis replacement do, in one pass (a regex replace is slow with millions of matches). */
function normalise(text: string): string {
  const buf = new Uint16Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const k = NORMALISE[c];
    if (k === 0) buf[n++] = c;
    else if (k === 2) buf[n++] = 0x20;
    else if (k === 3) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xddef) i++;
      else buf[n++] = c;
    }
  }
  return new TextDecoder("utf-16le").decode(buf.subarray(0, n));
}

export function findInjections(text: string, invisibleRuns?: number): Hit[] {
  // Normalise: drop invisible characters (where they were is worked out only if a phrase
  // matches), and turn emphasis and code marks into spaces (same length: offsets do not move).
  // A regex replace is fast for a few matches, a loop over the text for millions.
  const invisible = invisibleRuns ?? countRuns(text, STRIP, 10_001);
  const norm =
    invisible > 10_000
      ? normalise(text)
      : (invisible > 0 ? text.replace(STRIP, "") : text).replace(/[*_`]/g, " ");
  let cutAt: number[] | undefined; // offsets in the normalised text
  let cutTotal: number[] | undefined; // characters removed up to and including that cut
  const toOriginal = (n: number) => {
    if (norm.length === text.length) return n;
    if (!cutAt || !cutTotal) {
      cutAt = [];
      cutTotal = [];
      let removed = 0;
      for (const m of text.matchAll(STRIP)) {
        removed += m[0].length;
        cutAt.push(m.index + m[0].length - removed);
        cutTotal.push(removed);
      }
    }
    let lo = 0;
    let hi = cutAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cutAt[mid]! <= n) lo = mid + 1;
      else hi = mid;
    }
    return n + (lo > 0 ? cutTotal[lo - 1]! : 0);
  };
  const ctx = new InjectionContext(norm);
  const out: Hit[] = [];
  const push = (rule: string, message: string, at: number) =>
    out.push({ kind: "injection", rule, message, at: toOriginal(at) });

  const re = INJECTION_COMBINED;
  re.lastIndex = 0;
  const found = INJECTION_RULES.map(() => 0);
  let m: RegExpExecArray | null;
  while ((m = re.exec(norm))) {
    const end = m.index + m[0].length;
    const groups = m.groups!;
    const i = INJECTION_RULES.findIndex((_, k) => groups[`r${k}`] !== undefined);
    const r = INJECTION_RULES[i]!;
    if (found[i]! >= MAX_FINDINGS_PER_RULE) continue;
    if ((r.confirm && !r.confirm(ctx, end)) || ctx.isOrdinary(r, m.index, end)) {
      // Other rules may still match from the next character on.
      re.lastIndex = m.index + 1;
      continue;
    }
    found[i]!++;
    push(r.rule, r.message, m.index);
  }
  if (/DAN|Anything Now/.test(norm)) {
    for (const d of norm.matchAll(DAN)) {
      if (!ctx.isOrdinary(EXTRA_RULES.dan_jailbreak, d.index, d.index + d[0].length))
        push("dan_jailbreak", EXTRA_RULES.dan_jailbreak.message, d.index);
    }
  }
  for (const at of findSecretFileUploads(norm))
    push("send_secrets_external", EXTRA_RULES.send_secrets_external.message, at);
  return out;
}

/** `curl … -d @~/.aws/credentials https://…`: offsets of the curl (or wget) command. */
function findSecretFileUploads(text: string): number[] {
  const out: number[] = [];
  if (!/curl|wget|\bnc\b|ncat|netcat/i.test(text)) return out;
  let curls: number[] | undefined;
  for (const f of text.matchAll(UPLOAD_FLAG_FILE)) {
    curls ??= Array.from(text.matchAll(CURL), (c) => c.index);
    // The last curl or wget before the flag, on the same command: no newline, |, ; or & between.
    let lo = 0;
    let hi = curls.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (curls[mid]! < f.index) lo = mid + 1;
      else hi = mid;
    }
    const c = curls[lo - 1];
    if (c === undefined || f.index - c > 200) continue;
    let clean = true;
    for (let i = c; i < f.index && clean; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 0x0a || ch === 0x7c || ch === 0x3b || ch === 0x26) clean = false;
    }
    if (clean && out[out.length - 1] !== c) out.push(c);
  }
  return out;
}
