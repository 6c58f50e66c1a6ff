// The root layout: fonts, styles, the query provider, and the colour theme from its cookie (the
// class on <html> is right in the first paint: no inline script, which the CSP would refuse).
import type { Metadata } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { ThemeProvider } from "@/components/shell/theme";
import { parseTheme, THEME_COOKIE, themeClass } from "@/lib/theme";
import "./globals.css";
import { Providers } from "./providers";

export const metadata: Metadata = {
  title: { default: "Quiver", template: "%s · Quiver" },
  description: "Catalog, runtimes, optimization runs and releases of AI agent capabilities",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" className={themeClass(theme)}>
      <body className="min-h-screen">
        <ThemeProvider initial={theme}>
          <Providers>{children}</Providers>
        </ThemeProvider>
      </body>
    </html>
  );
}
