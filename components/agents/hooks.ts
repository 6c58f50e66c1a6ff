"use client";
// Query keys and hooks of a workspace's agents, their draft and releases: one hook per /api/v1
// endpoint. Every change invalidates the agent's queries (its summary, draft, diff and history
// all follow a save, a deploy, a restore or a rollback) and refreshes the server-rendered parts of the page.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { z } from "zod";
import { apiFetch } from "@/lib/api/client";
import { agentsBase, type Where } from "@/lib/api/paths";
import type {
  agent,
  agentList,
  createAgentBody,
  deployBody,
  draft,
  release,
  releaseDiff,
  releaseList,
  rollbackBody,
  updateAgentBody,
  updateDraftBody,
} from "@/lib/agents/schemas";

export type { Where };
export type AgentView = z.output<typeof agent>;
export type AgentListView = z.output<typeof agentList>;
export type DraftView = z.output<typeof draft>;
export type ReleaseView = z.output<typeof release>;
export type ReleaseListView = z.output<typeof releaseList>;
export type ReleaseSummaryView = ReleaseListView["releases"][number];
export type ReleaseDiffView = z.output<typeof releaseDiff>;
/** The body of PUT …/draft (snake_case, the whole configuration). */
export type DraftBody = z.input<typeof updateDraftBody>;
type CreateAgentBody = z.input<typeof createAgentBody>;
type UpdateAgentBody = z.input<typeof updateAgentBody>;
type DeployBody = z.input<typeof deployBody>;
type RollbackBody = z.input<typeof rollbackBody>;

export const agentKeys = {
  all: ({ org, ws }: Where) => ["org", org, "ws", ws, "agents"] as const,
  list: (w: Where) => [...agentKeys.all(w), "list"] as const,
  one: (w: Where, id: string) => [...agentKeys.all(w), id] as const,
  draft: (w: Where, id: string) => [...agentKeys.one(w, id), "draft"] as const,
  diff: (w: Where, id: string, from: string, to: string) =>
    [...agentKeys.one(w, id), "diff", from, to] as const,
  releases: (w: Where, id: string, offset: number, limit: number) =>
    [...agentKeys.one(w, id), "releases", offset, limit] as const,
};

export const agentsPath = ({ org, ws }: Where) => `/${org}/${ws}/agents`;

export function useAgents(w: Where, initialData?: AgentListView) {
  return useQuery({
    queryKey: agentKeys.list(w),
    queryFn: () => apiFetch<AgentListView>(agentsBase(w)),
    initialData,
  });
}

export function useAgent(w: Where, id: string, initialData?: AgentView) {
  return useQuery({
    queryKey: agentKeys.one(w, id),
    queryFn: () => apiFetch<AgentView>(`${agentsBase(w)}/${id}`),
    initialData,
  });
}

export function useDraft(w: Where, id: string, initialData?: DraftView) {
  return useQuery({
    queryKey: agentKeys.draft(w, id),
    queryFn: () => apiFetch<DraftView>(`${agentsBase(w)}/${id}/draft`),
    initialData,
  });
}

export function useReleaseDiff(
  w: Where,
  id: string,
  from: string,
  to: string,
  opts: { initialData?: ReleaseDiffView; enabled?: boolean } = {},
) {
  return useQuery({
    queryKey: agentKeys.diff(w, id, from, to),
    queryFn: () =>
      apiFetch<ReleaseDiffView>(
        `${agentsBase(w)}/${id}/releases/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      ),
    initialData: opts.initialData,
    enabled: opts.enabled ?? true,
    placeholderData: keepPreviousData,
  });
}

export function useReleases(
  w: Where,
  id: string,
  offset: number,
  limit: number,
  initialData?: ReleaseListView,
) {
  return useQuery({
    queryKey: agentKeys.releases(w, id, offset, limit),
    queryFn: () =>
      apiFetch<ReleaseListView>(`${agentsBase(w)}/${id}/releases?limit=${limit}&offset=${offset}`),
    initialData,
    placeholderData: keepPreviousData,
  });
}

function useInvalidateAgents(w: Where) {
  const qc = useQueryClient();
  const router = useRouter();
  return async () => {
    router.refresh();
    await qc.invalidateQueries({ queryKey: agentKeys.all(w) });
  };
}

export function useCreateAgent(w: Where) {
  const invalidate = useInvalidateAgents(w);
  return useMutation({
    mutationFn: (body: CreateAgentBody) =>
      apiFetch<AgentView>(agentsBase(w), { method: "POST", json: body }),
    onSuccess: invalidate,
  });
}

export function useUpdateAgent(w: Where, id: string) {
  const invalidate = useInvalidateAgents(w);
  return useMutation({
    mutationFn: (body: UpdateAgentBody) =>
      apiFetch<AgentView>(`${agentsBase(w)}/${id}`, { method: "PATCH", json: body }),
    onSuccess: invalidate,
  });
}

export function useDeleteAgent(w: Where, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<void>(`${agentsBase(w)}/${id}`, { method: "DELETE" }),
    // Not the agent's own queries: they would refetch a 404 while the page navigates away.
    onSuccess: () => qc.invalidateQueries({ queryKey: agentKeys.list(w) }),
  });
}

/**
 * Saves the draft; the answer (the draft at its new revision) replaces the cached one at once,
 * in the same update as `onSaved` (the editor's reset to it), so that nothing renders in between.
 */
export function useSaveDraft(w: Where, id: string, onSaved?: (saved: DraftView) => void) {
  const qc = useQueryClient();
  const invalidate = useInvalidateAgents(w);
  return useMutation({
    mutationFn: (body: DraftBody) =>
      apiFetch<DraftView>(`${agentsBase(w)}/${id}/draft`, { method: "PUT", json: body }),
    onSuccess: (saved) => {
      onSaved?.(saved);
      qc.setQueryData(agentKeys.draft(w, id), saved);
      void invalidate();
    },
  });
}

export function useDeploy(w: Where, id: string) {
  const invalidate = useInvalidateAgents(w);
  return useMutation({
    mutationFn: (body: DeployBody) =>
      apiFetch<ReleaseView>(`${agentsBase(w)}/${id}/draft/deploy`, { method: "POST", json: body }),
    onSuccess: invalidate,
  });
}

export function useRestore(w: Where, id: string) {
  const qc = useQueryClient();
  const invalidate = useInvalidateAgents(w);
  return useMutation({
    mutationFn: (releaseId: string) =>
      apiFetch<DraftView>(`${agentsBase(w)}/${id}/releases/${releaseId}/restore`, {
        method: "POST",
      }),
    onSuccess: async (restored) => {
      qc.setQueryData(agentKeys.draft(w, id), restored);
      await invalidate();
    },
  });
}

/** Restores a release and deploys it, as one action (POST …/releases/{id}/rollback). */
export function useRollback(w: Where, id: string) {
  const invalidate = useInvalidateAgents(w);
  return useMutation({
    mutationFn: ({ releaseId, body }: { releaseId: string; body: RollbackBody }) =>
      apiFetch<ReleaseView>(`${agentsBase(w)}/${id}/releases/${releaseId}/rollback`, {
        method: "POST",
        json: body,
      }),
    onSuccess: invalidate,
  });
}
