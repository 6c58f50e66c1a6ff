// The secrets of an agent's MCP clients (`mcpClients[].authentication`). Stored sealed: the whole
// authentication object encrypted (AES-256-GCM under QUIVER_SECRET_KEY, lib/crypto/secrets.ts)
// beside the redacted view that every response shows, so reads never decrypt. The secret fields
// (`accessToken`, `refreshToken`, `clientSecret`) are redacted to their last 4 characters; the others (issuedAt,
// expiresIn, scope, tokenType, clientId) are not secrets and are shown as sent.
//
// A client that reads a draft and sends it back unchanged sends the redacted values: a value that
// starts with "••••" and equals the redaction of the stored secret of the client with the same
// name means "keep the stored secret". One that matches nothing is refused (422), so a redaction
// is never stored as if it were the secret. A stored secret only ever stays with the origin
// (scheme, host, port) it was sent for: a client whose URL now points elsewhere must send the
// secret again, as the model provider's key must (lib/llm/providers.ts), else anyone who may edit
// the draft could point the stored token at a server of their own and read it there.
import { ApiError, type ValidationErrorItem } from "@/lib/api/errors";
import { decryptSecret, encryptSecret, redactSecret } from "@/lib/crypto/secrets";
import {
  locIn,
  stableJson,
  type McpClientInput,
  type StoredAuthentication,
  type StoredMcpClient,
  type Style,
} from "./config";

const SECRET_FIELDS = ["accessToken", "refreshToken", "clientSecret"] as const;
const REDACTED = "••••";

const looksRedacted = (v: unknown): v is string => typeof v === "string" && v.startsWith(REDACTED);

function redactAuthentication(plain: Record<string, unknown>): Record<string, unknown> {
  const out = { ...plain };
  for (const f of SECRET_FIELDS) if (typeof out[f] === "string") out[f] = redactSecret(out[f]);
  return out;
}

function sealAuthentication(plain: Record<string, unknown>): StoredAuthentication {
  return {
    ciphertext: encryptSecret(JSON.stringify(plain)),
    redacted: redactAuthentication(plain),
  };
}

/** The plain authentication, or null when it cannot be decrypted (QUIVER_SECRET_KEY changed). */
function open(
  stored: StoredAuthentication,
  cache: Map<string, Record<string, unknown> | null>,
): Record<string, unknown> | null {
  if (!cache.has(stored.ciphertext)) {
    let plain: Record<string, unknown> | null = null;
    try {
      plain = JSON.parse(decryptSecret(stored.ciphertext)) as Record<string, unknown>;
    } catch {
      plain = null;
    }
    cache.set(stored.ciphertext, plain);
  }
  return cache.get(stored.ciphertext)!;
}

/** The URL's origin (scheme://host:port, default port left out); the text itself when it is not a URL. */
function originOf(url: string | undefined): string {
  // A connector MCP client has no URL (its connector holds the connection): no origin a secret could go to.
  if (url === undefined) return "";
  try {
    const u = new URL(url);
    // Not `u.origin`: that is "null" for schemes other than http(s), ws(s) and ftp, whatever the host.
    return `${u.protocol}//${u.host}`;
  } catch {
    return url;
  }
}

/**
 * Incoming clients in stored form. Redacted secrets are resolved against `known` (the stored
 * clients they may come from: the draft's, then the release it was drafted from); an
 * authentication equal to a stored one keeps that one's ciphertext, so an unchanged round trip
 * leaves the draft unchanged.
 */
export function sealClients(
  incoming: McpClientInput[],
  known: StoredMcpClient[][],
  style: Style,
): StoredMcpClient[] {
  const cache = new Map<string, Record<string, unknown> | null>();
  const errors: ValidationErrorItem[] = [];
  const sealed = incoming.map((client, i): StoredMcpClient => {
    const { authentication, ...rest } = client;
    if (authentication === undefined) return rest;
    if (authentication === null) return { ...rest, authentication: null };
    const named = known.flatMap((list) =>
      list.filter((c) => c.name === client.name && c.authentication),
    );
    const origin = originOf(client.url);
    const candidates = named
      .filter((c) => originOf(c.url) === origin)
      .map((c) => c.authentication!);
    const plain = { ...authentication };
    const matching = (stored: StoredAuthentication[], f: string, sent: string) =>
      stored
        .map((c) => open(c, cache))
        .find((p) => typeof p?.[f] === "string" && redactSecret(p[f] as string) === sent);
    for (const f of SECRET_FIELDS) {
      const sent = plain[f];
      if (!looksRedacted(sent)) continue;
      const match = matching(candidates, f, sent);
      if (match) {
        plain[f] = match[f];
        continue;
      }
      const elsewhere = named.find(
        (c) => originOf(c.url) !== origin && matching([c.authentication!], f, sent),
      );
      errors.push({
        loc: locIn(style, ["body", "mcpClients", i, "authentication", f]),
        msg: elsewhere
          ? `the stored secret of the MCP client '${client.name}' was saved for ${originOf(elsewhere.url)}; its URL now points to ${origin}: send the secret again`
          : `a redacted value that matches no stored secret of the MCP client '${client.name}': send the secret itself`,
        type: "redacted_secret",
      });
    }
    const same = candidates.find((c) => {
      const p = open(c, cache);
      return p !== null && stableJson(p) === stableJson(plain);
    });
    return { ...rest, authentication: same ?? sealAuthentication(plain) };
  });
  if (errors.length) {
    throw new ApiError(
      "validation",
      "A redacted MCP client secret was sent that matches no secret stored for that client's host: send the secret itself",
      { errors },
    );
  }
  return sealed;
}

/** Whether two lists of stored clients are the same configuration, secrets compared in plain. */
export function sameClients(a: StoredMcpClient[], b: StoredMcpClient[]): boolean {
  if (a.length !== b.length) return false;
  const cache = new Map<string, Record<string, unknown> | null>();
  return a.every((x, i) => {
    const y = b[i]!;
    const { authentication: ax, ...restX } = x;
    const { authentication: ay, ...restY } = y;
    if (stableJson(restX) !== stableJson(restY)) return false;
    if (!ax || !ay) return (ax ?? null) === (ay ?? null);
    if (ax.ciphertext === ay.ciphertext) return true;
    const px = open(ax, cache);
    const py = open(ay, cache);
    return px !== null && py !== null && stableJson(px) === stableJson(py);
  });
}

/** The clients as responses show them: authentication redacted. */
export function publicClients(stored: StoredMcpClient[]): McpClientInput[] {
  return stored.map(({ authentication, ...rest }) =>
    authentication === undefined
      ? rest
      : { ...rest, authentication: authentication ? authentication.redacted : null },
  );
}
