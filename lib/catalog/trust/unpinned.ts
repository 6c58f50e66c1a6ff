// Unpinned runtime fetches: code a runtime downloads each time it starts a capability's MCP server,
// worker, check or dependency, named without an exact version, digest or commit (`npx pkg`,
// `pkg@latest`, `uvx` from `git+` without a ref, a Docker image by `latest` or no tag, `pip install`
// without `==`, `curl … | sh`). What such a command runs can change after the version was approved.
// Pure: command lines and manifest entries in, findings out; the content analysis adds file and line.
import { riskyCommand } from "./effects";
import { parseOptions, shellWords, simpleCommands, stripPrefix } from "./shell-words";

export type UnpinnedKind = "npm" | "python" | "container" | "download_to_shell";

/** One unpinned fetch in one command or requirement. */
export interface UnpinnedFinding {
  kind: UnpinnedKind;
  /** What is fetched, as written: a package spec, an image, a URL or the downloading command. */
  target: string;
  /** Why it is unpinned, in words. */
  reason: string;
  /** How to pin it. */
  fix: string;
  /** fail for a download piped into a shell, warn for the rest. */
  severity: "warn" | "fail";
}

/** A finding where it was found: the component (or dependency), the file and line, the command. */
export interface UnpinnedFetch extends UnpinnedFinding {
  /** For people: "MCP server 'github'", "worker 'sync'", "check 'ping'", "Python dependency", "script scripts/setup.sh". */
  component: string;
  path: string | null;
  line: number | null;
  /** The command line or requirement as written (secrets redacted by the caller). */
  command: string;
}

const EXACT_SEMVER = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const SHA = /^[0-9a-f]{7,64}$/i;
const base = (cmd: string) => cmd.split("/").pop() ?? cmd;

// npm-style runners: npx, npm exec, bunx, pnpm dlx, yarn dlx.

/** Why an npm package spec is not pinned to an exact version, or null when it is (or is not fetched). */
function npmSpecProblem(spec: string): string | null {
  if (/^(\.{0,2}\/|~\/|file:|link:|workspace:)/.test(spec)) return null;
  if (
    /^(git\+|git:|github:|gitlab:|bitbucket:)/.test(spec) ||
    /^[\w.-]+\/[\w.-]+(#.*)?$/.test(spec)
  ) {
    const ref = spec.split("#")[1];
    return ref && (SHA.test(ref) || EXACT_SEMVER.test(ref.replace(/^semver:/, "")))
      ? null
      : "a Git repository without a commit or tag";
  }
  if (/^https?:\/\//.test(spec)) return null;
  const at = spec.lastIndexOf("@");
  const version = at > 0 ? spec.slice(at + 1) : "";
  if (!version) return "no version: npm fetches whatever is latest when it starts";
  if (EXACT_SEMVER.test(version)) return null;
  if (version === "latest" || /^[a-z][\w-]*$/i.test(version))
    return `the dist-tag '${version}' moves with every release`;
  return `the range '${version}' resolves to a different release over time`;
}

const npmName = (spec: string) => {
  const at = spec.lastIndexOf("@");
  return at > 0 ? spec.slice(0, at) : spec;
};

function npmFinding(spec: string): UnpinnedFinding | null {
  const problem = npmSpecProblem(spec);
  if (!problem) return null;
  const git = problem.startsWith("a Git");
  return {
    kind: "npm",
    target: spec,
    reason: problem,
    fix: git
      ? `add the commit: ${spec.split("#")[0]}#<commit sha>`
      : `name an exact version: ${npmName(spec)}@<x.y.z>`,
    severity: "warn",
  };
}

const NPX_VALUE = new Set([
  "-p",
  "--package",
  "-c",
  "--call",
  "-w",
  "--workspace",
  "--registry",
  "--cache",
  "--userconfig",
]);

function npmRunner(args: string[]): UnpinnedFinding[] {
  const { positional, values } = parseOptions(args, (o) => NPX_VALUE.has(o));
  const packages = values("-p", "--package");
  // With --package, the first word is a command of that package; without, it is the package.
  const specs = packages.length ? packages : positional.slice(0, 1);
  if (values("-c", "--call").length && !packages.length) return [];
  return specs.map(npmFinding).filter((f): f is UnpinnedFinding => f !== null);
}

// Python: PEP 508 requirements, uvx / uv tool run, pipx run, pip install.

/** Why a pip requirement is not pinned, or null when it is exact (`==`, `===`, a Git commit or tag) or local. */
function requirementProblem(req: string): string | null {
  const r = req.split(";")[0]!.trim();
  if (!r || r.startsWith("-") || /^(\.{0,2}\/|file:)/.test(r)) return null;
  const direct =
    /^(?:[A-Za-z0-9][\w.-]*(?:\[[^\]]*\])?\s*@\s*)?((?:git\+|hg\+|svn\+|bzr\+)\S+|https?:\/\/\S+)$/.exec(
      r,
    );
  if (direct) {
    const url = direct[1]!;
    if (!/^(git|hg|svn|bzr)\+/.test(url))
      return /#sha256=[0-9a-f]{64}/i.test(url) ? null : "an archive URL without a sha256 hash";
    const ref = vcsRef(url);
    return ref ? null : "a Git repository without a commit or tag (@<sha or tag>)";
  }
  const spec = /^[A-Za-z0-9][\w.-]*(?:\[[^\]]*\])?\s*(.*)$/.exec(r)?.[1]?.trim() ?? "";
  if (!spec) return "no version: pip installs whatever is latest";
  if (/^===?\s*[^,*\s]+$/.test(spec)) return null;
  if (/^@\s*\S+$/.test(spec)) {
    const v = spec.slice(1).trim();
    return EXACT_SEMVER.test(v) || /^\d+(\.\d+)*$/.test(v)
      ? null
      : `the tag '${v}' moves with every release`;
  }
  return `the range '${spec}' resolves to a different release over time`;
}

/** The ref of a VCS URL (`git+https://host/org/repo@v1.2#egg=x` → v1.2), or null. */
function vcsRef(url: string): string | null {
  const rest = url.replace(/^[a-z]+\+[a-z]+:\/\//i, "").split("#")[0]!;
  const slash = rest.indexOf("/");
  const path = slash < 0 ? "" : rest.slice(slash + 1);
  const at = path.lastIndexOf("@");
  return at >= 0 && path.slice(at + 1) ? path.slice(at + 1) : null;
}

const reqName = (req: string) => /^[A-Za-z0-9][\w.-]*(?:\[[^\]]*\])?/.exec(req)?.[0] ?? req;

function pythonFinding(req: string, tool: "pip" | "uvx" | "pipx"): UnpinnedFinding | null {
  // uvx and pipx take `pkg@version` as well as `pkg==version`.
  const problem = requirementProblem(req);
  if (!problem) return null;
  const vcs = problem.includes("Git repository");
  const archive = problem.includes("archive URL");
  return {
    kind: "python",
    target: req,
    reason: problem,
    fix: vcs
      ? `add a commit or tag: ${req.replace(/#.*$/, "").replace(/@[^/@]*$/, "")}@<commit sha>`
      : archive
        ? "add the archive's hash: #sha256=<hash>"
        : tool === "pip"
          ? `pin it exactly: ${reqName(req)}==<version>`
          : `pin it exactly: ${reqName(req)}==<version> (or ${reqName(req)}@<version>)`,
    severity: "warn",
  };
}

const UVX_VALUE = new Set([
  "--from",
  "--with",
  "-w",
  "--with-editable",
  "--with-requirements",
  "--python",
  "-p",
  "--index",
  "--index-url",
  "-i",
  "--extra-index-url",
  "--default-index",
  "--find-links",
  "-f",
  "--directory",
  "--project",
  "--config-file",
  "--cache-dir",
  "--color",
  "--resolution",
  "--prerelease",
  "--exclude-newer",
  "--env-file",
  "--python-preference",
  "--index-strategy",
]);

function uvxRunner(args: string[]): UnpinnedFinding[] {
  const { positional, values } = parseOptions(args, (o) => UVX_VALUE.has(o));
  const from = values("--from");
  const specs = [...(from.length ? from : positional.slice(0, 1)), ...values("--with", "-w")];
  return specs.map((s) => pythonFinding(s, "uvx")).filter((f): f is UnpinnedFinding => f !== null);
}

const PIPX_VALUE = new Set([
  "--spec",
  "--python",
  "--pip-args",
  "--index-url",
  "-i",
  "--fetch-python",
]);

function pipxRunner(args: string[]): UnpinnedFinding[] {
  const { positional, values } = parseOptions(args, (o) => PIPX_VALUE.has(o));
  const spec = values("--spec");
  const specs = spec.length ? spec : positional.slice(0, 1);
  return specs.map((s) => pythonFinding(s, "pipx")).filter((f): f is UnpinnedFinding => f !== null);
}

const PIP_VALUE = new Set([
  "-r",
  "--requirement",
  "-c",
  "--constraint",
  "-i",
  "--index-url",
  "--extra-index-url",
  "-f",
  "--find-links",
  "-t",
  "--target",
  "--prefix",
  "--root",
  "--platform",
  "--python-version",
  "--implementation",
  "--abi",
  "--src",
  "--upgrade-strategy",
  "--progress-bar",
  "--python",
  "--trusted-host",
  "--cache-dir",
  "--log",
  "--timeout",
  "--retries",
  "--only-binary",
  "--no-binary",
  "-e",
  "--editable",
]);

function pipInstall(args: string[]): UnpinnedFinding[] {
  const { positional } = parseOptions(args, (o) => PIP_VALUE.has(o));
  return positional
    .map((s) => pythonFinding(s, "pip"))
    .filter((f): f is UnpinnedFinding => f !== null);
}

// Containers: docker/podman/nerdctl run, create, pull; and image fields.

/** Why a container image reference is unpinned, or null for a digest or an explicit tag other than latest. */
function imageProblem(image: string): string | null {
  const ref = image.replace(/^docker:\/\//, "");
  if (/@sha256:[0-9a-f]{64}$/i.test(ref)) return null;
  const last = ref.split("/").pop() ?? ref;
  const colon = last.indexOf(":");
  if (colon < 0) return "no tag or digest: the registry serves whatever 'latest' is when it starts";
  const tag = last.slice(colon + 1);
  if (tag === "latest") return "the tag 'latest' moves with every push";
  if (/^\$\{?\w+\}?$/.test(tag)) return `the tag is the variable '${tag}', chosen at run time`;
  return null;
}

function imageFinding(image: string): UnpinnedFinding | null {
  const problem = imageProblem(image);
  if (!problem) return null;
  const name = image.replace(/@.*$/, "").replace(/:[^:/]*$/, "");
  return {
    kind: "container",
    target: image,
    reason: problem,
    fix: `pin the digest: ${name}@sha256:<digest> (a version tag such as ${name}:<x.y.z> is better than none)`,
    severity: "warn",
  };
}

const DOCKER_FLAGS = new Set([
  "-i",
  "-t",
  "-d",
  "-it",
  "-ti",
  "-itd",
  "-dit",
  "-P",
  "--rm",
  "--init",
  "--privileged",
  "--read-only",
  "--interactive",
  "--tty",
  "--detach",
  "--no-healthcheck",
  "--oom-kill-disable",
  "-q",
  "--quiet",
  "-a",
  "--all-tags",
  "--disable-content-trust",
  "--help",
]);

function containerRunner(args: string[]): UnpinnedFinding[] {
  // docker [global options] run|create|pull|container run [options] IMAGE [command]
  let i = 0;
  while (i < args.length && args[i]!.startsWith("-"))
    i += args[i]!.includes("=") || args[i] === "--debug" ? 1 : 2;
  let sub = args[i];
  if (sub === "container" || sub === "image") sub = args[++i];
  if (!sub || !["run", "create", "pull"].includes(sub)) return [];
  const { positional } = parseOptions(args.slice(i + 1), (o) => !DOCKER_FLAGS.has(o));
  const image = positional[0];
  const f = image ? imageFinding(image) : null;
  return f ? [f] : [];
}

const SHELLS = new Set(["sh", "bash", "zsh", "dash", "ksh", "ash"]);
const PY = /^python(\d(\.\d+)?)?$/;

/** The unpinned fetches of one command given as argv (an MCP server's or worker's command and args). */
export function unpinnedInArgv(argv: string[]): UnpinnedFinding[] {
  const words = stripPrefix(argv);
  const cmd = base(words[0] ?? "");
  const args = words.slice(1);
  if (SHELLS.has(cmd)) {
    const c = args.findIndex((a) => /^-[a-z]*c$/.test(a));
    return c >= 0 && args[c + 1] !== undefined ? unpinnedInShell(args[c + 1]!) : [];
  }
  if (cmd === "npx" || cmd === "bunx") return npmRunner(args);
  if (
    (cmd === "npm" && (args[0] === "exec" || args[0] === "x")) ||
    ((cmd === "pnpm" || cmd === "yarn") && args[0] === "dlx")
  )
    return npmRunner(args.slice(1));
  if (cmd === "pnpm" && args[0] === "exec") return [];
  if (cmd === "uvx") return uvxRunner(args);
  if (cmd === "uv" && args[0] === "tool" && args[1] === "run") return uvxRunner(args.slice(2));
  if (cmd === "uv" && args[0] === "pip" && args[1] === "install") return pipInstall(args.slice(2));
  if (cmd === "pipx" && args[0] === "run") return pipxRunner(args.slice(1));
  if (/^pip(\d(\.\d+)?)?$/.test(cmd) && args[0] === "install") return pipInstall(args.slice(1));
  if (PY.test(cmd)) {
    const m = args.indexOf("-m");
    if (m >= 0 && args[m + 1] === "pip" && args[m + 2] === "install")
      return pipInstall(args.slice(m + 3));
    return [];
  }
  if (["docker", "podman", "nerdctl"].includes(cmd)) return containerRunner(args);
  return [];
}

/** The unpinned fetches of a shell command line: each simple command, and any download piped into a shell. */
export function unpinnedInShell(line: string): UnpinnedFinding[] {
  const risky = riskyCommand(line);
  const out: UnpinnedFinding[] = [];
  if (risky && /download|downloaded/.test(risky))
    out.push({
      kind: "download_to_shell",
      target: line.trim(),
      reason: `${risky}: it runs whatever the server returns at that moment, with no version or checksum`,
      fix: "download a versioned file, check its sha256 (sha256sum -c), then run it; or install a pinned package",
      severity: "fail",
    });
  for (const argv of simpleCommands(shellWords(line))) out.push(...unpinnedInArgv(argv));
  return out;
}

/** The unpinned finding of a `dependencies.python` entry, or null. */
export function unpinnedRequirement(req: string): UnpinnedFinding | null {
  return pythonFinding(req.trim(), "pip");
}

/**
 * A `dependencies.packages` entry: a plain name is a system package the distribution's signed
 * repositories serve (not flagged); an entry with spaces is a command; a `docker://` one an image.
 */
export function unpinnedPackage(entry: string): UnpinnedFinding[] {
  const e = entry.trim();
  if (/\s/.test(e)) return unpinnedInShell(e);
  if (e.startsWith("docker://")) {
    const f = imageFinding(e);
    return f ? [f] : [];
  }
  return [];
}
