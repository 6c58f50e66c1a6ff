// The start of a client-side navigation, told from instrumentation-client.ts (Next.js calls its
// onRouterTransitionStart for a Link click, router.push and router.replace) to the progress bar.
export const navigationStartEvent = "quiver:navigation-start";

/** The path and query of a location, in one spelling for comparing two of them. */
export function locationKey(pathname: string, search: string): string {
  const query = new URLSearchParams(search).toString();
  return query ? `${pathname}?${query}` : pathname;
}
