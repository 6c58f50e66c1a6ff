// A fixed-window rate limiter per caller (token, session user or IP), kept in process memory:
// each instance counts its own requests, so N instances allow up to N times the limit.
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  retryAfterS: number;
}

const WINDOW_MS = 60_000;
const windows = new Map<string, { start: number; count: number }>();
let lastSweep = 0;

export function takeToken(key: string, limit: number, now = Date.now()): RateDecision {
  if (now - lastSweep > WINDOW_MS) {
    for (const [k, w] of windows) if (now - w.start >= WINDOW_MS) windows.delete(k);
    lastSweep = now;
  }
  let w = windows.get(key);
  if (!w || now - w.start >= WINDOW_MS) {
    w = { start: now, count: 0 };
    windows.set(key, w);
  }
  w.count += 1;
  const retryAfterS = Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000));
  return { allowed: w.count <= limit, limit, remaining: Math.max(0, limit - w.count), retryAfterS };
}

export function resetRateLimits(): void {
  windows.clear();
}
