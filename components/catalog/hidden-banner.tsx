// The warning above a file (or a file's diff) that holds hidden characters, after GitHub's: bidi
// controls can make text read differently from how it runs, zero-width and other invisible
// characters can hide words. Offers to show or hide the markers when the reader may toggle them.
import type { countHidden } from "@/lib/catalog/trust/hidden-chars";

export function HiddenTextBanner({
  counts,
  shown,
  onToggle,
}: {
  counts: ReturnType<typeof countHidden>;
  /** Whether the markers are shown; with `onToggle`, a button switches them. */
  shown: boolean;
  onToggle?: () => void;
}) {
  const total = counts.bidi + counts.other;
  if (!total) return null;
  const what = counts.bidi
    ? "bidirectional Unicode text that may be interpreted or compiled differently than what appears below"
    : "hidden Unicode characters that may be read or run differently than what appears below";
  return (
    <div
      role="note"
      aria-label="Hidden characters"
      data-testid="hidden-text-banner"
      className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-amber-300 bg-amber-50 px-4 py-2 text-xs text-amber-950"
    >
      <p className="min-w-0 flex-1 basis-72">
        <span aria-hidden="true" className="mr-1 font-bold">
          ⚠
        </span>
        This file contains {what}. It holds {total} hidden{" "}
        {total === 1 ? "character" : "characters"}
        {counts.bidi ? ` (${counts.bidi} bidirectional)` : ""}
        {shown
          ? ". Each is marked below with its code point, like U+200B."
          : ". To review, show them, or open the file in an editor that reveals hidden Unicode."}
      </p>
      {onToggle ? (
        <button
          type="button"
          onClick={onToggle}
          className="rounded px-2 py-0.5 font-medium text-amber-950 ring-1 ring-inset ring-amber-400 hover:bg-amber-100 focus-visible:outline-2 focus-visible:outline-indigo-500"
        >
          {shown ? "Hide hidden characters" : "Show hidden characters"}
        </button>
      ) : null}
    </div>
  );
}
