"use client";
// Around server-rendered Markdown of a bundle (the README): a plain click on a link to another
// file of the version (data-file-path) opens it in the file viewer by updating the URL in place,
// instead of reloading the page. Other clicks, and modified clicks, are left to the browser.
import type { ReactNode } from "react";

export function FileLinkScope({ children }: { children: ReactNode }) {
  return (
    <div
      onClick={(e) => {
        const a = (e.target as Element).closest?.("a[data-file-path]");
        const href = a?.getAttribute("href");
        if (!href || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        window.history.pushState(null, "", href);
      }}
    >
      {children}
    </div>
  );
}
