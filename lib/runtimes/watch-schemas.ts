// Query schemas of watching a runtime's resolved view (lib/runtimes/watch.ts); beside schemas.ts,
// which is full.
import { z } from "zod";

export const resolvedQuery = z.object({
  wait: z.coerce
    .number({ error: "must be a whole number of seconds" })
    .int("must be a whole number of seconds")
    .min(0, "must be 0 to 60 seconds")
    .max(60, "must be 0 to 60 seconds")
    .optional()
    .meta({
      description:
        "Long-poll: with `If-None-Match` naming the current digest, hold the request up to this many seconds (0–60) until the digest changes (200 with the new view) or the time passes (304). Without `If-None-Match`, or when it names another digest, the answer is at once.",
    }),
});
