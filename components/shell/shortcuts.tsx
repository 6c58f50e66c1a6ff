"use client";
// Keyboard shortcuts of the dashboard: ⌘K / Ctrl-K toggles the command palette; `?` lists the
// shortcuts; `g` then a letter goes to an area (components/shell/areas.ts); `/` focuses the page's
// search field (marked `data-search-field`, else the first search input of the page), or opens
// the palette where there is none. Apart from ⌘K, nothing fires while typing in a field, inside
// an open dialog, or with Ctrl, ⌘ or Alt held.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { areas } from "./areas";

interface Props {
  org: string;
  ws: string;
  onTogglePalette: () => void;
  onOpenPalette: () => void;
}

/** How long after `g` its letter counts. */
const G_WINDOW_MS = 1500;

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) ||
    !!target.closest("dialog, [role=dialog], [role=alertdialog]")
  );
}

function pageSearchField(): HTMLElement | null {
  return document.querySelector<HTMLElement>('main [data-search-field], main input[type="search"]');
}

export function Shortcuts({ org, ws, onTogglePalette, onOpenPalette }: Props) {
  const router = useRouter();
  const [help, setHelp] = useState(false);
  const gAt = useRef(0);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if ((e.metaKey || e.ctrlKey) && !e.altKey && e.key.toLowerCase() === "k") {
        e.preventDefault();
        // Another modal dialog holds the page (the palette would open behind it).
        if (document.querySelector("dialog[open]")) return;
        onTogglePalette();
        return;
      }
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || typingIn(e.target)) return;
      const pending = Date.now() - gAt.current < G_WINDOW_MS;
      gAt.current = 0;
      if (pending) {
        const place = areas(org, ws).find((p) => p.key === e.key);
        if (place) {
          e.preventDefault();
          router.push(place.href);
        }
      } else if (e.key === "g") {
        gAt.current = Date.now();
      } else if (e.key === "?") {
        e.preventDefault();
        setHelp(true);
      } else if (e.key === "/") {
        e.preventDefault();
        const field = pageSearchField();
        if (field) field.focus();
        else onOpenPalette();
      }
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [org, ws, router, onTogglePalette, onOpenPalette]);

  return <ShortcutsHelp open={help} onClose={() => setHelp(false)} org={org} ws={ws} />;
}

function ShortcutsHelp(props: { open: boolean; onClose: () => void; org: string; ws: string }) {
  const places = areas(props.org, props.ws).filter((p) => p.key);
  const rows: [string, string][] = [
    ["⌘ K or Ctrl K", "Search and commands"],
    ["/", "Focus the page's search, or open search"],
    ["?", "This list"],
    ...places.map((p): [string, string] => [`g then ${p.key}`, `Go to ${p.label}`]),
  ];
  return (
    <Dialog open={props.open} onClose={props.onClose} title="Keyboard shortcuts">
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
        {rows.map(([keys, what]) => (
          <div key={keys} className="contents">
            <dt>
              <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-sans text-xs">
                {keys}
              </kbd>
            </dt>
            <dd className="text-slate-700">{what}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-4 text-xs text-slate-500">
        Shortcuts other than ⌘ K / Ctrl K do nothing while you type in a field.
      </p>
    </Dialog>
  );
}
