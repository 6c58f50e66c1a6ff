"use client";
// Query keys and hooks of a workspace's prompts: one hook per /api/v1 endpoint;
// mutations invalidate by key and refresh the server-rendered parts of the page.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { z } from "zod";
import { apiFetch } from "@/lib/api/client";
import { promptsBase, type Where } from "@/lib/api/paths";
import type {
  createPromptBody,
  createPromptVersionBody,
  prompt,
  promptList,
  promptVersion,
  promptVersionList,
  updatePromptBody,
} from "@/lib/optimization/schemas";

export type { Where };
export type PromptView = z.output<typeof prompt>;
export type PromptListView = z.output<typeof promptList>;
export type PromptVersionView = z.output<typeof promptVersion>;
type PromptVersionListView = z.output<typeof promptVersionList>;
export type PromptStatus = PromptView["status"];

export const promptKeys = {
  all: ({ org, ws }: Where) => ["org", org, "ws", ws, "prompts"] as const,
  list: (w: Where, qs: string) => [...promptKeys.all(w), "list", qs] as const,
  one: (w: Where, id: string) => [...promptKeys.all(w), id] as const,
  versions: (w: Where, id: string) => [...promptKeys.one(w, id), "versions"] as const,
};

export function usePrompts(w: Where, qs = "limit=100", initialData?: PromptListView) {
  return useQuery({
    queryKey: promptKeys.list(w, qs),
    queryFn: () => apiFetch<PromptListView>(`${promptsBase(w)}?${qs}`),
    initialData,
  });
}

export function usePrompt(w: Where, id: string, initialData?: PromptView) {
  return useQuery({
    queryKey: promptKeys.one(w, id),
    queryFn: () => apiFetch<PromptView>(`${promptsBase(w)}/${id}`),
    initialData,
  });
}

export function usePromptVersions(w: Where, id: string, initialData?: PromptVersionListView) {
  return useQuery({
    queryKey: promptKeys.versions(w, id),
    queryFn: () => apiFetch<PromptVersionListView>(`${promptsBase(w)}/${id}/versions`),
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
    mutationFn: (body: z.input<typeof createPromptBody>) =>
      apiFetch<PromptView>(promptsBase(w), { method: "POST", json: body }),
    onSuccess: invalidate,
  });
}

export function useUpdatePrompt(w: Where, id: string) {
  const invalidate = useInvalidate(promptKeys.all(w));
  return useMutation({
    mutationFn: (body: z.input<typeof updatePromptBody>) =>
      apiFetch<PromptView>(`${promptsBase(w)}/${id}`, { method: "PATCH", json: body }),
    onSuccess: invalidate,
  });
}

export function useAddPromptVersion(w: Where, id: string) {
  const invalidate = useInvalidate(promptKeys.all(w));
  return useMutation({
    mutationFn: (body: z.input<typeof createPromptVersionBody>) =>
      apiFetch<PromptVersionView>(`${promptsBase(w)}/${id}/versions`, {
        method: "POST",
        json: body,
      }),
    onSuccess: invalidate,
  });
}
