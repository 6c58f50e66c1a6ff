"use client";
// The one TanStack Query provider of the app, and the toasts.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { z } from "zod";
import { ToastProvider } from "@/components/ui/toast";

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
          // A change made offline fails at once (and its optimistic state rolls back) instead of
          // waiting, shown as done, to be replayed on reconnect (TanStack's default "online").
          mutations: { networkMode: "always", retry: false },
        },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <ToastProvider>{children}</ToastProvider>
    </QueryClientProvider>
  );
}
