// Secrets that a tool's syntax gives away rather than their shape: the password of `curl -u
// user:password`, the base64 values of a Kubernetes `kind: Secret` manifest, and a NuGet feed's
// ClearTextPassword. Each is found from a literal (curl, kind, <add key=) with bounded expressions
// (linear, see scan.ts).
import { DEFAULT_PASSWORDS, isPlaceholder, shannon } from "./scan-secret-rules";
import type { SecretHit } from "./scan-shared";

export function findConfigSecrets(text: string): SecretHit[] {
  const out: SecretHit[] = [];
  if (text.includes("curl")) findCurlUser(text, out);
  findKubernetesSecretData(text, out);
  if (text.includes("<add")) findNugetPasswords(text, out);
  return out;
}

const hit = (rule: string, message: string, start: number, end: number): SecretHit => ({
  kind: "secret",
  rule,
  message,
  at: start,
  start,
  end,
});

/** `-u user:password` or `--user user:password`, quoted or not, within one curl command. */
const CURL_USER =
  /-(?:u|-user)(?:[ \t]{1,8}|=)(['"]?)([^\s'"]{0,128}):([^\s'"]{1,128})\1(?=\s|$|[;|&)])/g;
/** How far back (characters) a `curl` must be for the option to be its. */
const CURL_REACH = 2000;

function findCurlUser(text: string, out: SecretHit[]): void {
  for (const m of text.matchAll(CURL_USER)) {
    if (m.index > 0 && !/[\s'"`;|&(]/.test(text[m.index - 1]!)) continue; // "-u" starts an option
    const curl = text.lastIndexOf("curl", m.index);
    if (curl < 0 || m.index - curl > CURL_REACH) continue;
    const user = m[2]!;
    const password = m[3]!;
    if (!looksLikePassword(password) || password === user || /^[$%{<[(]/.test(user)) continue;
    const end = m.index + m[0].length - m[1]!.length;
    out.push(hit("curl_user_password", "Password in a curl -u option", end - password.length, end));
  }
}

/** A literal password: not a variable, template, placeholder or a word everyone uses in examples. */
export function looksLikePassword(value: string): boolean {
  return (
    value.length >= 4 &&
    !/^[$%{<[(*]|\$\{|\$\(|\{\{/.test(value) &&
    !isPlaceholder(value) &&
    !DEFAULT_PASSWORDS.has(value.toLowerCase()) &&
    !/^(?:token|api[_-]?key|pass(?:word)?\d*|secret\d*|your.*)$/i.test(value)
  );
}

const KIND_SECRET = /kind:[ \t]{0,8}(["']?)secret\1[ \t]*$/gim;
const DATA_VALUE =
  /^([ \t]{1,64})([A-Za-z0-9._-]{1,253}):[ \t]{0,8}(["']?)([A-Za-z0-9+/]{12,8192}={0,2})\3[ \t]*$/gm;
const K8S_META = new Set(["name", "namespace", "kind", "apiversion", "type", "uid"]);

/** In a `kind: Secret` manifest, the base64 values of its keys (the data of the Secret). */
function findKubernetesSecretData(text: string, out: SecretHit[]): void {
  const isSecretKind = [...text.matchAll(KIND_SECRET)].some((m) => {
    const lineStart = text.lastIndexOf("\n", m.index) + 1;
    return /^[ \t]*$/.test(text.slice(lineStart, m.index));
  });
  if (!isSecretKind) return;
  for (const m of text.matchAll(DATA_VALUE)) {
    const key = m[2]!;
    const value = m[4]!;
    if (K8S_META.has(key.toLowerCase()) || /^[0-9]+$/.test(value)) continue;
    if (
      value.length % 4 !== 0 ||
      shannon(value) < 3 ||
      !/[A-Z]/.test(value) ||
      !/[a-z]/.test(value)
    )
      continue;
    const end = m.index + m[0].lastIndexOf(value) + value.length;
    out.push(
      hit(
        "kubernetes_secret_data",
        `Kubernetes Secret value (base64, not encrypted) of ${key.slice(0, 60)}`,
        end - value.length,
        end,
      ),
    );
  }
}

const NUGET_PASSWORD =
  /<add[ \t]{1,8}key=(["'])(?:ClearText)?Password\1[ \t]{1,8}value=(["'])([^"'<>\n]{1,256})\2/gi;

/** `<add key="ClearTextPassword" value="…" />` in a nuget.config: a feed password in clear text. */
function findNugetPasswords(text: string, out: SecretHit[]): void {
  for (const m of text.matchAll(NUGET_PASSWORD)) {
    const value = m[3]!;
    if (!looksLikePassword(value) || value.length < 6 || /^%.*%$/.test(value)) continue;
    const end = m.index + m[0].length - 1;
    out.push(hit("nuget_password", "NuGet feed password in clear text", end - value.length, end));
  }
}
