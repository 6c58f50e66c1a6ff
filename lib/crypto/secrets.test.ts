// Secrets at rest: a round trip, a fresh IV each time, tampering and a changed key detected (never
// garbage returned), and the redaction that responses show.
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import {
  decryptSecret,
  encryptSecret,
  redactSecret,
  resetSecretKeyCache,
  SecretDecryptionError,
} from "./secrets";

const original = process.env.QUIVER_SECRET_KEY;
function useKey(key: string | undefined) {
  if (key === undefined) delete process.env.QUIVER_SECRET_KEY;
  else process.env.QUIVER_SECRET_KEY = key;
  resetEnvCache();
  resetSecretKeyCache();
}
afterEach(() => useKey(original));

describe("secrets at rest", () => {
  it("decrypts what it encrypted, with a fresh IV every time, never storing the plain text", () => {
    useKey("a-test-secret-key-0123456789");
    const a = encryptSecret("sk-live-abcdef123456");
    const b = encryptSecret("sk-live-abcdef123456");
    expect(a).toMatch(/^v1:/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("sk-live");
    expect(decryptSecret(a)).toBe("sk-live-abcdef123456");
    expect(decryptSecret(encryptSecret(""))).toBe("");
    expect(decryptSecret(encryptSecret("ünïcødé ✓"))).toBe("ünïcødé ✓");
  });

  it("refuses a tampered or foreign ciphertext, and one made under another key", () => {
    useKey("a-test-secret-key-0123456789");
    const stored = encryptSecret("token-1234");
    const raw = Buffer.from(stored.slice(3), "base64url");
    raw[raw.length - 1]! ^= 1;
    expect(() => decryptSecret("v1:" + raw.toString("base64url"))).toThrow(SecretDecryptionError);
    expect(() => decryptSecret("token-1234")).toThrow(SecretDecryptionError);
    expect(() => decryptSecret("v1:short")).toThrow(SecretDecryptionError);
    useKey("another-test-secret-key-98765");
    expect(() => decryptSecret(stored)).toThrow(/QUIVER_SECRET_KEY differs/);
  });

  it("shows only the last 4 characters", () => {
    expect(redactSecret("sk-live-abcdef123456")).toBe("••••3456");
    expect(redactSecret("abcd")).toBe("••••");
    expect(redactSecret("")).toBe("••••");
  });
});
