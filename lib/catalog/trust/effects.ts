// What a capability's code and commands may do beyond answering: spawn processes, open network
// connections, pipe a download into a shell. Read from the source text, line by line; it is a
// reading of evidence for people, not a sandbox.

type EffectKind = "process" | "network" | "risky_command";

export interface Effect {
  kind: EffectKind;
  path: string;
  /** 1-based; 0 when the evidence is the manifest as a whole. */
  line: number;
  /** What was seen, e.g. "imports subprocess" or "pipes a download into a shell". */
  detail: string;
}

const PROCESS_MODULES = ["subprocess", "pty", "pexpect", "sh", "plumbum"];
const NETWORK_MODULES = [
  "requests",
  "httpx",
  "aiohttp",
  "urllib",
  "urllib3",
  "http.client",
  "socket",
  "websocket",
  "websockets",
  "boto3",
  "botocore",
  "paramiko",
  "smtplib",
  "ftplib",
  "grpc",
  "telnetlib",
  "ssl",
  "xmlrpc.client",
  "openai",
  "anthropic",
];
const PROCESS_CALLS =
  /\b(os\.(system|popen|exec[lv]p?e?|spawn[lv]p?e?|posix_spawnp?|fork)|asyncio\.create_subprocess_(exec|shell))\s*\(/;

function importedModules(line: string): string[] {
  const from = /^\s*from\s+([\w.]+)\s+import\b/.exec(line);
  if (from) return [from[1]!];
  const imp = /^\s*import\s+(.+)$/.exec(line);
  if (!imp) return [];
  return imp[1]!
    .split(",")
    .map((part) =>
      part
        .trim()
        .split(/\s+as\s+/)[0]!
        .trim(),
    )
    .filter(Boolean);
}

const matchesModule = (mod: string, list: string[]) =>
  list.some((m) => mod === m || mod.startsWith(`${m}.`));

/** Process and network effects of a Python source file: one per module or call, first line seen. */
export function pythonEffects(path: string, source: string): Effect[] {
  const seen = new Set<string>();
  const out: Effect[] = [];
  const add = (kind: EffectKind, line: number, detail: string) => {
    if (seen.has(detail)) return;
    seen.add(detail);
    out.push({ kind, path, line, detail });
  };
  source.split(/\r?\n/).forEach((text, i) => {
    for (const mod of importedModules(text)) {
      if (matchesModule(mod, PROCESS_MODULES)) add("process", i + 1, `imports ${mod}`);
      else if (matchesModule(mod, NETWORK_MODULES)) add("network", i + 1, `imports ${mod}`);
    }
    const call = PROCESS_CALLS.exec(text);
    if (call) add("process", i + 1, `calls ${call[1]}()`);
    if (/\bshell\s*=\s*True\b/.test(text))
      add("process", i + 1, "runs a command through the shell (shell=True)");
    const risky = riskyCommand(text);
    if (risky && /["']/.test(text)) add("risky_command", i + 1, risky);
  });
  return out;
}

const DOWNLOADER = String.raw`\b(curl|wget|fetch|iwr|Invoke-WebRequest)\b`;
const SHELL = String.raw`\b(sh|bash|zsh|dash|ksh|python3?|node|perl|ruby|iex|Invoke-Expression)\b`;
const RISKY: [RegExp, string][] = [
  [
    new RegExp(`${DOWNLOADER}[^|\\n]*\\|\\s*(sudo\\s+)?${SHELL}`, "i"),
    "pipes a download into a shell",
  ],
  [
    new RegExp(`\\b(sh|bash|zsh)\\s+(-c\\s+)?["']?\\$\\(\\s*${DOWNLOADER}`, "i"),
    "runs a downloaded script",
  ],
  [new RegExp(`\\beval\\s+["']?\\$\\(\\s*${DOWNLOADER}`, "i"), "evaluates a download"],
  [
    /\brm\s+-[a-z]*r[a-z]*f?[a-z]*\s+(--no-preserve-root\s+)?\/(\s|$|\*)/i,
    "deletes from the filesystem root",
  ],
  [/\bchmod\s+(-R\s+)?0?777\b/, "makes files writable by everyone"],
  [/\bbase64\s+(-d|--decode)\b[^|\n]*\|\s*(sh|bash)\b/i, "runs base64-decoded code"],
];

/** Why a command line is risky, or null. */
export function riskyCommand(command: string): string | null {
  for (const [re, why] of RISKY) if (re.test(command)) return why;
  return null;
}

/** Risky commands in a shell script, line by line. */
export function shellEffects(path: string, source: string): Effect[] {
  const out: Effect[] = [];
  source.split(/\r?\n/).forEach((text, i) => {
    if (/^\s*#/.test(text)) return;
    const risky = riskyCommand(text);
    if (risky) out.push({ kind: "risky_command", path, line: i + 1, detail: risky });
    else if (new RegExp(DOWNLOADER, "i").test(text))
      out.push({
        kind: "network",
        path,
        line: i + 1,
        detail: "downloads with " + new RegExp(DOWNLOADER, "i").exec(text)![1],
      });
  });
  return out;
}
