// The trust card reduced to what lists and pickers show: its level (fail, warn, clean) and the
// signals that make it, failures first. Pure and free of server code, so the card (card.ts), the
// stored level (index.ts) and the browser's risk lists all read a card through these.
export type TrustStatus = "pass" | "warn" | "fail" | "info";
export type TrustLevel = "fail" | "warn" | "clean";
export const TRUST_LEVELS = ["fail", "warn", "clean"] as const;

interface SignalLike {
  id: string;
  status: TrustStatus;
  title: string;
}

/** A card's overall status as a level: pass and info are both clean. */
export const levelOf = (status: TrustStatus): TrustLevel =>
  status === "fail" ? "fail" : status === "warn" ? "warn" : "clean";

/** The failing and warning signals of a card, failures first, in card order within each. */
export function riskSignals<S extends SignalLike>(card: { sections: { signals: S[] }[] }): S[] {
  const all = card.sections.flatMap((s) => s.signals);
  return [...all.filter((s) => s.status === "fail"), ...all.filter((s) => s.status === "warn")];
}

/** The id of a signal's row on the capability page, which risk lists link to. */
export const signalAnchor = (id: string) => `signal-${id.replace(/[^A-Za-z0-9_.-]/g, "_")}`;
