// Password hashing: stored bcrypt hashes keep verifying, nothing past bcrypt's 72 bytes is cut
// silently, hashing leaves the event loop free, and no more than the cap run at once.
import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { resetEnvCache } from "@/lib/env";
import { DUMMY_HASH, hashPassword, hashQueueSize, verifyPassword } from "./password";
import { PASSWORD_MAX_BYTES, passwordBytes, passwordProblem } from "./password-rules";

afterEach(() => resetEnvCache());

describe("hashes stored before the native binding", () => {
  it("verifies $2a$ and $2b$ hashes (the published OpenBSD test vector, and the dummy hash's format)", async () => {
    expect(
      await verifyPassword("U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"),
    ).toBe(true);
    expect(
      await verifyPassword("U*U", "$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"),
    ).toBe(true);
    expect(
      await verifyPassword("U*V", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"),
    ).toBe(false);
    expect(DUMMY_HASH).toMatch(/^\$2b\$10\$/);
  });

  it("answers false (not an error) for a stored value that is not a bcrypt hash", async () => {
    expect(await verifyPassword("anything", "not-a-hash")).toBe(false);
  });

  it("hashes new passwords as $2b$ at cost 10, verified by the same function", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$2b\$10\$/);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterx", hash)).toBe(false);
  });
});

describe("bcrypt's 72-byte limit", () => {
  const base = "p".repeat(PASSWORD_MAX_BYTES); // exactly 72 bytes

  it("refuses a new password past 72 bytes with a 422 naming the limit and the length in bytes", async () => {
    const err = await hashPassword(`${base}x`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(422);
    expect((err as ApiError).errors?.[0]).toMatchObject({ loc: ["body", "password"] });
    expect((err as ApiError).errors?.[0]?.msg).toMatch(/at most 72 bytes.*73 bytes/);
  });

  it("counts bytes, not characters: 36 × 'é' is 72 bytes (accepted), 37 is 74 (refused)", async () => {
    expect(passwordBytes("é".repeat(36))).toBe(72);
    expect(passwordProblem("é".repeat(36))).toBeNull();
    expect(passwordProblem("é".repeat(37))).toMatch(/74 bytes/);
    expect(passwordProblem("🔑".repeat(19))).toMatch(/76 bytes/);
  });

  it("never signs in with a password that differs from the stored one only after byte 72", async () => {
    const hash = await hashPassword(base);
    expect(await verifyPassword(base, hash)).toBe(true);
    // bcrypt alone would say true to both: it never reads past byte 72.
    expect(await verifyPassword(`${base}x`, hash)).toBe(false);
    expect(await verifyPassword(`${base}${"y".repeat(50)}`, hash)).toBe(false);
  });
});

describe("hashing off the event loop, with a cap", () => {
  it("lets timers run while hashes are computed", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 4 }, () => verifyPassword("wrong password", DUMMY_HASH)),
    );
    const elapsed = performance.now() - started;
    clearInterval(timer);
    // bcrypt on the main thread (bcryptjs) let no timer run for the whole compare; on libuv's
    // pool the loop stays free and ticks all along.
    expect(elapsed).toBeGreaterThan(20);
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(elapsed / 20));
  });

  it("runs at most QUIVER_PASSWORD_HASH_CONCURRENCY at once; the rest wait and all complete", async () => {
    let maxActive = 0;
    const timer = setInterval(() => {
      maxActive = Math.max(maxActive, hashQueueSize().active);
    }, 1);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => verifyPassword(`guess ${i}`, DUMMY_HASH)),
    );
    clearInterval(timer);
    expect(results.every((r) => r === false)).toBe(true);
    expect(maxActive).toBeGreaterThanOrEqual(1);
    expect(maxActive).toBeLessThanOrEqual(2); // the default cap
    expect(hashQueueSize()).toEqual({ active: 0, pending: 0 });
  });
});
