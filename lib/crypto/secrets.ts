// Secrets at rest (model provider API keys, agents' MCP client credentials): AES-256-GCM under a
// key derived from QUIVER_SECRET_KEY. When that is unset, a key is generated on first use and kept
// in the data directory (like the session secret), so every instance sharing the directory agrees.
// Ciphertext format: "v1:" + base64url(iv 12 bytes | tag 16 bytes | ciphertext).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { dataDirSecret, env } from "@/lib/env";

let cachedKey: { source: string; key: Buffer } | undefined;

function secretMaterial(): string {
  return env().QUIVER_SECRET_KEY ?? dataDirSecret(".secret-key");
}

function key(): Buffer {
  const material = secretMaterial();
  if (cachedKey?.source === material) return cachedKey.key;
  const k = createHash("sha256").update("quiver-secrets-v1\u0000").update(material).digest();
  cachedKey = { source: material, key: k };
  return k;
}

export class SecretDecryptionError extends Error {
  constructor() {
    super(
      "A stored secret cannot be decrypted: QUIVER_SECRET_KEY differs from the key it was encrypted with",
    );
    this.name = "SecretDecryptionError";
  }
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return "v1:" + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

export function decryptSecret(stored: string): string {
  if (!stored.startsWith("v1:")) throw new SecretDecryptionError();
  const raw = Buffer.from(stored.slice(3), "base64url");
  if (raw.length < 28) throw new SecretDecryptionError();
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptionError();
  }
}

/** What a response may show of a secret: its last 4 characters, the rest masked. */
export function redactSecret(plain: string): string {
  if (plain.length <= 4) return "••••";
  return "••••" + plain.slice(-4);
}

/** For tests that change QUIVER_SECRET_KEY. */
export function resetSecretKeyCache(): void {
  cachedKey = undefined;
}
