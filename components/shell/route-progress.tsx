"use client";
// A thin bar at the top of the window while a client-side navigation is on its way: it starts
// when the navigation does (navigation-start.ts) and finishes when the new page's content is in
// the document. Not when the URL changes: Next.js commits the new URL first and swaps the page in
// when the server has answered, so a slow server would leave the old page showing without a
// sign. Decorative (aria-hidden): screen readers hear Next.js' announcement of the new page.
import { useEffect, useState } from "react";
import { locationKey, navigationStartEvent } from "./navigation-start";

const here = () => locationKey(window.location.pathname, window.location.search);

/** Nodes added or removed in the page, not in the navigation around it (sidebar, drawer). */
const pageChanged = (records: MutationRecord[]) =>
  records.some((r) => !(r.target instanceof Element && r.target.closest("aside, dialog")));

export function RouteProgress() {
  const [run, setRun] = useState<{ id: number; done: boolean } | null>(null);

  useEffect(() => {
    let id = 0;
    let stop = () => {};
    const onStart = (e: Event) => {
      const to = new URL((e as CustomEvent<string>).detail, window.location.href);
      const from = here();
      if (to.origin !== window.location.origin) return;
      if (locationKey(to.pathname, to.search) === from) return; // a hash, or the same page
      stop();
      const mine = ++id;
      setRun({ id: mine, done: false });
      const finish = () => {
        stop();
        setRun({ id: mine, done: true });
      };
      const watch = new MutationObserver((records) => {
        if (here() !== from && pageChanged(records)) finish();
      });
      watch.observe(document.body, { childList: true, subtree: true });
      const timer = setTimeout(finish, 15_000); // never a bar that runs forever
      stop = () => {
        watch.disconnect();
        clearTimeout(timer);
      };
    };
    window.addEventListener(navigationStartEvent, onStart);
    return () => {
      stop();
      window.removeEventListener(navigationStartEvent, onStart);
    };
  }, []);

  if (!run) return null;
  return (
    <div
      key={run.id}
      aria-hidden="true"
      data-state={run.done ? "done" : "running"}
      className="route-progress pointer-events-none fixed inset-x-0 top-0 z-50 h-0.5 origin-left bg-indigo-600"
    />
  );
}
