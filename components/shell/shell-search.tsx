"use client";
// The shell's search button, with the command palette and the keyboard shortcuts it owns: one
// element for the app shell to place.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { CommandPalette } from "./command-palette";
import { Shortcuts } from "./shortcuts";

interface Props {
  org: string;
  ws: string;
  workspaces: { slug: string; name: string }[];
}

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform);

/** The event the phone top bar's search button sends (the palette is mounted once, here). */
const OPEN_PALETTE = "quiver:open-palette";

/** Opens the palette from elsewhere in the shell (the phone top bar's button). */
export function openPalette(): void {
  window.dispatchEvent(new Event(OPEN_PALETTE));
}

export function ShellSearch({ org, ws, workspaces }: Props) {
  const [open, setOpenState] = useState(false);
  // Where focus was when the palette opened: Radix gives it back only to a Dialog.Trigger.
  const returnTo = useRef<HTMLElement | null>(null);
  const setOpen = useCallback((next: boolean) => {
    if (next && document.activeElement instanceof HTMLElement)
      returnTo.current = document.activeElement;
    setOpenState(next);
  }, []);
  useEffect(() => {
    const el = returnTo.current;
    if (open || !el) return;
    returnTo.current = null;
    // After Radix's own close handling, which runs in a timeout of the dialog's unmount.
    const t = setTimeout(() => {
      if (el.isConnected) el.focus();
    }, 0);
    return () => clearTimeout(t);
  }, [open]);
  const mac = useSyncExternalStore(
    () => () => {},
    isMac,
    () => false,
  );
  const toggle = useCallback(() => setOpen(!open), [open, setOpen]);
  const show = useCallback(() => setOpen(true), [setOpen]);
  useEffect(() => {
    window.addEventListener(OPEN_PALETTE, show);
    return () => window.removeEventListener(OPEN_PALETTE, show);
  }, [show]);
  return (
    <>
      <button
        type="button"
        onClick={show}
        aria-keyshortcuts="Control+K Meta+K"
        className="flex w-full items-center justify-between gap-2 rounded-md bg-slate-50 px-2 py-1.5 text-left text-sm text-slate-600 ring-1 ring-inset ring-slate-300 hover:bg-slate-100"
      >
        <span>Search…</span>
        <kbd className="font-sans text-xs text-slate-500">{mac ? "⌘K" : "Ctrl K"}</kbd>
      </button>
      <CommandPalette
        open={open}
        onOpenChange={setOpen}
        org={org}
        ws={ws}
        workspaces={workspaces}
      />
      <Shortcuts org={org} ws={ws} onTogglePalette={toggle} onOpenPalette={show} />
    </>
  );
}
