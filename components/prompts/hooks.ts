"use client";
// Query keys and hooks of a workspace's prompts: one hook per /api/v1 endpoint;
// mutations invalidate by key and refresh the server-rendered parts of the page.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { z } from "zod";
import { apiFetch } from "@/lib/api/client";
import type { prompt, promptList, promptVersion } from "@/lib/optimization/schemas";

export type PromptView = z.infer<typeof prompt>;
export type PromptListView = z.infer<typeof promptList>;
export type PromptVersionView = z.infer<typeof promptVersion>;
export type PromptStatus = PromptView["status"];

export interface Where {
  org: string;
  ws: string;
}

export const promptKeys = {
  all: ({ org, ws }: Where) => ["org", org, "ws", ws, "prompts"] as const,
  list: (w: Where, qs: string) => [...promptKeys.all(w), "list", qs] as const,
  one: (w: Where, id: string) => [...promptKeys.all(w), id] as const,
  versions: (w: Where, id: string) => [...promptKeys.one(w, id), "versions"] as const,
};

export const base = ({ org, ws }: Where) =>
  `/api/v1/org/${encodeURIComponent(org)}/ws/${encodeURIComponent(ws)}`;

export function usePrompts(w: Where, qs = "limit=100", initialData?: PromptListView) {
  return useQuery({
    queryKey: promptKeys.list(w, qs),
    queryFn: () => apiFetch<PromptListView>(`${base(w)}/prompts?${qs}`),
    initialData,
  });
}

export function usePrompt(w: Where, id: string, initialData?: PromptView) {
  return useQuery({
    queryKey: promptKeys.one(w, id),
    queryFn: () => apiFetch<PromptView>(`${base(w)}/prompts/${id}`),
    initialData,
  });
}

export function usePromptVersions(
  w: Where,
  id: string,
  initialData?: { versions: PromptVersionView[] },
) {
  return useQuery({
    queryKey: promptKeys.versions(w, id),
    queryFn: () => apiFetch<{ versions: PromptVersionView[] }>(`${base(w)}/prompts/${id}/versions`),
    initialData,
  });
}

export function useInvalidate(keys: readonly unknown[]) {
  const qc = useQueryClient();
  const router = useRouter();
  return async () => {
    router.refresh();
    await qc.invalidateQueries({ queryKey: keys });
  };
}

export function useCreatePrompt(w: Where) {
  const invalidate = useInvalidate(promptKeys.all(w));
  return useMutation({
    mutationFn: (body: {
      name: string;
      description: string;
      tags: string[];
      status: PromptStatus;
      content: string;
    }) => apiFetch<PromptView>(`${base(w)}/prompts`, { method: "POST", json: body }),
    onSuccess: invalidate,
  });
}

export function useUpdatePrompt(w: Where, id: string) {
  const invalidate = useInvalidate(promptKeys.all(w));
  return useMutation({
    mutationFn: (body: {
      name?: string;
      description?: string;
      tags?: string[];
      status?: PromptStatus;
      active_version_id?: string;
    }) => apiFetch<PromptView>(`${base(w)}/prompts/${id}`, { method: "PATCH", json: body }),
    onSuccess: invalidate,
  });
}

export function useAddPromptVersion(w: Where, id: string) {
  const invalidate = useInvalidate(promptKeys.all(w));
  return useMutation({
    mutationFn: (body: { content: string; note?: string; activate: boolean }) =>
      apiFetch<PromptVersionView>(`${base(w)}/prompts/${id}/versions`, {
        method: "POST",
        json: body,
      }),
    onSuccess: invalidate,
  });
}
