// The flags a capability version declares, as the flags editor lists them. No "use client": the
// runtime page's server component computes them for first paint, the browser from the API.
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
