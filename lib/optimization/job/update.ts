// Changing what people see of a job, never what it measured: its name, and whether it is archived
// (hidden from the list unless asked for). Each change is audited in its own transaction.
import type { z } from "zod";
import type { WorkspaceCtx } from "@/lib/api/context";
import { ApiError } from "@/lib/api/errors";
import type { updateJobBody } from "@/lib/optimization/schemas";
import { placeOf, recordJobEvent, type JobAction } from "./journal";
import { getJob, parseJob, type Job } from "./read";
import { isLive } from "@/lib/optimization/view";

export async function updateJob(
  ctx: WorkspaceCtx,
  id: string,
  body: z.output<typeof updateJobBody>,
): Promise<Job> {
  return ctx.db.$transaction(async (tx) => {
    const job = await getJob(ctx, id, tx);
    const archive = body.archived !== undefined && body.archived !== (job.archivedAt !== null);
    if (archive && body.archived && isLive(job.status))
      throw new ApiError(
        "conflict",
        `Cannot archive a ${job.status} run: stop it first, or wait until it finishes`,
      );
    const rename = body.name !== undefined && body.name !== job.name;
    if (!rename && !archive) return job;
    const updated = await tx.optimizationJob.update({
      where: { id: job.id },
      data: {
        ...(rename ? { name: body.name } : {}),
        ...(archive ? { archivedAt: body.archived ? new Date() : null } : {}),
      },
    });
    const events: [JobAction, Record<string, unknown>][] = [];
    if (rename) events.push(["optimization.rename", { from: job.name, to: body.name }]);
    if (archive)
      events.push([
        body.archived ? "optimization.archive" : "optimization.unarchive",
        { name: updated.name },
      ]);
    for (const [action, summary] of events)
      await recordJobEvent(tx, placeOf(ctx), job.id, action, summary);
    return parseJob(updated);
  });
}
