// The words of a binding change: before, once applied, undone, and the change Undo sends.
import { describe, expect, it } from "vitest";
import { appliedWords, componentWords, describeChange, inverseOf } from "./change-words";
import type { BindingView } from "./hooks";

const binding = {
  capability_name: "pdf-tools",
  enabled: true,
  flags: { "auto-contain": false },
} as unknown as BindingView;

describe("change words", () => {
  it("says what a toggle does and undoes it back to the state before", () => {
    expect(describeChange(binding, { enabled: false })).toBe("disable pdf-tools");
    expect(appliedWords(binding, { enabled: false })).toBe(
      "Disabled pdf-tools: the runtime no longer loads it from its next sync.",
    );
    expect(inverseOf(binding, { enabled: false })).toEqual({ enabled: true });
    expect(appliedWords(binding, { enabled: true }, true)).toMatch(/^Undone: Enabled pdf-tools/);
  });

  it("undoes a flag override to the override before, or to none", () => {
    expect(appliedWords(binding, { flags: { "auto-contain": true } })).toBe(
      "Turned auto-contain on for pdf-tools.",
    );
    expect(inverseOf(binding, { flags: { "auto-contain": true } })).toEqual({
      flags: { "auto-contain": false },
    });
    expect(inverseOf(binding, { flags: { "auto-tag": false } })).toEqual({
      flags: { "auto-tag": null },
    });
    expect(appliedWords(binding, { flags: { "auto-tag": null } })).toContain("its default applies");
    expect(describeChange(binding, { flags: { "auto-tag": null } })).toBe(
      "clear the override of auto-tag on pdf-tools",
    );
  });

  it("offers no undo for a version change, and counts components in words", () => {
    expect(inverseOf(binding, { version: "2.0.0" })).toBeUndefined();
    expect(componentWords({ skill: 2, mcp_server: 1 })).toBe("2 skills and 1 MCP server");
    expect(componentWords({ agent: 1, tool: 3, worker: 1 })).toBe("1 agent, 3 tools and 1 worker");
    expect(componentWords({})).toBe("no components");
  });
});
