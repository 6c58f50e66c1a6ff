// Before and after as the audit writers record them, and summary values as text.
import { describe, expect, it } from "vitest";
import { auditChanges, fieldLabel, formatValue } from "./changes";

describe("auditChanges", () => {
  it("reads each shape of change the writers record", () => {
    expect(
      auditChanges("member.role_change", { email: "a@x", from: "member", to: "admin" }),
    ).toEqual({
      changes: [{ field: "role", before: "member", after: "admin" }],
      details: [["email", "a@x"]],
    });
    expect(auditChanges("optimization.rename", { from: "run 1", to: "tone test" }).changes).toEqual(
      [{ field: "name", before: "run 1", after: "tone test" }],
    );
    expect(auditChanges("runtime.update", { name: "b", was: "a" }).changes).toEqual([
      { field: "name", before: "a", after: "b" },
    ]);
    expect(
      auditChanges("runtime.binding.update", { binding_id: "1", enabled: false, was: true })
        .changes,
    ).toEqual([{ field: "enabled", before: true, after: false }]);
    expect(
      auditChanges("capability.visibility", { name: "x", is_public: true, was_public: false }),
    ).toEqual({
      changes: [{ field: "public", before: false, after: true }],
      details: [["name", "x"]],
    });
    expect(
      auditChanges("agent.release.deploy", {
        version: "1.1.0",
        previous: { release_id: "r", version: "1.0.0" },
      }).changes,
    ).toEqual([{ field: "version", before: "1.0.0", after: "1.1.0" }]);
    expect(
      auditChanges("agent.release.deploy", { version: "1.0.0", previous: null }).changes,
    ).toEqual([{ field: "version", before: null, after: "1.0.0" }]);
    expect(auditChanges("optimization.stop", { reason: "enough", was: "running" })).toEqual({
      changes: [{ field: "status", before: "running", after: "stopped" }],
      details: [["reason", "enough"]],
    });
  });

  it("leaves events that change no value as details, and none for no summary", () => {
    expect(auditChanges("token.create", { name: "ci", expires_at: null })).toEqual({
      changes: [],
      details: [["name", "ci"]],
    });
    expect(auditChanges("runtime.heartbeat", { sync: "drift", was: null })).toEqual({
      changes: [],
      details: [["sync", "drift"]],
    });
    expect(auditChanges("org.create", null)).toEqual({ changes: [], details: [] });
  });
});

describe("formatValue", () => {
  it("says none, yes and no, dates in UTC, lists and objects inline, short digests", () => {
    expect(formatValue(null)).toBe("none");
    expect(formatValue(true)).toBe("yes");
    expect(formatValue([])).toBe("none");
    expect(formatValue(["read", "write"])).toBe("read, write");
    expect(formatValue({ depth: 2, mode: "fast" })).toBe("depth=2, mode=fast");
    expect(formatValue("2026-12-05T12:30:45.123Z")).toBe("2026-12-05 12:30 UTC");
    expect(formatValue("a".repeat(64))).toBe(`${"a".repeat(12)}…`);
    expect(formatValue(3)).toBe("3");
    expect(fieldLabel("is_public")).toBe("public");
    expect(fieldLabel("tokens_revoked")).toBe("tokens revoked");
  });
});
