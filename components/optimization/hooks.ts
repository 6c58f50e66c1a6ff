"use client";
// Query keys and hooks of a workspace's optimization runs: one hook per /api/v1 endpoint. A run
// that is queued or running is polled (it changes as its executor reports); a finished run is not.
// Mutations invalidate the workspace's run queries and refresh the server-rendered parts.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { z } from "zod";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import type { jobCell, jobCellList } from "@/lib/optimization/cell-schemas";
import type {
  applyResponse,
  createJobBody,
  job,
  jobList,
  variant,
} from "@/lib/optimization/schemas";
import type { Analysis } from "@/lib/optimization/stats";
import { isLive } from "@/lib/optimization/view";

export type JobView = z.infer<typeof job>;
export type JobListView = z.infer<typeof jobList>;
export type VariantView = z.infer<typeof variant>;
export type CellView = z.infer<typeof jobCell>;
export type CellListView = z.infer<typeof jobCellList>;
export type ApplyView = z.infer<typeof applyResponse>;
export type LogView = { seq: number; message: string; created_at: string };
export type { Analysis };

export interface Where {
  org: string;
  ws: string;
}

/** How often a live run is polled. */
export const LIVE_POLL_MS = 2_000;

export const optimizationKeys = {
  all: ({ org, ws }: Where) => ["org", org, "ws", ws, "optimization"] as const,
  list: (w: Where, qs: string) => [...optimizationKeys.all(w), "list", qs] as const,
  job: (w: Where, id: string) => [...optimizationKeys.all(w), "job", id] as const,
  variants: (w: Where, id: string) => [...optimizationKeys.job(w, id), "variants"] as const,
  analysis: (w: Where, id: string) => [...optimizationKeys.job(w, id), "analysis"] as const,
  logs: (w: Where, id: string) => [...optimizationKeys.job(w, id), "logs"] as const,
  cells: (w: Where, id: string, qs: string) =>
    [...optimizationKeys.job(w, id), "cells", qs] as const,
};

export const wsBase = ({ org, ws }: Where) =>
  `/api/v1/org/${encodeURIComponent(org)}/ws/${encodeURIComponent(ws)}`;
export const jobsBase = (w: Where) => `${wsBase(w)}/optimization/jobs`;

export function useJobs(w: Where, qs: string, initialData?: JobListView) {
  return useQuery({
    queryKey: optimizationKeys.list(w, qs),
    queryFn: () => apiFetch<JobListView>(`${jobsBase(w)}${qs ? `?${qs}` : ""}`),
    initialData,
    placeholderData: keepPreviousData,
    // While a run on this page is live, its status and progress follow.
    refetchInterval: (q) => (q.state.data?.jobs.some((j) => isLive(j.status)) ? 5_000 : false),
  });
}

export function useJob(w: Where, id: string, initialData?: JobView) {
  return useQuery({
    queryKey: optimizationKeys.job(w, id),
    queryFn: () => apiFetch<JobView>(`${jobsBase(w)}/${id}`),
    initialData,
    refetchInterval: (q) => (q.state.data && isLive(q.state.data.status) ? LIVE_POLL_MS : false),
  });
}

export function useVariants(
  w: Where,
  id: string,
  live: boolean,
  initialData?: { variants: VariantView[] },
) {
  return useQuery({
    queryKey: optimizationKeys.variants(w, id),
    queryFn: () => apiFetch<{ variants: VariantView[] }>(`${jobsBase(w)}/${id}/variants`),
    initialData,
    refetchInterval: live ? LIVE_POLL_MS : false,
  });
}

/** The statistics; null while the run has no control or no scored cells yet (the API's 404). */
export function useAnalysis(w: Where, id: string, live: boolean, initialData?: Analysis | null) {
  return useQuery({
    queryKey: optimizationKeys.analysis(w, id),
    queryFn: async () => {
      try {
        return await apiFetch<Analysis>(`${jobsBase(w)}/${id}/analysis`);
      } catch (err) {
        if (
          err instanceof ApiClientError &&
          err.status === 404 &&
          /No statistics yet/.test(err.message)
        )
          return null;
        throw err;
      }
    },
    initialData,
    refetchInterval: live ? LIVE_POLL_MS * 2 : false,
  });
}

export function useLogs(w: Where, id: string, live: boolean, initialData?: { logs: LogView[] }) {
  return useQuery({
    queryKey: optimizationKeys.logs(w, id),
    queryFn: () => apiFetch<{ logs: LogView[] }>(`${jobsBase(w)}/${id}/logs`),
    initialData,
    refetchInterval: live ? LIVE_POLL_MS : false,
  });
}

export function useCells(
  w: Where,
  id: string,
  filter: { variant?: string; persona?: string; page?: number; limit?: number },
  enabled = true,
) {
  const qs = new URLSearchParams(
    Object.entries(filter)
      .filter(([, v]) => v !== undefined && v !== "")
      .map(([k, v]) => [k, String(v)]),
  ).toString();
  return useQuery({
    queryKey: optimizationKeys.cells(w, id, qs),
    queryFn: () => apiFetch<CellListView>(`${jobsBase(w)}/${id}/cells?${qs}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}

function useInvalidateRuns(w: Where) {
  const qc = useQueryClient();
  const router = useRouter();
  return async () => {
    router.refresh();
    await qc.invalidateQueries({ queryKey: optimizationKeys.all(w) });
  };
}

/** The body of POST …/optimization/jobs, as the API's own schema types it. */
export type CreateJobInput = z.input<typeof createJobBody>;

export function useCreateJob(w: Where) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateJobInput) =>
      apiFetch<JobView>(jobsBase(w), { method: "POST", json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...optimizationKeys.all(w), "list"] }),
  });
}

export function useStopJob(w: Where, id: string) {
  const invalidate = useInvalidateRuns(w);
  return useMutation({
    mutationFn: (reason: string) =>
      apiFetch<JobView>(`${jobsBase(w)}/${id}/cancel`, {
        method: "POST",
        json: reason ? { reason } : {},
      }),
    onSuccess: invalidate,
  });
}

export function useRetryJob(w: Where, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<JobView>(`${jobsBase(w)}/${id}/retry`, { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...optimizationKeys.all(w), "list"] }),
  });
}

export function useApplyVariant(w: Where, id: string) {
  const invalidate = useInvalidateRuns(w);
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (variantId: string | undefined) =>
      apiFetch<ApplyView>(`${jobsBase(w)}/${id}/apply`, {
        method: "POST",
        json: variantId ? { variant_id: variantId } : {},
      }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ["org", w.org, "ws", w.ws, "prompts"] });
      // An agent-draft run changed the draft: drop what the browser holds of the workspace's
      // agents, so their pages start from the server's fresh first paint.
      qc.removeQueries({ queryKey: ["org", w.org, "ws", w.ws, "agents"] });
      await invalidate();
    },
  });
}

export function usePromote(w: Where, id: string) {
  const invalidate = useInvalidateRuns(w);
  return useMutation({
    mutationFn: (body: { name?: string; version?: string }) =>
      apiFetch<{ id: string; name: string; version: string }>(`${jobsBase(w)}/${id}/promote`, {
        method: "POST",
        json: body,
      }),
    onSuccess: invalidate,
  });
}
