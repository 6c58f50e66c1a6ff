// Layout of the sign-in and sign-up pages, with the theme switch in a corner.
import type { ReactNode } from "react";
import { Logo } from "@/components/shell/logo";
import { ThemeSwitch } from "@/components/shell/theme-switch";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <ThemeSwitch className="absolute right-4 top-4" />
      <div className="mb-8 flex items-center gap-2">
        <Logo />
      </div>
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        {children}
      </div>
    </main>
  );
}
