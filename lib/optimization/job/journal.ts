// A job's journal: its log lines and its audit events. The one place that numbers log lines (one
// after another from the last stored, whoever writes: a progress report, the engine, the worker)
// and that writes a job's audit events, so both executors and the request handlers record alike.
// Audit events mark what people and executors change (create, start, complete, fail, stop, retry,
// apply, promote, rename, archive, unarchive), never each progress report: a run sends hundreds.
import type { Tx } from "@/lib/db/client";
import type { Actor } from "@/lib/api/authenticate";
import type { WorkspaceCtx } from "@/lib/api/context";
import { recordAudit } from "@/lib/audit/service";

export type JobAction =
  | "optimization.create"
  | "optimization.start"
  | "optimization.complete"
  | "optimization.fail"
  | "optimization.stop"
  | "optimization.retry"
  | "optimization.apply"
  | "optimization.promote"
  | "optimization.rename"
  | "optimization.archive"
  | "optimization.unarchive";

/** Where a job lives, and who acts on it: a person or token, or null for the built-in executor. */
export interface JobPlace {
  orgId: string;
  workspaceId: string;
  actor: Actor | null;
  requestId?: string | null;
}

/** A request's place: its workspace and its actor. */
export const placeOf = (ctx: WorkspaceCtx): JobPlace => ({
  orgId: ctx.org.id,
  workspaceId: ctx.workspace.id,
  actor: ctx.actor,
  requestId: ctx.requestId,
});

/** The built-in executor's place: no actor (its audit events say "system"). */
export const engineAt = (at: { orgId: string; workspaceId: string }): JobPlace => ({
  orgId: at.orgId,
  workspaceId: at.workspaceId,
  actor: null,
});

/** How many lines the job's log holds: the number of its last line (0: none yet). */
export async function logLength(tx: Tx, jobId: string): Promise<number> {
  const last = await tx.optimizationLog.findFirst({
    where: { jobId },
    orderBy: { seq: "desc" },
    select: { seq: true },
  });
  return last?.seq ?? 0;
}

/** Appends lines to the job's log, numbered after the last one stored. */
export async function appendLog(tx: Tx, jobId: string, messages: string[]): Promise<void> {
  if (!messages.length) return;
  const start = (await logLength(tx, jobId)) + 1;
  await tx.optimizationLog.createMany({
    data: messages.map((message, i) => ({ jobId, seq: start + i, message })),
  });
}

/** Writes one audit event about the job, in the transaction of the change. */
export function recordJobEvent(
  tx: Tx,
  place: JobPlace,
  jobId: string,
  action: JobAction,
  summary: Record<string, unknown>,
): Promise<void> {
  return recordAudit(
    tx,
    { actor: place.actor, requestId: place.requestId },
    {
      orgId: place.orgId,
      workspaceId: place.workspaceId,
      action,
      targetType: "optimization_job",
      targetId: jobId,
      summary,
    },
  );
}
