// Shell command lines read as words, the way a shell splits them (quotes, backslashes, operators;
// no expansion), cut into simple commands, with options told from positional words: what the
// unpinned-fetch rules (unpinned.ts) read commands with.

/** Splits a shell command line into words: quotes and backslashes as a shell reads them, no expansion. */
export function shellWords(line: string): string[] {
  const out: string[] = [];
  let word = "";
  let has = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === "\\" && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (c === "\\" && i + 1 < line.length) {
      word += line[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has || word) out.push(word);
      word = "";
      has = false;
    } else if ("|;&".includes(c)) {
      if (has || word) out.push(word);
      word = "";
      has = false;
      // Operators are their own words, so a command can be cut at them.
      const two = line.slice(i, i + 2);
      if (two === "||" || two === "&&") {
        out.push(two);
        i++;
      } else out.push(c);
    } else {
      word += c;
      has = true;
    }
  }
  if (has || word) out.push(word);
  return out;
}

const OPERATORS = new Set(["|", "||", "&&", ";", "&"]);

/** The simple commands of a word list, cut at `|`, `&&`, `||`, `;` and `&`. */
export function simpleCommands(words: string[]): string[][] {
  const out: string[][] = [[]];
  for (const w of words) {
    if (OPERATORS.has(w)) out.push([]);
    else out.at(-1)!.push(w);
  }
  return out.filter((c) => c.length);
}

/** Drops what runs a command without being it: `sudo`, `env`, `exec`, `VAR=value` assignments. */
export function stripPrefix(argv: string[]): string[] {
  let i = 0;
  while (i < argv.length) {
    const w = argv[i]!;
    if (
      /^[A-Za-z_][A-Za-z0-9_]*=/.test(w) ||
      ["sudo", "env", "exec", "command", "time"].includes(w)
    )
      i++;
    else if (i > 0 && ["sudo", "env"].includes(argv[i - 1]!) && w.startsWith("-")) i++;
    else break;
  }
  return argv.slice(i);
}

/** Options, and the positional words after them; `takesValue` says which options eat the next word. */
export function parseOptions(args: string[], takesValue: (opt: string) => boolean) {
  const options: { name: string; value: string | null }[] = [];
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (positional.length) {
      positional.push(a);
    } else if (a === "--") {
      positional.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith("-") && a.length > 1) {
      const eq = a.indexOf("=");
      if (a.startsWith("--") && eq > 0)
        options.push({ name: a.slice(0, eq), value: a.slice(eq + 1) });
      else if (takesValue(a) && i + 1 < args.length) options.push({ name: a, value: args[++i]! });
      else options.push({ name: a, value: null });
    } else positional.push(a);
  }
  const values = (...names: string[]) =>
    options.filter((o) => names.includes(o.name) && o.value !== null).map((o) => o.value!);
  return { options, positional, values };
}
