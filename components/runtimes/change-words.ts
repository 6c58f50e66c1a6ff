// What a change of a binding does, in words: for the failure line ("Could not disable …"), the
// toast once it applied ("Disabled …"), and the change that takes it back (Undo). Pure, for the
// browser and its unit test.
import type { BindingChange, BindingView } from "./hooks";

const onOff = (v: boolean) => (v ? "on" : "off");

function flagOf(change: { flags: Record<string, boolean | null> }): [string, boolean | null] {
  return Object.entries(change.flags)[0] ?? ["", null];
}

/** The change as an action not yet done: "disable pdf-tools", "turn on auto-tag on pdf-tools". */
export function describeChange(b: BindingView, change: BindingChange): string {
  if ("enabled" in change) return `${change.enabled ? "enable" : "disable"} ${b.capability_name}`;
  if ("flags" in change) {
    const [flag, value] = flagOf(change);
    return `${value === null ? "clear the override of" : `turn ${onOff(value)}`} ${flag} on ${b.capability_name}`;
  }
  return `move ${b.capability_name} to ${change.version}`;
}

/** The change once applied, for its toast: what happened and what the runtime loads now. */
export function appliedWords(b: BindingView, change: BindingChange, undone = false): string {
  const prefix = undone ? "Undone: " : "";
  if ("enabled" in change)
    return `${prefix}${change.enabled ? "Enabled" : "Disabled"} ${b.capability_name}: the runtime ${change.enabled ? "loads it" : "no longer loads it"} from its next sync.`;
  if ("flags" in change) {
    const [flag, value] = flagOf(change);
    return value === null
      ? `${prefix}Cleared the override of ${flag} for ${b.capability_name}: its default applies.`
      : `${prefix}Turned ${flag} ${onOff(value)} for ${b.capability_name}.`;
  }
  return `${prefix}Moved ${b.capability_name} to ${change.version}.`;
}

/** The change that takes this one back, from the binding as it was before it (none for a version). */
export function inverseOf(b: BindingView, change: BindingChange): BindingChange | undefined {
  if ("enabled" in change) return { enabled: b.enabled };
  if ("flags" in change) {
    const [flag] = flagOf(change);
    return { flags: { [flag]: Object.hasOwn(b.flags, flag) ? b.flags[flag]! : null } };
  }
  return undefined;
}

const typeWords: [string, string][] = [
  ["agent", "agent"],
  ["tool", "tool"],
  ["skill", "skill"],
  ["mcp_server", "MCP server"],
  ["worker", "worker"],
];

/** "2 skills and 1 MCP server", from a binding's component counts ("nothing" when empty). */
export function componentWords(counts: Record<string, number>): string {
  const parts = typeWords
    .filter(([t]) => counts[t])
    .map(([t, w]) => `${counts[t]} ${w}${counts[t]! > 1 ? "s" : ""}`);
  if (!parts.length) return "no components";
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}
