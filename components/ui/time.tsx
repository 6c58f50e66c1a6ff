"use client";
// Dates in client components that the server renders first. The server does not know the
// reader's time zone or clock, so it renders UTC; once hydrated, the browser shows local time
// and how long ago. (Rendering local time on both sides would not match and break hydration.)
import { useSyncExternalStore } from "react";
import { formatDate } from "./format";

const noop = () => () => undefined;

/** False on the server and while hydrating, true afterwards. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "3 minutes ago", "yesterday", "just now". */
function relativeTime(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (Math.abs(seconds) < 45) return "just now";
  const fmt = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return fmt.format(Math.round(seconds / size), unit);
  }
  return fmt.format(Math.round(seconds / 60), "minute");
}

/** A moment: how long ago (or local date and time), the exact local time on hover. */
export function Time({
  iso,
  mode = "relative",
  className = "",
}: {
  iso: string;
  mode?: "relative" | "absolute";
  className?: string;
}) {
  const hydrated = useHydrated();
  const utc = `${iso.slice(0, 16).replace("T", " ")} UTC`;
  return (
    <time dateTime={iso} title={hydrated ? formatDate(iso) : utc} className={className}>
      {!hydrated ? utc : mode === "relative" ? relativeTime(iso) : formatDate(iso)}
    </time>
  );
}
