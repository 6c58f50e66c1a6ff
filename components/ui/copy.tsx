"use client";
// Copy to the clipboard, saying so; and a block of shell or JSON with its copy button.
import { useState } from "react";

export function CopyButton({
  text,
  label = "Copy",
  className = "",
}: {
  text: string;
  label?: string;
  className?: string;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <button
      type="button"
      aria-label={label}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setState("copied");
        } catch {
          setState("failed"); // e.g. no clipboard on plain http: the text is selectable
        }
        setTimeout(() => setState("idle"), 2000);
      }}
      className={`shrink-0 rounded-md bg-white px-2 py-1 text-xs font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 ${className}`}
    >
      {state === "copied" ? "Copied" : state === "failed" ? "Select and copy" : "Copy"}
    </button>
  );
}

export function CodeBlock({
  code,
  label,
  testId,
}: {
  code: string;
  label: string;
  testId?: string;
}) {
  return (
    <div className="relative rounded-md bg-slate-900">
      {/* Scrolls sideways inside its box on a narrow screen; focusable so a keyboard can scroll it. */}
      <pre
        data-testid={testId}
        tabIndex={0}
        className="overflow-x-auto whitespace-pre px-4 py-3 pr-20 focus-visible:outline-2 focus-visible:outline-indigo-400 font-mono text-xs leading-relaxed text-slate-100"
      >
        {code}
      </pre>
      <CopyButton text={code} label={label} className="absolute right-2 top-2" />
    </div>
  );
}
