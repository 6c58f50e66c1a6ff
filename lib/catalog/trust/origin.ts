// Who stored a version, how and when, read from its recorded origin: a push names `pushed_by`,
// a promotion `promoted_by`. The trust card's provenance and the capability page both say it.
export interface OriginView {
  who: string | null;
  how: string;
  at: string | null;
  token: string | null;
  jobId: string | null;
}

export function originOf(origin: Record<string, unknown>): OriginView {
  const o = origin as {
    type?: string;
    via?: string;
    pushed_by?: { email?: string; token?: string };
    pushed_at?: string;
    job_id?: string;
    promoted_by?: { email?: string };
    promoted_at?: string;
  };
  return {
    who: o.pushed_by?.email ?? o.promoted_by?.email ?? null,
    how:
      o.type === "promotion"
        ? "promoted from an optimization job"
        : `pushed via ${o.via === "cli" ? "the CLI" : o.via === "seed" ? "the demo seed" : "the API"}`,
    at: o.pushed_at ?? o.promoted_at ?? null,
    token: o.pushed_by?.token ?? null,
    jobId: o.job_id ?? null,
  };
}
