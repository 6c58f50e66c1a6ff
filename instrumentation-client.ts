// Runs in the browser before the app is interactive. Next.js calls onRouterTransitionStart when a
// client-side navigation begins; the route progress bar (components/shell/route-progress.tsx)
// listens for the event sent here. Back and forward are left out: they show cached pages at once.
import { navigationStartEvent } from "@/components/shell/navigation-start";

export function onRouterTransitionStart(url: string, type: "push" | "replace" | "traverse") {
  if (type === "traverse") return;
  window.dispatchEvent(new CustomEvent<string>(navigationStartEvent, { detail: url }));
}
