"use client";
// Query keys and hooks of a workspace's optimization runs: one hook per /api/v1 endpoint. A run
// that is queued or running is polled (it changes as its executor reports); a finished run is not.
// Mutations invalidate the workspace's run queries and refresh the server-rendered parts.
import {
  keepPreviousData,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { z } from "zod";
import { agentKeys } from "@/components/agents/hooks";
import { promptKeys } from "@/components/prompts/hooks";
import { apiFetch } from "@/lib/api/client";
import { jobsBase, type Where } from "@/lib/api/paths";
import type { capabilityArtifactDetail } from "@/lib/catalog/schemas";
import type { analysis, analysisResponse } from "@/lib/optimization/analysis-schemas";
import type { jobCell, jobCellList } from "@/lib/optimization/cell-schemas";
import type {
  applyBody,
  applyResponse,
  createJobBody,
  job,
  jobList,
  logList,
  promoteBody,
  stopBody,
  updateJobBody,
  variant,
  variantList,
} from "@/lib/optimization/schemas";
import { isLive } from "@/lib/optimization/view";

export type { Where };
export type JobView = z.output<typeof job>;
export type JobListView = z.output<typeof jobList>;
export type VariantView = z.output<typeof variant>;
type VariantListView = z.output<typeof variantList>;
export type CellView = z.output<typeof jobCell>;
export type CellListView = z.output<typeof jobCellList>;
export type ApplyView = z.output<typeof applyResponse>;
export type Analysis = z.output<typeof analysis>;
type AnalysisResponse = z.output<typeof analysisResponse>;
type LogListView = z.output<typeof logList>;
export type LogView = LogListView["logs"][number];
type PromotedView = z.output<typeof capabilityArtifactDetail>;

/** How often a live run is polled. */
const LIVE_POLL_MS = 2_000;

export const optimizationKeys = {
  all: ({ org, ws }: Where) => ["org", org, "ws", ws, "optimization"] as const,
  list: (w: Where, qs: string) => [...optimizationKeys.lists(w), qs] as const,
  lists: (w: Where) => [...optimizationKeys.all(w), "list"] as const,
  job: (w: Where, id: string) => [...optimizationKeys.all(w), "job", id] as const,
  variants: (w: Where, id: string) => [...optimizationKeys.job(w, id), "variants"] as const,
  analysis: (w: Where, id: string) => [...optimizationKeys.job(w, id), "analysis"] as const,
  logs: (w: Where, id: string) => [...optimizationKeys.job(w, id), "logs"] as const,
  cells: (w: Where, id: string, qs: string) =>
    [...optimizationKeys.job(w, id), "cells", qs] as const,
};

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

const fetchVariants = (w: Where, id: string) =>
  apiFetch<VariantListView>(`${jobsBase(w)}/${id}/variants`);

export function useVariants(w: Where, id: string, live: boolean, initialData?: VariantListView) {
  return useQuery({
    queryKey: optimizationKeys.variants(w, id),
    queryFn: () => fetchVariants(w, id),
    initialData,
    refetchInterval: live ? LIVE_POLL_MS : false,
  });
}

/** The winners' names, from the server's first paint or (for runs that finished since) their variants. */
export function useWinnerNames(
  w: Where,
  jobs: JobView[],
  known: Record<string, string>,
): Record<string, string> {
  const missing = jobs.filter(
    (j) => j.results?.winning_variant_id && !known[j.results.winning_variant_id],
  );
  const results = useQueries({
    queries: missing.map((j) => ({
      queryKey: optimizationKeys.variants(w, j.id),
      queryFn: () => fetchVariants(w, j.id),
      staleTime: Infinity, // a completed run's variants never change
    })),
  });
  const names = { ...known };
  for (const r of results) for (const v of r.data?.variants ?? []) names[v.id] = v.name;
  return names;
}

/** The statistics; null while the run has no control or no scored cells yet. */
export function useAnalysis(w: Where, id: string, live: boolean, initialData?: Analysis | null) {
  return useQuery({
    queryKey: optimizationKeys.analysis(w, id),
    queryFn: async () =>
      (await apiFetch<AnalysisResponse>(`${jobsBase(w)}/${id}/analysis`)).analysis,
    initialData,
    refetchInterval: live ? LIVE_POLL_MS * 2 : false,
  });
}

export function useLogs(w: Where, id: string, live: boolean, initialData?: LogListView) {
  return useQuery({
    queryKey: optimizationKeys.logs(w, id),
    queryFn: () => apiFetch<LogListView>(`${jobsBase(w)}/${id}/logs`),
    initialData,
    refetchInterval: live ? LIVE_POLL_MS : false,
  });
}

/** Cells page by page, filtered and sorted by the API (`GET …/cells`'s query). */
export function useCells(
  w: Where,
  id: string,
  filter: Record<string, string | number | undefined>,
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
    onSuccess: () => qc.invalidateQueries({ queryKey: optimizationKeys.lists(w) }),
  });
}

export function useStopJob(w: Where, id: string) {
  const invalidate = useInvalidateRuns(w);
  return useMutation({
    mutationFn: (reason: string) =>
      apiFetch<JobView>(`${jobsBase(w)}/${id}/cancel`, {
        method: "POST",
        json: (reason ? { reason } : {}) satisfies z.input<typeof stopBody>,
      }),
    onSuccess: invalidate,
  });
}

/** The body of PATCH …/optimization/jobs/{id}: a new name, or archived true/false. */
type UpdateJobInput = z.input<typeof updateJobBody>;

export function useUpdateJob(w: Where, id: string) {
  const invalidate = useInvalidateRuns(w);
  return useMutation({
    mutationFn: (body: UpdateJobInput) =>
      apiFetch<JobView>(`${jobsBase(w)}/${id}`, { method: "PATCH", json: body }),
    onSuccess: invalidate,
  });
}

export function useRetryJob(w: Where, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<JobView>(`${jobsBase(w)}/${id}/retry`, { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: optimizationKeys.lists(w) }),
  });
}

export function useApplyVariant(w: Where, id: string) {
  const invalidate = useInvalidateRuns(w);
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (variantId: string | undefined) =>
      apiFetch<ApplyView>(`${jobsBase(w)}/${id}/apply`, {
        method: "POST",
        json: (variantId ? { variant_id: variantId } : {}) satisfies z.input<typeof applyBody>,
      }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: promptKeys.all(w) });
      // An agent-draft run changed the draft: drop what the browser holds of the workspace's
      // agents, so their pages start from the server's fresh first paint.
      qc.removeQueries({ queryKey: agentKeys.all(w) });
      await invalidate();
    },
  });
}

export function usePromote(w: Where, id: string) {
  const invalidate = useInvalidateRuns(w);
  return useMutation({
    mutationFn: (body: z.input<typeof promoteBody>) =>
      apiFetch<PromotedView>(`${jobsBase(w)}/${id}/promote`, {
        method: "POST",
        json: body,
      }),
    onSuccess: invalidate,
  });
}
