// Holding a request until a runtime's resolved digest changes: the long-poll of the resolved view
// and its event stream. A watch subscribes to its org's changes (lib/runtimes/changes.ts) BEFORE it
// reads the digest, so no change slips between the read and the wait. On every wake (a change in
// the org, or RECHECK_MS without one) it asks again whether the caller may still see the runtime:
// a revoked token ends it with a 401, a deleted runtime with a 404, at once.
import type { WorkspaceCtx } from "@/lib/api/context";
import { subscribe } from "./changes";
import { resolvedDigestOf } from "./service";

/** Authorization is checked again at least this often while nothing changes (expired tokens, ended sessions). */
const RECHECK_MS = 15_000;

export interface RuntimeWatch {
  /** The context as last authorized. */
  readonly ctx: WorkspaceCtx;
  /**
   * The runtime's digest as soon as `current(digest)` is false; null when `deadline` (epoch ms)
   * passes or the request is aborted first. Throws the 401 or 404 that ends a watch.
   */
  until(current: (digest: string) => boolean, deadline: number): Promise<string | null>;
  close(): void;
}

export async function watchRuntime(args: {
  ctx: WorkspaceCtx;
  runtimeId: string;
  reauthorize: () => Promise<WorkspaceCtx>;
  signal: AbortSignal;
}): Promise<RuntimeWatch> {
  let ctx = args.ctx;
  let changed = false;
  let wake: (() => void) | null = null;
  const unsubscribe = await subscribe(ctx.org.id, () => {
    changed = true;
    wake?.();
  });
  const onAbort = () => wake?.();
  args.signal.addEventListener("abort", onAbort);

  /** Sleeps until a change, the abort, the recheck interval or the deadline, whichever is first. */
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  return {
    get ctx() {
      return ctx;
    },
    async until(current, deadline) {
      for (let woken = false; ; woken = true) {
        if (args.signal.aborted) return null;
        if (woken) ctx = await args.reauthorize();
        const digest = await resolvedDigestOf(ctx, args.runtimeId);
        if (!current(digest)) return digest;
        const left = deadline - Date.now();
        // Aborted while reading: no wake is coming for it, so look before sleeping.
        if (left <= 0 || args.signal.aborted) return null;
        if (!changed) await sleep(Math.min(left, RECHECK_MS));
        changed = false;
      }
    },
    close() {
      unsubscribe();
      args.signal.removeEventListener("abort", onAbort);
    },
  };
}
