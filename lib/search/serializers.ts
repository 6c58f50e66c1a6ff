// Search hits in their API shape.
import type { z } from "zod";
import type { searchResponse } from "./schemas";
import type { SearchHit } from "./service";

export function toSearchResponse(
  q: string,
  org: string,
  hits: SearchHit[],
): z.input<typeof searchResponse> {
  return { q, results: hits.map((h) => ({ ...h, org })) };
}
