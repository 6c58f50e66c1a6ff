// What a page's loader and its generateMetadata share: a 404 from a service read as "nothing to
// show" (null), so that a title never says more than the page does: an object the user cannot
// see gets the area's plain title, the same as one that does not exist.
import "server-only";
import type { Metadata } from "next";
import { ApiError } from "@/lib/api/errors";

/** For `.catch()`: a 404 becomes null; anything else is thrown on. */
export function missingAsNull(err: unknown): null {
  if (err instanceof ApiError && err.status === 404) return null;
  throw err;
}

/** `<object> · <area>` when the page found its object, else the area alone. */
export function objectTitle(name: string | null | undefined, area: string): Metadata {
  return { title: name ? `${name} · ${area}` : area };
}
