"use client";
// The modal behaviour of components/ui/dialog.tsx, focus above all. When a dialog closes (by its
// action, Escape, Cancel or the backdrop), focus goes back to the control that opened it, or, when
// that control is gone (a delete, a re-rendered row), to the page's heading, else its main
// landmark. Never to <body>, where a keyboard user starts over.
import { useEffect, type RefObject } from "react";

function focusable(el: HTMLElement | null): el is HTMLElement {
  return (
    !!el &&
    el.isConnected &&
    el.getClientRects().length > 0 &&
    !(el as HTMLButtonElement).disabled &&
    !el.closest("[inert]")
  );
}

/** Focuses the page's h1 (or main), making it focusable by script only. */
function focusPageHeading(): void {
  const target =
    document.querySelector<HTMLElement>("main h1") ??
    document.querySelector<HTMLElement>("h1") ??
    document.querySelector<HTMLElement>("main");
  if (!target) return;
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus();
}

function restore(trigger: HTMLElement | null): void {
  const active = document.activeElement;
  if (active?.closest("dialog[open]")) return; // another dialog holds focus now
  if (focusable(trigger)) {
    trigger.focus();
    if (document.activeElement === trigger) return;
  }
  if (!active || active === document.body || !active.isConnected) focusPageHeading();
}

/**
 * Opens and closes a <dialog> as a modal with `open`. Remembers what had focus before it opened
 * and returns focus there when it closes or unmounts; once open, focuses the field marked
 * autoFocus (form.tsx), which React tried to focus while the dialog was still closed.
 */
export function useModal(ref: RefObject<HTMLDialogElement | null>, open: boolean): void {
  useEffect(() => {
    const d = ref.current;
    if (!d || !open) return;
    const active = document.activeElement;
    const trigger =
      active instanceof HTMLElement && active !== document.body && !d.contains(active)
        ? active
        : null;
    if (!d.open) {
      d.showModal();
      d.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    }
    return () => {
      if (d.open) d.close();
      // After React has committed the close (the trigger may re-render or disappear meanwhile).
      window.setTimeout(() => restore(trigger), 0);
    };
  }, [open, ref]);
}
