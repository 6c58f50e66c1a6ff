// How much data one optimization job may hold, derived from its own plan: the variants it asked
// for, the personas it plays and the scenarios per persona of its mode, with a little slack for a
// harness that retries a conversation under a new scenario name. An external executor's progress
// report that would take the job past any bound is refused whole (lib/optimization/job/progress.ts), so a
// job planned for 30 conversations cannot grow to 30,000 and hold the database for everyone.
import { ApiError } from "@/lib/api/errors";

/** Scenarios per persona and variant a run of each mode plays (the progress total). */
export const SCENARIOS_PER_PERSONA = { exploratory: 3, validation: 8 } as const;

/** Agent answers per simulated conversation when the request names no max_turns. */
export const DEFAULT_MAX_TURNS = 6;

/** Personas one job plays at most (the same as `persona_ids`' own limit). */
export const MAX_PERSONAS_PER_JOB = 50;
/** Extra scenarios per persona a harness may report beyond the plan (retries under a new name), as a fraction. */
const RETRY_SLACK = 0.25;
/** One cell's transcript: UTF-8 bytes of its roles and contents. */
export const TRANSCRIPT_MAX_BYTES = 128 * 1024;
/** Log lines a job may hold: this many, plus two per cell the job may hold. */
export const LOG_LINES_BASE = 100;
/** One progress report's body (the route's limit). */
export const REPORT_MAX_BYTES = 8 * 1024 * 1024;
/** Cells and log lines in one progress report (the request schema's limit). */
export const REPORT_MAX_CELLS = 1000;
export const REPORT_MAX_LOG_LINES = 1000;

export interface JobPlan {
  variantCount: number;
  personaIds: unknown;
  mode: keyof typeof SCENARIOS_PER_PERSONA;
  maxTurns: number;
}

export interface JobBounds {
  /** The control and the candidates. */
  variants: number;
  personas: number;
  /** Scenarios per persona, slack included. */
  scenarios: number;
  cells: number;
  /** Turns (messages) of one cell's transcript: a user message and an answer per agent turn, and one more of each. */
  turns: number;
  transcriptBytes: number;
  logLines: number;
}

export function jobBounds(job: JobPlan): JobBounds {
  const variants = job.variantCount + 1;
  const personas = Array.isArray(job.personaIds) ? job.personaIds.length : 0;
  const planned = SCENARIOS_PER_PERSONA[job.mode];
  const scenarios = planned + Math.ceil(planned * RETRY_SLACK);
  const cells = variants * personas * scenarios;
  return {
    variants,
    personas,
    scenarios,
    cells,
    turns: 2 * job.maxTurns + 2,
    transcriptBytes: TRANSCRIPT_MAX_BYTES,
    logLines: LOG_LINES_BASE + 2 * cells,
  };
}

/** UTF-8 bytes of a transcript's roles and contents. */
export function transcriptBytes(transcript: { role: string; content: string }[]): number {
  return transcript.reduce(
    (n, t) => n + Buffer.byteLength(t.role, "utf8") + Buffer.byteLength(t.content, "utf8"),
    0,
  );
}

/** The 422 a report past a bound gets: what the bound is, where it comes from, and the count the report would reach. */
export function pastBound(
  what: string,
  bound: number,
  count: number,
  why: string,
  loc: (string | number)[],
): ApiError {
  return new ApiError(
    "validation",
    `Too many ${what}: this job holds at most ${bound} (${why}); this report would bring it to ${count}. Nothing from this report was stored.`,
    {
      errors: [
        {
          loc,
          msg: `at most ${bound} ${what} for this job; the report would make ${count}`,
          type: "limit_exceeded",
        },
      ],
    },
  );
}
