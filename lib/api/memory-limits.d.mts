// Types of memory-limits.mjs (plain JavaScript, also run by scripts/start.mjs without a compiler).
export interface Bucket {
  key: string;
  /** Requests a full bucket holds, and how many it regains per period. */
  limit: number;
  periodMs: number;
}

export interface TakeResult {
  allowed: boolean;
  /** Of the bucket with the fewest requests left. */
  limit: number;
  remaining: number;
  /** When refused: until one request would pass. */
  retryAfterMs: number;
}

export interface AttemptPolicy {
  /** Attempts before the first lock. */
  free: number;
  baseLockMs: number;
  maxLockMs: number;
  /** A record is forgotten this long after its lock ends. */
  forgetMs: number;
}

export interface AttemptResult {
  allowed: boolean;
  retryAfterMs: number;
}

export declare function decide(buckets: Bucket[], ahead: number[]): TakeResult;
export declare function bucketInterval(b: Bucket): number;

/** What takeUpTo took: `granted` requests (0: refused), and the decision after them. */
export interface GrantResult extends TakeResult {
  granted: number;
}

export declare class MemoryLimits {
  take(buckets: Bucket[], now: number): TakeResult;
  takeUpTo(buckets: Bucket[], now: number, n: number): GrantResult;
  refund(bucket: Bucket, now: number, count?: number): void;
  attempt(key: string, policy: AttemptPolicy, now: number): AttemptResult;
  clear(key: string): void;
  reset(): void;
}

export type LimitOp = "take" | "takeUpTo" | "refund" | "attempt" | "clear";

export interface LimitOperation {
  id: number;
  op: LimitOp;
  args: unknown[];
}

export interface LimitAnswer {
  id: number;
  result?: unknown;
  error?: string;
}

/** One operation, or (what PrimaryLimitStore sends) a batch of them. */
export type LimitRequest =
  ({ type: "quiver:limits" } & LimitOperation) | { type: "quiver:limits"; batch: LimitOperation[] };

export type LimitReply =
  ({ type: "quiver:limits" } & LimitAnswer) | { type: "quiver:limits"; batch: LimitAnswer[] };

export declare const LIMITS_MESSAGE: "quiver:limits";
export declare function answerLimitMessage(
  limits: MemoryLimits,
  message: unknown,
): LimitReply | null;
