// POST, GET /api/v1/optimizations (seeds/004): the token's default workspace, camelCase.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { DEFAULT_MAX_TURNS } from "@/lib/optimization/bounds";
import { createJob } from "@/lib/optimization/job/create";
import { listJobs } from "@/lib/optimization/job/read";
import { compatCreateOp, compatListOp } from "@/lib/optimization/compat-operations";
import { toCompatJob } from "@/lib/optimization/serializers";

export const POST = route(compatCreateOp, async ({ ctx, body }) =>
  toCompatJob(
    await createJob(ctx, {
      target_kind: "prompt",
      prompt_id: body.promptId,
      mode: body.mode,
      variant_count: body.variantCount,
      intent: {
        target_improvements: body.intent.targetImprovements,
        hypothesis: body.intent.hypothesis ?? null,
      },
      persona_ids: body.personaIds,
      executor: body.executor,
      max_turns: DEFAULT_MAX_TURNS,
    }),
  ),
);

export const GET = route(compatListOp, async ({ ctx, query }) => {
  // Prompt runs only: the seed's promptId is always a string. Runs of a capability's agent or an
  // agent's draft are listed by the canonical API. Archiving is the canonical surface's: the seed's
  // list shows every run.
  const { jobs } = await listJobs(ctx, {
    archived: "include",
    status: query.status,
    prompt_id: query.promptId,
    target_kind: "prompt",
    page: 1,
    page_size: query.limit,
  });
  return { data: jobs.map(toCompatJob) };
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(compatCreateOp, compatListOp);
