"use client";
// System / Light / Dark: three radio buttons in one segmented control (arrow keys move between
// them, as in any radio group). The choice applies at once and is remembered (./theme.tsx).
import { useId } from "react";
import { themes, type Theme } from "@/lib/theme";
import { useTheme } from "./theme";

const labels: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };

export function ThemeSwitch({ className = "" }: { className?: string }) {
  const { theme, setTheme } = useTheme();
  const name = useId();
  return (
    <div
      role="radiogroup"
      aria-label="Theme"
      className={`inline-flex rounded-md bg-slate-100 p-0.5 ring-1 ring-inset ring-slate-200 ${className}`}
    >
      {themes.map((t) => (
        <label
          key={t}
          className={`inline-flex min-h-6 cursor-pointer items-center rounded px-2 text-xs font-medium has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-1 has-[:focus-visible]:outline-indigo-600 ${t === theme ? "bg-white text-slate-900 shadow-sm" : "text-slate-700 hover:text-slate-900"}`}
        >
          <input
            type="radio"
            name={name}
            value={t}
            checked={t === theme}
            onChange={() => setTheme(t)}
            className="sr-only"
          />
          {labels[t]}
        </label>
      ))}
    </div>
  );
}
