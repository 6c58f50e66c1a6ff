"use client";
// Keeps unsaved edits from being lost by accident: while `dirty`, leaving the page (reload, close,
// another site) asks the browser's beforeunload question, and following an in-app link asks to
// confirm first. A link is caught in the capture phase on the document, before Next's <Link>
// handler on the React root sees it, so a "Cancel" stops the navigation altogether.
import { useEffect } from "react";

export function useUnsavedChangesGuard(
  dirty: boolean,
  message = "You have unsaved changes to this draft. Leave without saving them?",
): void {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = ""; // older browsers need it set to show the prompt
    };
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
        return;
      const a = (e.target as Element | null)?.closest?.("a[href]");
      if (
        !(a instanceof HTMLAnchorElement) ||
        (a.target && a.target !== "_self") ||
        a.hasAttribute("download")
      )
        return;
      const to = new URL(a.href, window.location.href);
      if (to.origin !== window.location.origin) return; // a full page load: beforeunload asks
      if (to.pathname === window.location.pathname && to.search === window.location.search) return; // an anchor on this page
      if (!window.confirm(message)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty, message]);
}
