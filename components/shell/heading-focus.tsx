"use client";
// After a client-side navigation, focus moves to the new page's <h1> (made focusable with
// tabIndex -1), so that a keyboard or screen reader user starts at the page, not at <body>. Not on
// the first load (the browser starts at the top), and not when the heading stays the same element
// (a tab of the settings layout: focus stays on the tab that was chosen).
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

const selector = "#content h1";

function focusHeading(h1: HTMLElement) {
  if (!h1.hasAttribute("tabindex")) h1.tabIndex = -1;
  h1.focus({ preventScroll: true });
}

export function HeadingFocus() {
  const pathname = usePathname();
  const first = useRef(true);
  const previous = useRef<Element | null>(null);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      previous.current = document.querySelector(selector);
      return;
    }
    const main = document.getElementById("content");
    if (!main) return;
    const settle = (h1: HTMLElement) => {
      if (h1 !== previous.current) focusHeading(h1);
      previous.current = h1;
    };
    const now = main.querySelector<HTMLElement>("h1");
    if (now) {
      settle(now);
      return;
    }
    // A page that streams its heading in after the route commits (a loading state first).
    const watch = new MutationObserver(() => {
      const h1 = main.querySelector<HTMLElement>("h1");
      if (!h1) return;
      watch.disconnect();
      settle(h1);
    });
    watch.observe(main, { childList: true, subtree: true });
    const stop = setTimeout(() => watch.disconnect(), 10_000);
    return () => {
      watch.disconnect();
      clearTimeout(stop);
    };
  }, [pathname]);

  return null;
}
