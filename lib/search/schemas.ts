// API shapes of the org search that serves the command palette: one query over capabilities,
// runtimes, agents, optimization runs, prompts and personas, answered as a short ranked list.
import { z } from "zod";
import { slug } from "@/lib/orgs/schemas";

export const searchKinds = [
  "capability",
  "runtime",
  "agent",
  "optimization_run",
  "prompt",
  "persona",
] as const;

export const searchOrgQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, "Type at least one character")
    .max(100, "At most 100 characters")
    .meta({ description: "What to look for: names first (prefix), then words of descriptions" }),
  workspace: slug.optional().meta({
    description:
      "Search the workspace objects of this workspace only; without it, every workspace of the org",
  }),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const searchResult = z
  .object({
    kind: z.enum(searchKinds),
    id: z.string(),
    title: z.string().meta({ description: "The object's name" }),
    subtitle: z.string().meta({ description: "What it is, in a few words" }),
    org: z.string().meta({ description: "The org's slug" }),
    workspace: z
      .string()
      .nullable()
      .meta({ description: "The workspace's slug; null for capabilities (org-wide)" }),
    match: z.enum(["exact", "prefix", "contains", "text"]).meta({
      description:
        "How it matched, best first: the whole name, the start of the name, part of the name, words of its text (capabilities)",
    }),
  })
  .meta({ id: "SearchResult" });

export const searchResponse = z
  .object({ q: z.string(), results: z.array(searchResult) })
  .meta({ id: "SearchResponse" });
