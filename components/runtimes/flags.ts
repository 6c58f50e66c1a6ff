// The flags a capability version declares, as the flags editor lists them, and how a runtime's
// overrides resolve against them. No "use client": the runtime page's server component computes
// them for first paint, the browser from the API.
export interface DeclaredFlag {
  name: string;
  description: string;
  default: boolean;
}

export function declaredFlagsOf(manifest: unknown): DeclaredFlag[] {
  const flags =
    ((manifest ?? {}) as { flags?: Record<string, { description?: string; default?: boolean }> })
      .flags ?? {};
  return Object.entries(flags)
    .map(([name, spec]) => ({
      name,
      description: spec?.description ?? "",
      default: spec?.default === true,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The key of a version's flags in the page's first-paint map. */
export const flagsKey = (name: string, version: string) => `${name}@${version}`;

/** An override as the editor offers it: none (the default applies), on or off. */
export type FlagChoice = "default" | "on" | "off";

/** What the API stores for a choice: null removes the override. */
export const choiceValue: Record<FlagChoice, boolean | null> = {
  default: null,
  on: true,
  off: false,
};

export interface ResolvedFlag {
  flag: DeclaredFlag;
  choice: FlagChoice;
  /** Whether this runtime overrides the default. */
  overridden: boolean;
  /** The value the runtime loads: its override, else the manifest's default. */
  effective: boolean;
}

/**
 * Each declared flag with this runtime's override and the value that applies; `stray`: overrides
 * of flags the version does not declare (stored before an upgrade), which have no effect.
 */
export function resolveFlags(
  declared: DeclaredFlag[],
  overrides: Record<string, boolean>,
): { flags: ResolvedFlag[]; stray: string[] } {
  const flags = declared.map((flag) => {
    const override = Object.hasOwn(overrides, flag.name) ? overrides[flag.name] : undefined;
    return {
      flag,
      choice: (override === undefined ? "default" : override ? "on" : "off") as FlagChoice,
      overridden: override !== undefined,
      effective: override ?? flag.default,
    };
  });
  const stray = Object.keys(overrides).filter((f) => !declared.some((d) => d.name === f));
  return { flags, stray };
}
