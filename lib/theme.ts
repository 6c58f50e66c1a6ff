// The colour theme a user picks (System, Light or Dark), remembered in a cookie. The root layout
// reads it and puts its class on <html> (app/globals.css: `color-scheme` decides every colour), so
// the first paint is right without an inline script; the switch writes it and the class at once.
export const THEME_COOKIE = "quiver-theme";

export const themes = ["system", "light", "dark"] as const;
export type Theme = (typeof themes)[number];

/** The cookie's theme; "system" when it is missing or not one of the three. */
export function parseTheme(value: string | undefined): Theme {
  return themes.find((t) => t === value) ?? "system";
}

/** The class of <html>: none for "system" (the page follows prefers-color-scheme). */
export function themeClass(theme: Theme): "light" | "dark" | undefined {
  return theme === "system" ? undefined : theme;
}

/** The Set-Cookie string the browser stores for a year, readable by the server on every page. */
export function themeCookie(theme: Theme, secure: boolean): string {
  return `${THEME_COOKIE}=${theme}; Path=/; Max-Age=31536000; SameSite=Lax${secure ? "; Secure" : ""}`;
}
