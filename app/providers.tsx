"use client";
// The one TanStack Query provider of the app.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { z } from "zod";

// zod compiles object parsers with `new Function` when eval is allowed, and probes for it on first
// use: under the pages' CSP (no 'unsafe-eval') the probe is a reported violation. In the browser,
// parse without it; the server keeps the faster compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: 15_000,
            retry: (count, err) => count < 2 && !(err as { status?: number }).status,
          },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
