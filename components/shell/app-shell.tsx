"use client";
// The dashboard frame: "Skip to content", the navigation (org and workspace switchers, links, the
// user) as a sidebar from the lg breakpoint up and as a drawer behind a Menu button below it, and
// the page in <main id="content">. Focus moves to the new page's heading after a navigation.
import Link from "next/link";
import type { ReactNode } from "react";
import { HeadingFocus } from "./heading-focus";
import { Logo } from "./logo";
import { MobileNav } from "./mobile-nav";
import { ShellProvider, useShell, type ShellData } from "./shell-context";
import { ShellSearch } from "./shell-search";
import { SidebarContent } from "./sidebar-content";
import { SkipLink } from "./skip-link";
import { useCurrentWorkspace } from "./switchers";

/** The search button, the palette and the shortcuts: mounted once (their keys are global). */
function Search() {
  const { org, workspaces } = useShell();
  return <ShellSearch org={org.slug} ws={useCurrentWorkspace()} workspaces={workspaces} />;
}

export function AppShell({ children, ...shell }: ShellData & { children: ReactNode }) {
  return (
    <ShellProvider value={shell}>
      <SkipLink />
      <div className="flex min-h-screen flex-col lg:flex-row">
        <MobileNav>
          <SidebarContent />
        </MobileNav>
        <aside className="hidden w-60 shrink-0 flex-col border-r border-slate-200 bg-white lg:flex">
          <div className="border-b border-slate-200 px-4 py-4">
            <Link href="/" aria-label="Quiver home">
              <Logo />
            </Link>
          </div>
          <div className="px-4 pt-4">
            <Search />
          </div>
          <SidebarContent />
        </aside>
        <main id="content" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 md:px-8 md:py-8">
          {children}
        </main>
      </div>
      <HeadingFocus />
    </ShellProvider>
  );
}
