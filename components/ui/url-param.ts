"use client";
// View state that belongs in the link but is not a step of history (a picked metric, a compared
// variant, rendered or source): set or drop one query parameter with the history's own
// replaceState, which the app router follows without asking the server again.
import { usePathname } from "next/navigation";

/** Returns `set(name, value)`: `null` drops the parameter (its default). */
export function useReplaceParam(): (name: string, value: string | null) => void {
  const pathname = usePathname();
  return (name, value) => {
    const next = new URLSearchParams(window.location.search);
    if (value === null) next.delete(name);
    else next.set(name, value);
    const qs = next.toString().replace(/%2F/gi, "/");
    window.history.replaceState(null, "", `${pathname}${qs ? `?${qs}` : ""}`);
  };
}
