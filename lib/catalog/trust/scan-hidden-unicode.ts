// The hidden-Unicode scanner: zero-width, bidirectional, tag, control and invisible formatting
// characters, reported per run, with the exemptions that keep emoji, joining scripts and
// ideographic variation sequences quiet.
import { findSecrets } from "./scan-secrets";
import {
  codePointName,
  hiddenRule,
  hiddenRunRegex,
  isExempt,
  isFlagTagSequence,
  RULE_PRIORITY,
  type HiddenRule,
} from "./hidden-chars";
import { codePointLabel, MAX_FINDINGS_PER_RULE, redactedToken, type Hit } from "./scan-shared";

/** A summary of one run of hidden characters, built without keeping the characters. */
class RunSummary {
  at = -1;
  count = 0;
  private rules = 0;
  private parts: { cp: number; n: number }[] = [];
  private more = false;
  private spelled = "";
  add(cp: number, at: number): void {
    if (this.count === 0) this.at = at;
    this.count++;
    this.rules |= 1 << RULE_PRIORITY.indexOf(hiddenRule(cp));
    const last = this.parts[this.parts.length - 1];
    if (last && last.cp === cp) last.n++;
    else if (this.parts.length < 4) this.parts.push({ cp, n: 1 });
    else this.more = true;
    if (cp >= 0xe0020 && cp <= 0xe007e && this.spelled.length <= 80)
      this.spelled += String.fromCharCode(cp - 0xe0000);
  }
  get rule(): HiddenRule {
    return RULE_PRIORITY.find((_, i) => this.rules & (1 << i))!;
  }
  hit(): Hit {
    const rule = this.rule;
    let message: string;
    if (rule === "tag_character" && this.spelled) {
      let spelled = redactInline(this.spelled);
      if (spelled.length > 60) spelled = `${spelled.slice(0, 60)}…`;
      message = `${this.count} invisible Unicode tag character${this.count === 1 ? "" : "s"} (U+E0000–U+E007F) spelling ${JSON.stringify(spelled)}`;
    } else {
      message = this.parts
        .map((p) => `${codePointName(p.cp)} (${codePointLabel(p.cp)})${p.n > 1 ? ` ×${p.n}` : ""}`)
        .join(", ");
      if (this.more) message += `, … (${this.count} characters in all)`;
    }
    return { kind: "hidden_unicode", rule, message, at: this.at };
  }
}

const HIDDEN_RUN = hiddenRunRegex(RULE_PRIORITY);

export function findHidden(text: string): { hits: Hit[]; runs: number } {
  const out: Hit[] = [];
  let runs = 0;
  const perRule = new Map<HiddenRule, number>();
  let re = HIDDEN_RUN;
  re.lastIndex = 0;
  let capped = false;
  const emit = (run: RunSummary) => {
    const rule = run.rule;
    const n = (perRule.get(rule) ?? 0) + 1;
    perRule.set(rule, n);
    if (n <= MAX_FINDINGS_PER_RULE) out.push(run.hit());
    if (n === MAX_FINDINGS_PER_RULE) capped = true;
  };
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    runs++;
    const runStart = m.index;
    const runEnd = runStart + m[0].length;
    if (isFlagTagSequence(text, runStart, runEnd)) continue;
    const runLength = m[0].length; // in UTF-16 units; only compared with 1 and 2 (one BMP or one astral character)
    // Split the run where exempt characters interrupt it.
    let run = new RunSummary();
    for (let i = runStart; i < runEnd;) {
      const cp = text.codePointAt(i)!;
      const len = cp > 0xffff ? 2 : 1;
      if (isExempt(text, cp, i, i + len, len === 2 ? runLength / 2 : runLength)) {
        if (run.count) emit(run);
        run = new RunSummary();
      } else run.add(cp, i);
      i += len;
    }
    if (run.count) emit(run);
    if (capped) {
      // A rule reached its cap: look only for the characters of the others from here on, so that
      // a file full of one invisible character costs no more than a clean one.
      capped = false;
      const open = RULE_PRIORITY.filter((r) => (perRule.get(r) ?? 0) < MAX_FINDINGS_PER_RULE);
      if (open.length === 0) break;
      const next = hiddenRunRegex(open);
      next.lastIndex = re.lastIndex;
      re = next;
    }
  }
  return { hits: out, runs };
}

/** Redacts any token-shaped secret inside a short string (used for text decoded from tags). */
function redactInline(s: string): string {
  const hits = findSecrets(s).sort((a, b) => a.start - b.start);
  let out = "";
  let i = 0;
  for (const h of hits) {
    if (h.start < i) continue;
    out += s.slice(i, h.start) + redactedToken(s.slice(h.start, h.end));
    i = h.end;
  }
  return out + s.slice(i);
}
