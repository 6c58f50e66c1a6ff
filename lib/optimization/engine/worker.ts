// The durable job runner. A worker claims queued built-in jobs from the database with a lease, so
// any number of web servers and `npm run worker` processes share the queue without two running
// the same job:
// - claim: candidates are selected (on PostgreSQL `FOR UPDATE SKIP LOCKED`, inside the claiming
//   transaction) and taken with a conditional update (still queued, or running with an expired
//   lease, and unchanged since read); at most QUIVER_WORKSPACE_RUNNING_LIMIT jobs run per
//   workspace (a claim over the limit is handed back; the job waits in the queue);
// - lease: renewed by every write the job makes and by a heartbeat; a worker that dies stops
//   renewing, and after the lease expires another worker resumes the job from its stored cells;
//   after QUIVER_WORKER_MAX_ATTEMPTS claims the job fails with the reason instead;
// - stop: a stopped job fails its next lease renewal (within the heartbeat interval, ≤ 2 s), the
//   run is aborted, and the cells already scored stay.
import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import { hostname } from "node:os";
import { Prisma } from "@/lib/db/types";
import type { Db } from "@/lib/db/client";
import { db as defaultDb } from "@/lib/db/client";
import { byProvider } from "@/lib/db/provider";
import { env } from "@/lib/env";
import { createLlmClient, describeProviderError } from "@/lib/llm/client";
import { resolveProvider } from "@/lib/llm/providers";
import type { ProviderConfig } from "@/lib/llm/types";
import { appendLog, engineAt, recordJobEvent } from "@/lib/optimization/job/journal";
import { JobStore, LeaseLost } from "./store";
import { runPipeline } from "./pipeline";
import { registeredWorker, registerWorker } from "./poke";

export interface WorkerOptions {
  db?: Db;
  /** Jobs this worker runs at once. */
  jobs?: number;
  leaseMs?: number;
  /** How often an idle worker looks for work. */
  pollMs?: number;
  maxAttempts?: number;
  workspaceLimit?: number;
  /** The provider of a job's workspace (default: the workspace's settings, else the environment). */
  provider?: (db: Db, workspaceId: string) => Promise<ProviderConfig | null>;
  /** Where the worker reports what it does (default: console, unless QUIVER_LOG_LEVEL is silent). */
  log?: (line: string) => void;
  id?: string;
  /** Only jobs of these workspaces (a worker dedicated to some workspaces; tests). */
  workspaces?: string[];
}

/** Waits `ms`, or less when `signal` aborts; the abort listener is removed either way. */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });

type Running = { controller: AbortController; store: JobStore; done: Promise<void> };

export class Worker {
  readonly id: string;
  private readonly db: Db;
  private readonly o: Required<Omit<WorkerOptions, "db" | "id" | "workspaces">>;
  private readonly workspaces: string[] | null;
  private readonly running = new Map<string, Running>();
  private stopping = new AbortController();
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  /** Simulated crash (tests): no more writes of any kind. */
  private dead = false;

  constructor(opts: WorkerOptions = {}) {
    const e = env();
    this.db = opts.db ?? defaultDb();
    this.id = opts.id ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.workspaces = opts.workspaces ?? e.QUIVER_WORKER_WORKSPACES ?? null;
    this.o = {
      jobs: opts.jobs ?? e.QUIVER_WORKER_JOBS,
      leaseMs: opts.leaseMs ?? e.QUIVER_WORKER_LEASE_MS,
      pollMs: opts.pollMs ?? 1000,
      maxAttempts: opts.maxAttempts ?? e.QUIVER_WORKER_MAX_ATTEMPTS,
      workspaceLimit: opts.workspaceLimit ?? e.QUIVER_WORKSPACE_RUNNING_LIMIT,
      provider: opts.provider ?? resolveProvider,
      log:
        opts.log ??
        ((line) => (e.QUIVER_LOG_LEVEL === "silent" ? undefined : console.log(`[worker] ${line}`))),
    };
  }

  get activeJobs(): string[] {
    return [...this.running.keys()];
  }

  start(): this {
    this.loop ??= this.run();
    return this;
  }

  /** Look for work now (a job was just created). */
  poke(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      let claimed: string | null = null;
      if (this.running.size < this.o.jobs) {
        try {
          claimed = await this.claim();
        } catch (err) {
          if (!this.dead) this.o.log(`claim failed: ${(err as Error).message}`);
        }
      }
      if (claimed) {
        this.execute(claimed);
        continue;
      }
      // Jittered, so that workers that backed off together do not collide again.
      const wait = this.o.pollMs * (0.75 + Math.random() * 0.5);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        void sleep(wait, signal).then(resolve);
      });
      this.wake = null;
    }
  }

  /** Claims one job or returns null. Exported behaviour is tested in worker.api.test.ts. */
  async claim(): Promise<string | null> {
    const now = new Date();
    const claimable = {
      executor: "builtin",
      ...(this.workspaces ? { workspaceId: { in: this.workspaces } } : {}),
      OR: [
        { status: "queued" },
        { status: "running", OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }] },
      ],
    };
    const candidates = await this.candidates(now, claimable);
    for (const c of candidates) {
      if (c.status === "running" && c.attempts >= this.o.maxAttempts) {
        await this.giveUp(c, now);
        continue;
      }
      const claimedIt = await this.db.optimizationJob.updateMany({
        where: { id: c.id, status: c.status, attempts: c.attempts, ...claimable },
        data: {
          status: "running",
          leaseOwner: this.id,
          leaseExpiresAt: new Date(Date.now() + this.o.leaseMs),
          attempts: { increment: 1 },
          ...(c.status === "queued" ? { startedAt: now, stage: "starting" } : {}),
        },
      });
      if (claimedIt.count === 0) continue;
      if (c.status === "queued") {
        if (await this.handedBack(c)) continue;
        await this.db.$transaction((tx) =>
          recordJobEvent(tx, engineAt(c), c.id, "optimization.start", {
            executor: "builtin",
            worker: this.id,
          }),
        );
      }
      return c.id;
    }
    return null;
  }

  /**
   * The per-workspace limit, checked after the claim so that two workers cannot both squeeze in:
   * a claim over it is handed back (the job waits in the queue).
   */
  private async handedBack(c: { id: string; workspaceId: string }): Promise<boolean> {
    const live = await this.db.optimizationJob.count({
      where: {
        workspaceId: c.workspaceId,
        executor: "builtin",
        status: "running",
        leaseExpiresAt: { gt: new Date() },
      },
    });
    if (live <= this.o.workspaceLimit) return false;
    await this.db.optimizationJob.updateMany({
      where: { id: c.id, leaseOwner: this.id, status: "running" },
      data: {
        status: "queued",
        stage: "queued",
        leaseOwner: null,
        leaseExpiresAt: null,
        startedAt: null,
        attempts: { decrement: 1 },
      },
    });
    return true;
  }

  private async candidates(
    now: Date,
    claimable: object,
  ): Promise<
    { id: string; status: string; attempts: number; workspaceId: string; orgId: string }[]
  > {
    const select = {
      id: true,
      status: true,
      attempts: true,
      workspaceId: true,
      workspace: { select: { orgId: true } },
    } as const;
    const rows = await byProvider(this.db, {
      postgresql: () =>
        this.db.$transaction(async (tx) => {
          const ids = await tx.$queryRaw<{ id: string }[]>`
            SELECT "id" FROM "OptimizationJob"
            WHERE "executor" = 'builtin' AND (${this.workspaces === null} OR "workspaceId" IN (${Prisma.join(this.workspaces ?? [""])}))
              AND ("status" = 'queued' OR ("status" = 'running' AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < ${now})))
            ORDER BY "createdAt" ASC LIMIT 20 FOR UPDATE SKIP LOCKED`;
          return tx.optimizationJob.findMany({
            where: { id: { in: ids.map((r) => r.id) } },
            select,
            orderBy: { createdAt: "asc" },
          });
        }),
      sqlite: () =>
        this.db.optimizationJob.findMany({
          where: claimable,
          select,
          orderBy: { createdAt: "asc" },
          take: 20,
        }),
    });
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      attempts: r.attempts,
      workspaceId: r.workspaceId,
      orgId: r.workspace.orgId,
    }));
  }

  private async giveUp(
    c: { id: string; status: string; attempts: number; workspaceId: string; orgId: string },
    now: Date,
  ): Promise<void> {
    const reason = `The worker running this job stopped responding (its lease expired) on ${c.attempts} attempt(s); giving up. Cells already scored are kept; retry the job to run it again.`;
    await this.db.$transaction(async (tx) => {
      const failed = await tx.optimizationJob.updateMany({
        where: {
          id: c.id,
          status: "running",
          attempts: c.attempts,
          OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }],
        },
        data: {
          status: "failed",
          stage: "failed",
          error: reason,
          finishedAt: now,
          leaseOwner: null,
          leaseExpiresAt: null,
        },
      });
      if (failed.count === 0) return;
      await appendLog(tx, c.id, [`Failed: ${reason}`]);
      await recordJobEvent(tx, engineAt(c), c.id, "optimization.fail", {
        error: reason,
      });
    });
  }

  private execute(jobId: string): void {
    const controller = new AbortController();
    // Every in-flight call listens on the job's signal; there are many at once.
    setMaxListeners(0, controller.signal);
    const entry = { controller } as Running;
    this.running.set(jobId, entry);
    entry.done = this.runJob(jobId, entry).finally(() => {
      this.running.delete(jobId);
      this.poke();
    });
  }

  private async runJob(jobId: string, entry: Running): Promise<void> {
    const job = await this.db.optimizationJob.findUniqueOrThrow({
      where: { id: jobId },
      include: { workspace: { select: { orgId: true } } },
    });
    const store = new JobStore(
      this.db,
      jobId,
      job.workspaceId,
      job.workspace.orgId,
      this.id,
      this.o.leaseMs,
    );
    entry.store = store;
    if (this.dead) store.halt();
    const { controller } = entry;
    const beat = setInterval(
      () => {
        if (this.dead) return;
        store.heartbeat().catch((err: unknown) => {
          if (err instanceof LeaseLost) controller.abort(err);
        });
      },
      Math.min(this.o.leaseMs / 3, 2000),
    );
    try {
      const provider = await this.o.provider(this.db, job.workspaceId);
      if (!provider) {
        await store.fail(
          "No model provider is configured: set one in Settings → Model provider, or QUIVER_LLM_BASE_URL and QUIVER_LLM_MODEL in the environment, then retry the job",
        );
        return;
      }
      const client = createLlmClient(provider, {
        onRetry: (info) => {
          if (!this.dead)
            void store
              .log(
                `Provider: ${info.reason}; retrying in ${(info.delayMs / 1000).toFixed(1)} s (attempt ${info.attempt + 1})`,
              )
              .catch(() => undefined);
        },
      });
      await store.init(() => client.usage);
      this.o.log(`${job.attempts > 1 ? "resuming" : "running"} job ${jobId}`);
      await runPipeline(job, { store, client, signal: controller.signal });
      this.o.log(`job ${jobId} completed`);
    } catch (err) {
      if (this.dead) return;
      const lost = err instanceof LeaseLost || controller.signal.reason instanceof LeaseLost;
      if (lost) {
        this.o.log(
          `job ${jobId} is no longer this worker's (stopped, or taken over); stopped working on it`,
        );
        return;
      }
      if (this.stopping.signal.aborted) return; // shutting down: the lease was handed back
      const reason = describeProviderError(err);
      this.o.log(`job ${jobId} failed: ${reason}`);
      await store.fail(reason).catch(() => undefined);
    } finally {
      clearInterval(beat);
    }
  }

  /**
   * Graceful stop: stops claiming, interrupts the running jobs and hands their leases back, so that
   * another worker resumes them at once (the attempt is not counted against the job).
   */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.wake?.();
    const entries = [...this.running.entries()];
    for (const [, r] of entries) r.controller.abort(new Error("The worker is shutting down"));
    await Promise.allSettled(entries.map(([, r]) => r.done));
    for (const [id] of entries) {
      await this.db.optimizationJob
        .updateMany({
          where: { id, leaseOwner: this.id, status: "running" },
          data: { leaseOwner: null, leaseExpiresAt: null, attempts: { decrement: 1 } },
        })
        .catch(() => undefined);
    }
    await this.loop;
  }

  /** A crash, for tests: everything stops at once and nothing more is written; the leases just expire. */
  async kill(): Promise<void> {
    this.dead = true;
    this.stopping.abort();
    this.wake?.();
    for (const r of this.running.values()) {
      r.store?.halt();
      r.controller.abort(new Error("killed"));
    }
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }
}

/** The web server's in-process worker (QUIVER_WORKER, on by default); one per process. */
export function startInProcessWorker(): Worker | null {
  if (!env().QUIVER_WORKER) return null;
  let w = registeredWorker<Worker>();
  if (!w) {
    w = new Worker().start();
    registerWorker(w);
  }
  return w;
}
