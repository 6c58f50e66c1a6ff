// Every write the built-in engine makes to a job goes through its JobStore: each one first renews
// the worker's lease in the same transaction, guarded by "this worker holds the lease and the job
// is still running". A worker that lost its lease (it stalled and another took over) or whose job
// was stopped gets LeaseLost and writes nothing more. Writes of one job are serialized (one
// transaction at a time), which also keeps usage totals simple. Log lines and audit events are
// written through the job's journal (lib/optimization/job/journal.ts).
import type { Prisma } from "@/lib/db/types";
import type { Db, Tx } from "@/lib/db/client";
import type { Usage } from "@/lib/llm/types";
import {
  appendLog,
  engineAt,
  recordJobEvent,
  type JobAction,
} from "@/lib/optimization/job/journal";
import { storable, storableText } from "./storable";

export class LeaseLost extends Error {
  constructor(readonly jobId: string) {
    super(
      `The lease on job ${jobId} is no longer held (the job was stopped or another worker took it over)`,
    );
    this.name = "LeaseLost";
  }
}

export type UsageTotals = {
  model_calls: number;
  prompt_tokens: number;
  completion_tokens: number;
  retries: number;
};

export interface NewCell {
  variantKey: string;
  persona: string;
  scenario: string;
  heldOut: boolean;
  scores: { task_completion: number; quality: number; sentiment: number };
  judgeNote: string;
  transcript: { role: string; content: string }[];
}

export class JobStore {
  private chain: Promise<unknown> = Promise.resolve();
  private baseUsage: UsageTotals = {
    model_calls: 0,
    prompt_tokens: 0,
    completion_tokens: 0,
    retries: 0,
  };
  private usage: (() => Usage) | null = null;
  private halted = false;

  constructor(
    readonly db: Db,
    readonly jobId: string,
    readonly workspaceId: string,
    readonly orgId: string,
    readonly owner: string,
    readonly leaseMs: number,
  ) {}

  /** Reads where the job's usage stands (a resumed job continues it). */
  async init(usage: () => Usage): Promise<void> {
    const job = await this.db.optimizationJob.findUniqueOrThrow({
      where: { id: this.jobId },
      select: { usage: true },
    });
    const stored = (job.usage as Partial<UsageTotals> | null) ?? {};
    this.baseUsage = {
      model_calls: stored.model_calls ?? 0,
      prompt_tokens: stored.prompt_tokens ?? 0,
      completion_tokens: stored.completion_tokens ?? 0,
      retries: stored.retries ?? 0,
    };
    this.usage = usage;
  }

  private usageNow(): UsageTotals {
    const u = this.usage?.();
    const b = this.baseUsage;
    return u
      ? {
          model_calls: b.model_calls + u.model_calls,
          prompt_tokens: b.prompt_tokens + u.prompt_tokens,
          completion_tokens: b.completion_tokens + u.completion_tokens,
          retries: b.retries + u.retries,
        }
      : b;
  }

  /** Runs `fn` in a transaction that first renews the lease; LeaseLost when the job is not ours and running any more. */
  write<T>(
    fn: (tx: Tx) => Promise<T>,
    data: Prisma.OptimizationJobUpdateManyMutationInput = {},
  ): Promise<T> {
    const run = async () => {
      if (this.halted) throw new LeaseLost(this.jobId);
      return this.db.$transaction(
        async (tx) => {
          const renewed = await tx.optimizationJob.updateMany({
            where: { id: this.jobId, leaseOwner: this.owner, status: "running" },
            // Usage only once init() has read where it stood (a failure before that keeps it as it was).
            data: {
              leaseExpiresAt: new Date(Date.now() + this.leaseMs),
              ...(this.usage ? { usage: this.usageNow() } : {}),
              ...data,
            },
          });
          if (renewed.count === 0) throw new LeaseLost(this.jobId);
          return fn(tx);
        },
        { timeout: 30_000 },
      );
    };
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }

  heartbeat(): Promise<void> {
    return this.write(async () => undefined);
  }

  log(...messages: string[]): Promise<void> {
    return this.write((tx) => appendLog(tx, this.jobId, messages.map(storableText)));
  }

  stage(
    stage: string,
    extra: Prisma.OptimizationJobUpdateManyMutationInput = {},
    ...messages: string[]
  ): Promise<void> {
    return this.write((tx) => appendLog(tx, this.jobId, messages.map(storableText)), {
      stage,
      ...extra,
    });
  }

  /** Stores a scored cell and counts it; a cell already stored (by an earlier attempt) is left as it is. */
  addCell(cell: NewCell): Promise<boolean> {
    return this.write(async (tx) => {
      const exists = await tx.optimizationCell.findUnique({
        where: {
          jobId_variantKey_persona_scenario: {
            jobId: this.jobId,
            variantKey: cell.variantKey,
            persona: cell.persona,
            scenario: cell.scenario,
          },
        },
        select: { id: true },
      });
      if (exists) return false;
      await tx.optimizationCell.create({
        data: {
          jobId: this.jobId,
          variantKey: cell.variantKey,
          persona: cell.persona,
          scenario: cell.scenario,
          heldOut: cell.heldOut,
          taskCompletion: cell.scores.task_completion,
          quality: cell.scores.quality,
          sentiment: cell.scores.sentiment,
          judgeNote: storableText(cell.judgeNote) || null,
          transcript: storable(cell.transcript) as Prisma.InputJsonValue,
        },
      });
      await tx.optimizationJob.update({
        where: { id: this.jobId },
        data: { progressDone: { increment: 1 } },
      });
      return true;
    });
  }

  /** An audit event of the built-in executor about this job. */
  audit(tx: Tx, action: JobAction, summary: Record<string, unknown>): Promise<void> {
    return recordJobEvent(tx, engineAt(this), this.jobId, action, summary);
  }

  /** Fails the job with a reason (kept cells stay). */
  fail(failure: string): Promise<void> {
    // A provider's or model's words may be part of the reason.
    const reason = storableText(failure);
    return this.write(
      async (tx) => {
        await appendLog(tx, this.jobId, [`Failed: ${reason}`]);
        await this.audit(tx, "optimization.fail", { error: reason });
      },
      {
        status: "failed",
        stage: "failed",
        error: reason,
        finishedAt: new Date(),
        leaseOwner: null,
        leaseExpiresAt: null,
      },
    );
  }

  /** No more writes from this store (a worker that died, in tests). */
  halt(): void {
    this.halted = true;
  }

  /** Waits for every queued write. */
  async flush(): Promise<void> {
    await this.chain;
  }
}
