"use client";
// Below the lg breakpoint: a slim top bar (the mark and a Menu button) and the navigation in a
// drawer. The drawer is a modal <dialog>: focus stays inside, Escape and the backdrop close it,
// and it closes when a link in it is followed or the route changes. Focus then returns to Menu.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Logo } from "./logo";
import { openPalette } from "./shell-search";

export function MobileNav({ children }: { children: ReactNode }) {
  const [openedAt, setOpenedAt] = useState<string | null>(null);
  const pathname = usePathname();
  const button = useRef<HTMLButtonElement>(null);
  // Open on the page where Menu was pressed: a route change (a link, a switcher) closes it.
  const open = openedAt === pathname;

  // Widened to the sidebar's breakpoint while open: the drawer is hidden there, so it closes.
  useEffect(() => {
    const wide = window.matchMedia("(min-width: 1024px)");
    const onChange = () => {
      if (wide.matches) setOpenedAt(null);
    };
    wide.addEventListener("change", onChange);
    return () => wide.removeEventListener("change", onChange);
  }, []);

  return (
    <>
      <header className="sticky top-0 z-30 flex items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-2 lg:hidden">
        <Link href="/" aria-label="Quiver home">
          <Logo />
        </Link>
        <div className="flex items-center gap-2">
          <button
            type="button"
            onClick={openPalette}
            className="inline-flex min-h-11 items-center gap-2 rounded-md px-3 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-100"
          >
            <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
              <circle cx="7" cy="7" r="4.5" stroke="currentColor" strokeWidth="1.5" fill="none" />
              <path d="M10.5 10.5 14 14" stroke="currentColor" strokeWidth="1.5" />
            </svg>
            Search
          </button>
          <button
            ref={button}
            type="button"
            aria-haspopup="dialog"
            aria-expanded={open}
            onClick={() => setOpenedAt(pathname)}
            className="inline-flex min-h-11 items-center gap-2 rounded-md px-3 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-100"
          >
            <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
              <path d="M2 4h12M2 8h12M2 12h12" stroke="currentColor" strokeWidth="1.5" />
            </svg>
            Menu
          </button>
        </div>
      </header>
      <Drawer
        open={open}
        onClose={() => {
          setOpenedAt(null);
          // Back to Menu, unless a navigation has already put focus on the new page's heading.
          if (!document.getElementById("content")?.contains(document.activeElement))
            button.current?.focus();
        }}
      >
        {children}
      </Drawer>
    </>
  );
}

function Drawer({
  open,
  onClose,
  children,
}: {
  open: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (open && d && !d.open) d.showModal();
    // Closed by a route change: the dialog's close event tells MobileNav (focus back to Menu).
    if (!open && d?.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      aria-label="Navigation"
      onClose={(e) => {
        // React passes a nested dialog's close up the tree (Create organization): not ours.
        if (e.target === dialog.current) onClose();
      }}
      onClick={(e) => {
        // The backdrop, or a link inside: either way the drawer goes.
        if (e.target === dialog.current || (e.target as Element).closest("a")) onClose();
      }}
      className="m-0 h-dvh max-h-dvh w-72 max-w-[85vw] overflow-y-auto bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40 lg:hidden"
    >
      {open ? (
        <div className="flex min-h-full flex-col">
          <div className="flex items-center justify-between border-b border-slate-200 px-4 py-2">
            <Logo />
            <button
              type="button"
              onClick={onClose}
              className="min-h-11 rounded-md px-3 text-sm font-medium text-slate-700 hover:bg-slate-100"
            >
              Close
            </button>
          </div>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
