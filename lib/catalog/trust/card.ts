// The trust card of a capability version: evidence, not badges. Every signal has a status (pass,
// warn, fail, info), its evidence (file and line where there is one) and a one-line explanation.
// Pure: the service gathers the version, its content analysis and the previous version.
import type { Component } from "@/lib/catalog/ingest/components";
import { runtimeDigest } from "@/lib/catalog/ingest/digest";
import type { ContentAnalysis } from "./analysis";
import { riskyCommand } from "./effects";
import { riskSignals, type TrustStatus } from "./level";
import { checkLicense, isLicenseFile } from "./license";
import { originOf } from "./origin";

export type { TrustStatus } from "./level";
/** Bumped when a signal's status rules change, so stored levels are computed again (index.ts). */
export const CARD_RULES = 2;
interface TrustEvidence {
  path: string | null;
  line: number | null;
  detail: string;
}
export interface TrustSignal {
  id: string;
  status: TrustStatus;
  title: string;
  explanation: string;
  evidence: TrustEvidence[];
}
export type TrustSectionId =
  "integrity" | "provenance" | "license" | "capabilities" | "content" | "changes";
interface TrustSection {
  id: TrustSectionId;
  title: string;
  status: TrustStatus;
  signals: TrustSignal[];
}
export interface TrustCard {
  name: string;
  version: string;
  status: TrustStatus;
  counts: Record<TrustStatus, number>;
  /** The glance: what it contains, where it came from, what it may do, what looks risky. */
  summary: { contains: Record<string, number>; origin: string; may_do: string[]; risks: string[] };
  previous_version: string | null;
  sections: TrustSection[];
}

export interface TrustVersion {
  name: string;
  version: string;
  manifest: Record<string, unknown>;
  components: Component[];
  componentCounts: Record<string, number>;
  files: { path: string; sha256: string; size: number }[];
  fileCount: number;
  totalBytes: number;
  artifactSha256: string;
  runtimeDigest: string;
  bundleKind: string;
  license: string | null;
  repository: string | null;
  origin: Record<string, unknown>;
  analysis: ContentAnalysis;
}

const RANK: Record<TrustStatus, number> = { info: 0, pass: 1, warn: 2, fail: 3 };
const worst = (statuses: TrustStatus[]): TrustStatus =>
  statuses.reduce<TrustStatus>((w, s) => (RANK[s] > RANK[w] ? s : w), "pass");
const ev = (
  detail: string,
  path: string | null = null,
  line: number | null = null,
): TrustEvidence => ({ path, line, detail });
const sentence = (t: string) => (t.trim() && !/[.!?]$/.test(t.trim()) ? `${t.trim()}.` : t.trim());
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The hosts that count as this machine: plain HTTP to them does not cross a network. */
export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  return (
    h === "localhost" ||
    h.endsWith(".localhost") ||
    /^127\.\d+\.\d+\.\d+$/.test(h) ||
    h === "::1" ||
    h === "0.0.0.0"
  );
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

const commandLine = (m: Record<string, unknown>) =>
  [m.command, ...((m.args as string[] | undefined) ?? [])]
    .filter((p) => typeof p === "string")
    .join(" ");
const gatedBy = (m: Record<string, unknown> | null) => (m?.when as string[] | undefined) ?? [];
const whenText = (m: Record<string, unknown> | null) =>
  gatedBy(m).length
    ? ` Active only when ${gatedBy(m)
        .map((f) => `'${f}'`)
        .join(" or ")} is on.`
    : "";

interface Manifestish {
  flags?: Record<string, { description?: string; default?: boolean }>;
  dependencies?: { python?: string[]; packages?: string[]; scripts?: string[] };
  checks?: { name: string; command: string }[];
}

/** Hosts, commands, MCP servers and flags a version declares: what "changes since" compares. */
export function surface(v: Pick<TrustVersion, "components" | "manifest">) {
  const m = v.manifest as Manifestish;
  const servers = v.components.filter((c) => c.type === "mcp_server");
  const hosts = new Set<string>();
  const commands = new Set<string>();
  for (const c of [...servers, ...v.components.filter((x) => x.type === "worker")]) {
    const meta = c.metadata ?? {};
    if (typeof meta.url === "string") {
      const host = hostOf(meta.url);
      if (host) hosts.add(host);
    }
    if (typeof meta.command === "string") commands.add(commandLine(meta));
  }
  for (const check of m.checks ?? []) commands.add(check.command);
  return {
    servers: new Set(servers.map((s) => s.name)),
    hosts,
    commands,
    flags: new Set(Object.keys(m.flags ?? {})),
  };
}

function integrity(v: TrustVersion): TrustSignal[] {
  const recomputed = runtimeDigest(v.files);
  return [
    recomputed === v.runtimeDigest
      ? {
          id: "integrity.runtime_digest",
          status: "pass",
          title: "Runtime digest matches the files",
          explanation:
            "Recomputed from the stored file list: sha256 over the lines `path NUL sha256 LF` of every file, sorted by path as UTF-8 bytes.",
          evidence: [ev(v.runtimeDigest)],
        }
      : {
          id: "integrity.runtime_digest",
          status: "fail",
          title: "Runtime digest does not match the files",
          explanation:
            "The stored digest differs from the one recomputed from the file list; the stored version is not what was pushed.",
          evidence: [ev(`stored ${v.runtimeDigest}`), ev(`recomputed ${recomputed}`)],
        },
    {
      id: "integrity.files",
      status: "info",
      title: `${plural(v.fileCount, "file")}, ${v.totalBytes.toLocaleString("en-US")} bytes`,
      explanation:
        "Each file's sha256 is over its exact bytes; `sha256sum` on the unpacked bundle gives the same values.",
      evidence: v.files.slice(0, 1000).map((f) => ev(`${f.sha256} (${f.size} bytes)`, f.path)),
    },
    {
      id: "integrity.artifact",
      status: "info",
      title: `Bundle stored as pushed (${v.bundleKind})`,
      explanation:
        "artifact_sha256 is over the bundle's bytes; `sha256sum` of the downloaded bundle gives it.",
      evidence: [ev(v.artifactSha256)],
    },
  ];
}

function provenance(v: TrustVersion): TrustSignal[] {
  const o = originOf(v.origin);
  const out: TrustSignal[] = [
    {
      id: "provenance.origin",
      status: "info",
      title: `${o.who ?? "an unknown user"}, ${o.how}`,
      explanation: "Who stored this version, when and how, as recorded by Quiver at the time.",
      evidence: [
        ev(`at ${o.at ?? "an unknown time"}`),
        ...(o.token ? [ev(`with the API token '${o.token}'`)] : []),
        ...(o.jobId ? [ev(`optimization job ${o.jobId}`)] : []),
      ],
    },
  ];
  if (!v.repository)
    out.push({
      id: "provenance.repository",
      status: "warn",
      title: "No source repository declared",
      explanation:
        "Without `repository` in the manifest, nobody can trace the bundle back to its source.",
      evidence: [ev("capability.yaml has no 'repository'", "capability.yaml")],
    });
  else if (v.repository.startsWith("https://"))
    out.push({
      id: "provenance.repository",
      status: "pass",
      title: `Source repository: ${v.repository}`,
      explanation:
        "Declared by the author; Quiver does not check that the bundle was built from it.",
      evidence: [ev(v.repository, "capability.yaml")],
    });
  else
    out.push({
      id: "provenance.repository",
      status: "warn",
      title: `Source repository over an insecure or unusual URL`,
      explanation: "The declared repository is not an https:// URL.",
      evidence: [ev(v.repository, "capability.yaml")],
    });
  return out;
}

function license(v: TrustVersion): TrustSignal[] {
  const files = v.files.filter((f) => isLicenseFile(f.path));
  const fileSignal: TrustSignal = files.length
    ? {
        id: "license.file",
        status: "pass",
        title: "License text included",
        explanation: "The bundle carries the text of its license.",
        evidence: files.map((f) => ev(f.sha256, f.path)),
      }
    : {
        id: "license.file",
        status: "info",
        title: "No license file",
        explanation:
          "No LICENSE or COPYING file in the bundle; the manifest's identifier is all there is.",
        evidence: [],
      };
  if (!v.license)
    return [
      {
        id: "license.identifier",
        status: "warn",
        title: "No license declared",
        explanation: "Without a license, nobody outside the author may reuse it.",
        evidence: [ev("capability.yaml has no 'license'", "capability.yaml")],
      },
      fileSignal,
    ];
  const check = checkLicense(v.license);
  const identifier: TrustSignal = check.valid
    ? {
        id: "license.identifier",
        status: "pass",
        title: `${v.license}: a recognised SPDX expression`,
        explanation: "Every identifier is on the SPDX license list.",
        evidence: [ev(check.ids.join(", "), "capability.yaml")],
      }
    : {
        id: "license.identifier",
        status: "warn",
        title: `${v.license}: not a recognised SPDX expression`,
        explanation: check.error
          ? `The expression does not parse: ${check.error}.`
          : check.deprecated.length
            ? "It uses identifiers SPDX has deprecated."
            : "It names identifiers that are not on the SPDX license list.",
        evidence: [
          ...check.unknown.map((id) => ev(`unknown identifier '${id}'`, "capability.yaml")),
          ...check.deprecated.map((id) => ev(`deprecated identifier '${id}'`, "capability.yaml")),
        ],
      };
  return [identifier, fileSignal];
}

function capabilities(v: TrustVersion): TrustSignal[] {
  const out: TrustSignal[] = [];
  const m = v.manifest as Manifestish;
  for (const c of v.components.filter((x) => x.type === "mcp_server")) {
    const meta = c.metadata ?? {};
    const passes = [
      ...((meta.env_keys as string[] | undefined) ?? []).map((k) =>
        ev(`environment variable ${k} (value not stored)`, c.path),
      ),
      ...((meta.header_keys as string[] | undefined) ?? []).map((k) =>
        ev(`header ${k} (value not stored)`, c.path),
      ),
    ];
    if (typeof meta.url === "string") {
      const host = hostOf(meta.url) ?? meta.url;
      const plain = meta.url.startsWith("http://");
      const status: TrustStatus = plain && !isLocalHost(host) ? "warn" : "info";
      out.push({
        id: `capabilities.mcp.${c.name}`,
        status,
        title: `MCP server '${c.name}' connects to ${host}`,
        explanation:
          (status === "warn"
            ? "Plain http:// to a non-local host: traffic, including any credentials, travels unencrypted."
            : plain
              ? "Plain HTTP, but to this machine."
              : "HTTP transport over TLS.") + whenText(meta),
        evidence: [ev(meta.url, c.path), ...passes],
      });
    } else {
      const cmd = commandLine(meta);
      const risky = riskyCommand(cmd);
      out.push({
        id: `capabilities.mcp.${c.name}`,
        status: risky ? "fail" : "info",
        title: `MCP server '${c.name}' runs ${String(meta.command)}`,
        explanation:
          (risky
            ? `Its command ${risky}.`
            : "A local process speaking MCP over stdio, with the runtime's permissions.") +
          whenText(meta),
        evidence: [ev(cmd, c.path), ...passes],
      });
    }
  }
  for (const c of v.components.filter((x) => x.type === "worker")) {
    const meta = c.metadata ?? {};
    if (typeof meta.command === "string") {
      const cmd = commandLine(meta);
      const risky = riskyCommand(cmd);
      out.push({
        id: `capabilities.worker.${c.name}`,
        status: risky ? "fail" : "info",
        title: `Worker '${c.name}' starts a process`,
        explanation:
          (risky
            ? `Its command ${risky}.`
            : "A background subprocess that runs beside the agent.") + whenText(meta),
        evidence: [ev(cmd, "capability.yaml")],
      });
    } else {
      out.push({
        id: `capabilities.worker.${c.name}`,
        status: "info",
        title: `Worker '${c.name}' runs in process`,
        explanation: "Python code loaded into the runtime's own process." + whenText(meta),
        evidence: [ev(String(meta.path ?? c.path), c.path)],
      });
    }
  }
  for (const [name, flag] of Object.entries(m.flags ?? {})) {
    const gated = v.components
      .filter((c) => gatedBy(c.metadata).includes(name))
      .map((c) => `${c.type === "mcp_server" ? "MCP server" : c.type} '${c.name}'`);
    out.push({
      id: `capabilities.flag.${name}`,
      status: "info",
      title: `Flag '${name}' (default ${flag.default ? "on" : "off"})`,
      explanation:
        `${sentence(flag.description ?? "")}${gated.length ? ` Gates ${gated.join(", ")}.` : " Gates no MCP server or worker; the code reads it."}`.trim(),
      evidence: [ev(`flags.${name}`, "capability.yaml")],
    });
  }
  const deps = m.dependencies ?? {};
  if (deps.python?.length || deps.packages?.length || deps.scripts?.length) {
    out.push({
      id: "capabilities.dependencies",
      status: "info",
      title: "Installs dependencies",
      explanation: "What the runtime installs or runs before loading the capability.",
      evidence: [
        ...(deps.python ?? []).map((p) => ev(`python: ${p}`, "capability.yaml")),
        ...(deps.packages ?? []).map((p) => ev(`system package: ${p}`, "capability.yaml")),
        ...(deps.scripts ?? []).map((p) => ev(`runs script ${p}`, p)),
      ],
    });
  }
  for (const check of m.checks ?? []) {
    const risky = riskyCommand(check.command);
    out.push({
      id: `capabilities.check.${check.name}`,
      status: risky ? "fail" : "info",
      title: `Check '${check.name}' runs a command`,
      explanation: risky
        ? `Its command ${risky}.`
        : "A preflight command the runtime runs before enabling the capability.",
      evidence: [ev(check.command, "capability.yaml")],
    });
  }
  const unpinned = unpinnedSignal(v);
  if (unpinned) out.push(unpinned);
  const effects = v.analysis.effects;
  const risky = effects.filter((e) => e.kind === "risky_command");
  const process = effects.filter((e) => e.kind === "process");
  const network = effects.filter((e) => e.kind === "network");
  const toEv = (list: typeof effects) => list.map((e) => ev(e.detail, e.path, e.line || null));
  if (risky.length)
    out.push({
      id: "capabilities.code.risky_commands",
      status: "fail",
      title: `Code or scripts run risky commands (${risky.length})`,
      explanation:
        "Downloads piped into a shell and similar commands run whatever the remote end serves.",
      evidence: toEv(risky),
    });
  if (process.length)
    out.push({
      id: "capabilities.code.process",
      status: "info",
      title: `Code spawns processes (${plural(new Set(process.map((e) => e.path)).size, "file")})`,
      explanation:
        "Tools or workers that start processes can do anything the runtime's user can. When a description does not say so, “Does more than its description says” warns.",
      evidence: toEv(process),
    });
  if (network.length)
    out.push({
      id: "capabilities.code.network",
      status: "info",
      title: `Code opens network connections (${plural(new Set(network.map((e) => e.path)).size, "file")})`,
      explanation: "Tools, workers or scripts that reach the network may send data out.",
      evidence: toEv(network),
    });
  out.push(...ruleSignals(v, CAPABILITY_RULES));
  if (
    !out.some(
      (s) =>
        s.id.startsWith("capabilities.mcp.") ||
        s.id.startsWith("capabilities.worker.") ||
        s.id.startsWith("capabilities.code."),
    )
  ) {
    out.unshift({
      id: "capabilities.none",
      status: "pass",
      title: "No MCP servers, workers, processes or network code",
      explanation: "Prompts and tools only; the code read shows no process or network use.",
      evidence: [],
    });
  }
  return out;
}

/** Code fetched at run time without a version, digest or commit (unpinned.ts): one signal, one evidence per fetch. */
function unpinnedSignal(v: TrustVersion): TrustSignal | null {
  const list = v.analysis.unpinned_fetches ?? [];
  if (!list.length) return null;
  const piped = list.some((u) => u.severity === "fail");
  return {
    id: "capabilities.unpinned_fetch",
    status: piped ? "fail" : "warn",
    title: `Fetches code at run time without pinning it (${list.length})`,
    explanation:
      "What a runtime downloads when it starts, named without an exact version, digest or commit, can change after this version was approved: the code that runs is not the code that was reviewed." +
      (piped ? " A download piped into a shell runs whatever the server returns." : ""),
    evidence: list.map((u) =>
      ev(
        `${u.component}: ${u.command} (${u.target === u.command ? "" : `${u.target}: `}${u.reason}). Fix: ${u.fix}.`,
        u.path,
        u.line,
      ),
    ),
  };
}

function content(v: TrustVersion): TrustSignal[] {
  const a = v.analysis;
  const of = (kind: string) => a.findings.filter((f) => f.kind === kind);
  const toEv = (list: typeof a.findings) =>
    list.map((f) => ev(`${f.message}: ${f.excerpt}`, f.path, f.line));
  const more = (kind: keyof typeof a.finding_counts, shown: number) =>
    a.finding_counts[kind] > shown
      ? ` (${a.finding_counts[kind]} in all, the first ${shown} shown)`
      : "";
  const out: TrustSignal[] = [];
  const secrets = of("secret");
  if (!secrets.length)
    out.push({
      id: "content.secrets",
      status: "pass",
      title: "No secrets found",
      explanation: `Scanned ${plural(a.scanned_files, "text file")} for cloud keys, private keys, tokens and high-entropy assignments.`,
      evidence: [],
    });
  else {
    const examples = secrets.every((f) => /documentation example/i.test(f.message));
    out.push({
      id: "content.secrets",
      status: examples ? "warn" : "fail",
      title: `${examples ? "Example credentials" : "Possible secrets"} in ${plural(new Set(secrets.map((f) => f.path)).size, "file")}${more("secret", secrets.length)}`,
      explanation: examples
        ? "They look like documentation placeholders, but secret scanners will flag them; the values are not shown."
        : "A credential in a bundle is readable by everyone who can read the bundle; rotate it. The values are not shown.",
      evidence: toEv(secrets),
    });
  }
  const hidden = of("hidden_unicode");
  if (!hidden.length)
    out.push({
      id: "content.hidden_unicode",
      status: "pass",
      title: "No hidden Unicode",
      explanation:
        "No zero-width characters, bidirectional controls or tag characters in any text file.",
      evidence: [],
    });
  else {
    const severe = hidden.some((f) => f.rule === "bidi_control" || f.rule === "tag_character");
    out.push({
      id: "content.hidden_unicode",
      status: severe ? "fail" : "warn",
      title: `Hidden Unicode in ${plural(new Set(hidden.map((f) => f.path)).size, "file")}${more("hidden_unicode", hidden.length)}`,
      explanation: severe
        ? "Bidirectional controls or tag characters make text read differently from what a reviewer sees."
        : hidden.every((f) => f.rule === "homoglyph" || f.rule === "unusual_space")
          ? "Letters of another script that look like Latin ones, or unusual spaces in source code, make text read as something it is not."
          : "Invisible characters (zero-width, soft hyphens, control characters) are hidden from a reviewer but reach the model.",
      evidence: toEv(hidden),
    });
  }
  const prompts = v.components.filter((c) => c.type === "agent" || c.type === "skill");
  const unreadable = a.skipped_files.filter((f) => prompts.some((c) => c.path === f.path));
  if (unreadable.length) {
    out.push({
      id: "content.unscanned_prompts",
      status: "warn",
      title: `Agent or skill files that are not text (${unreadable.length})`,
      explanation:
        "They could not be scanned: not UTF-8 text, or they contain NUL bytes. A runtime may still read them as prompts.",
      evidence: unreadable.map((f) => ev(f.reason, f.path)),
    });
  }
  const poisoning = ruleSignals(v, MODEL_TEXT_RULES);
  const injection = of("injection");
  if (!injection.length)
    out.push({
      id: "content.injection",
      status: "pass",
      title: "No instruction-injection phrases",
      explanation: `Checked ${plural(prompts.length, "agent and skill file", "agent and skill files")} for phrases that try to override a model's instructions.`,
      evidence: [],
    });
  else
    out.push({
      id: "content.injection",
      status: "fail",
      title: `Instruction-injection phrases in ${plural(new Set(injection.map((f) => f.path)).size, "file")}${more("injection", injection.length)}`,
      explanation:
        "Agent or skill text that tells a model to ignore its instructions or hide things from the user.",
      evidence: toEv(injection),
    });
  if (!poisoning.length && a.rule_findings)
    out.push({
      id: "content.model_instructions",
      status: "pass",
      title: "No hidden instructions for the model",
      explanation:
        "Prompts, skills, tool docstrings and MCP tool descriptions were checked for text that tells the model to set its rules aside, hide things from the user, read credentials, send data out or change how other tools behave.",
      evidence: [],
    });
  out.push(...poisoning, ...ruleSignals(v, QUALITY_RULES));
  return out;
}

function changes(
  v: TrustVersion,
  previous: Pick<TrustVersion, "version" | "components" | "manifest"> | null,
): TrustSignal[] {
  if (!previous)
    return [
      {
        id: "changes.first",
        status: "info",
        title: "First version",
        explanation: "There is no earlier version to compare with.",
        evidence: [],
      },
    ];
  const now = surface(v);
  const before = surface(previous);
  const added = <T>(a: Set<T>, b: Set<T>) => [...a].filter((x) => !b.has(x));
  const out: TrustSignal[] = [];
  const servers = added(now.servers, before.servers);
  if (servers.length)
    out.push({
      id: "changes.mcp_servers",
      status: "warn",
      title: `New MCP servers since ${previous.version}: ${servers.join(", ")}`,
      explanation: "A new server is new code or a new remote the runtime will talk to.",
      evidence: servers.map((s) =>
        ev(s, v.components.find((c) => c.type === "mcp_server" && c.name === s)?.path ?? null),
      ),
    });
  const hosts = added(now.hosts, before.hosts);
  if (hosts.length)
    out.push({
      id: "changes.hosts",
      status: "warn",
      title: `New hosts since ${previous.version}: ${hosts.join(", ")}`,
      explanation: "Data may now flow to hosts the previous version did not contact.",
      evidence: hosts.map((h) => ev(h)),
    });
  const commands = added(now.commands, before.commands);
  if (commands.length)
    out.push({
      id: "changes.commands",
      status: "warn",
      title: `New commands since ${previous.version} (${commands.length})`,
      explanation: "Commands the runtime will start that the previous version did not.",
      evidence: commands.map((c) => ev(c, "capability.yaml")),
    });
  const removedFlags = added(before.flags, now.flags);
  if (removedFlags.length)
    out.push({
      id: "changes.flags_removed",
      status: "warn",
      title: `Flags removed since ${previous.version}: ${removedFlags.join(", ")}`,
      explanation: "Runtimes that override these flags lose the override on upgrade.",
      evidence: removedFlags.map((f) => ev(f, "capability.yaml")),
    });
  const newFlags = added(now.flags, before.flags);
  if (newFlags.length)
    out.push({
      id: "changes.flags_added",
      status: "info",
      title: `Flags added since ${previous.version}: ${newFlags.join(", ")}`,
      explanation: "New switches, at their defaults until a runtime overrides them.",
      evidence: newFlags.map((f) => ev(f, "capability.yaml")),
    });
  if (!out.some((s) => s.status === "warn"))
    out.unshift({
      id: "changes.none",
      status: "pass",
      title: `No new MCP servers, hosts or commands since ${previous.version}`,
      explanation: "and no flag was removed.",
      evidence: [],
    });
  return out;
}

interface RuleSignal {
  id: string;
  title: (files: string) => string;
  explanation: { warn: string; fail: string };
}

/** Signals built from the analysis's rule findings (poisoning.ts, behaviour.ts), in card order. */
const MODEL_TEXT_RULES: RuleSignal[] = [
  {
    id: "content.model_instructions",
    title: (f) => `Hidden instructions for the model in ${f}`,
    explanation: {
      fail: "Text the model reads (a prompt, a tool description, a hidden comment) tells it to set its rules aside or speaks to it behind the user's back. This is how tool poisoning works.",
      warn: "Text the model reads speaks to it in a way that deserves a look: it claims special privileges or hides a note from people reading the page.",
    },
  },
  {
    id: "content.credential_access",
    title: (f) => `Reaches for credentials in ${f}`,
    explanation: {
      fail: "Instructions or code that read passwords, keys or tokens (such as ~/.ssh/id_rsa or secret environment variables) where the tool has no need for them.",
      warn: "Mentions credential files or collects secrets; check that the tool really needs them.",
    },
  },
  {
    id: "content.concealment",
    title: (f) => `Tells the model to hide things from the user in ${f}`,
    explanation: {
      fail: "Honest tools have nothing to hide from the person using them; instructions to keep quiet usually cover for something else in the same text.",
      warn: "Text that asks the model to keep something from the user.",
    },
  },
  {
    id: "content.exfiltration",
    title: (f) => `May send data out in ${f}`,
    explanation: {
      fail: "Instructions or code that send files, conversations or secrets to an outside address, or tell the model to slip private data into its replies or a parameter.",
      warn: "A parameter named like a side channel (for example 'sidenote'): a poisoned description can tell the model to fill it with private data.",
    },
  },
  {
    id: "content.tool_shadowing",
    title: (f) => `Tries to change how other tools behave in ${f}`,
    explanation: {
      fail: "A tool's description that gives orders about another tool (“when the send_email tool is used, also…”) or redirects messages: one tool hijacking another.",
      warn: "Text that refers to another tool's behaviour.",
    },
  },
];
const QUALITY_RULES: RuleSignal[] = [
  {
    id: "content.skill_quality",
    title: (f) => `Skill quality problems in ${f}`,
    explanation: {
      fail: "",
      warn: "Not a security threat, but worth fixing: triggers so vague that the skill loads for almost anything, or a language forced on every user.",
    },
  },
];
const CAPABILITY_RULES: RuleSignal[] = [
  {
    id: "capabilities.undeclared_behaviour",
    title: (f) => `Does more than its description says (${f})`,
    explanation: {
      fail: "The code does something its own description says it does not do, such as a “local only” tool that calls a server or a “read-only” one that deletes files.",
      warn: "The code reaches the network, starts processes, touches files outside its folder or deletes files, and its description says nothing about it.",
    },
  },
  {
    id: "capabilities.permissions",
    title: (f) => `Asks for more permissions than it needs (${f})`,
    explanation: {
      fail: "",
      warn: "A skill that declares every permission, or shell or network access that neither its description nor its code uses. Grant it only what it needs.",
    },
  },
];

function ruleSignals(v: TrustVersion, rules: RuleSignal[]): TrustSignal[] {
  const found = v.analysis.rule_findings ?? [];
  const out: TrustSignal[] = [];
  for (const r of rules) {
    const list = found.filter((f) => f.signal === r.id);
    if (!list.length) continue;
    const status: TrustStatus = list.some((f) => f.status === "fail") ? "fail" : "warn";
    // Failures first, then by file and line.
    const sorted = [...list].sort(
      (a, b) =>
        (a.status === b.status ? 0 : a.status === "fail" ? -1 : 1) ||
        a.path.localeCompare(b.path) ||
        (a.line ?? 0) - (b.line ?? 0),
    );
    out.push({
      id: r.id,
      status,
      title: r.title(plural(new Set(list.map((f) => f.path)).size, "file")),
      explanation: r.explanation[status === "fail" ? "fail" : "warn"],
      evidence: sorted.map((f) => ev(f.detail, f.path, f.line)),
    });
  }
  return out;
}

const section = (id: TrustSectionId, title: string, signals: TrustSignal[]): TrustSection => ({
  id,
  title,
  status: worst(signals.map((s) => s.status)),
  signals,
});

export function buildTrustCard(
  v: TrustVersion,
  previous: Pick<TrustVersion, "version" | "components" | "manifest"> | null,
): TrustCard {
  const sections = [
    section("integrity", "Integrity", integrity(v)),
    section("provenance", "Provenance", provenance(v)),
    section("license", "License", license(v)),
    section("capabilities", "What it may do", capabilities(v)),
    section("content", "Content scans", content(v)),
    section(
      "changes",
      previous ? `Changes since ${previous.version}` : "Changes",
      changes(v, previous),
    ),
  ];
  const signals = sections.flatMap((s) => s.signals);
  const counts: Record<TrustStatus, number> = { pass: 0, warn: 0, fail: 0, info: 0 };
  for (const s of signals) counts[s.status]++;
  const mayDo = signals
    .filter(
      (s) =>
        s.id.startsWith("capabilities.") &&
        s.id !== "capabilities.none" &&
        s.id !== "capabilities.unpinned_fetch" &&
        !s.id.startsWith("capabilities.flag.") &&
        !CAPABILITY_RULES.some((r) => r.id === s.id),
    )
    .map((s) => s.title);
  return {
    name: v.name,
    version: v.version,
    status: worst(signals.map((s) => s.status)),
    counts,
    summary: {
      contains: v.componentCounts,
      origin: sections[1]!.signals[0]!.title,
      may_do: mayDo.length
        ? mayDo
        : ["Nothing beyond prompts and tools: no MCP servers, workers, processes or network code"],
      risks: riskSignals({ sections }).map((s) => s.title),
    },
    previous_version: previous?.version ?? null,
    sections,
  };
}
