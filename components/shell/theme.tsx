"use client";
// The chosen theme for the whole page, from the cookie the root layout read: the switch changes
// it here, in the cookie (for the next first paint) and on <html> (for this one, without a reload).
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { themeClass, themeCookie, type Theme } from "@/lib/theme";

const ThemeContext = createContext<{ theme: Theme; setTheme: (t: Theme) => void } | null>(null);

export function ThemeProvider({ initial, children }: { initial: Theme; children: ReactNode }) {
  const [theme, setState] = useState(initial);
  const setTheme = useCallback((next: Theme) => {
    document.cookie = themeCookie(next, location.protocol === "https:");
    const html = document.documentElement;
    html.classList.remove("light", "dark");
    const cls = themeClass(next);
    if (cls) html.classList.add(cls);
    setState(next);
  }, []);
  const value = useMemo(() => ({ theme, setTheme }), [theme, setTheme]);
  return <ThemeContext value={value}>{children}</ThemeContext>;
}

export function useTheme() {
  const ctx = useContext(ThemeContext);
  if (!ctx) throw new Error("useTheme outside ThemeProvider");
  return ctx;
}
