// The root layout: styles, the query provider, the route progress bar, the icons and web app
// manifest (public/) that tabs, bookmarks and home screens show, and the colour theme from its
// cookie (the class on <html> is right in the first paint: no inline script, which the CSP would
// refuse).
import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { RouteProgress } from "@/components/shell/route-progress";
import { ThemeProvider } from "@/components/shell/theme";
import { parseTheme, THEME_COOKIE, themeClass } from "@/lib/theme";
import "./globals.css";
import { Providers } from "./providers";

export const metadata: Metadata = {
  title: { default: "Quiver", template: "%s · Quiver" },
  description: "Catalog, runtimes, optimization runs and releases of AI agent capabilities",
  applicationName: "Quiver",
  manifest: "/manifest.webmanifest",
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
      { url: "/icon-32.png", sizes: "32x32", type: "image/png" },
    ],
    apple: [{ url: "/apple-touch-icon.png", sizes: "180x180" }],
  },
};

export const viewport: Viewport = { themeColor: "#4f46e5" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" className={themeClass(theme)}>
      <body className="min-h-screen">
        <RouteProgress />
        <ThemeProvider initial={theme}>
          <Providers>{children}</Providers>
        </ThemeProvider>
      </body>
    </html>
  );
}
