"use client";
// Query keys and hooks of Settings → Model provider: one per endpoint of
// /api/v1/org/{org}/ws/{workspace}/model-provider. Saving puts the answer straight into the cache.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { apiFetch } from "@/lib/api/client";
import { modelProviderPath, type Where } from "@/lib/api/paths";
import type {
  modelProvider,
  modelProviderTestResult,
  putModelProviderBody,
} from "@/lib/llm/provider-schemas";

export type { Where };
export type ModelProviderView = z.output<typeof modelProvider>;
export type ModelProviderTestResult = z.output<typeof modelProviderTestResult>;

type Limits = "max_concurrency" | "timeout_ms";
/** The PUT body as the form sends it; numbers that do not parse go as text so the API names them. */
export type ModelProviderBody = Omit<z.input<typeof putModelProviderBody>, Limits> & {
  [K in Limits]?: number | string;
};

const modelProviderKeys = {
  detail: (w: Where) => ["org", w.org, "ws", w.ws, "model-provider"] as const,
};

const path = modelProviderPath;

export function useModelProvider(w: Where, initial: ModelProviderView) {
  return useQuery({
    queryKey: modelProviderKeys.detail(w),
    queryFn: () => apiFetch<ModelProviderView>(path(w)),
    initialData: initial,
  });
}

export function useSaveModelProvider(w: Where) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ModelProviderBody) =>
      apiFetch<ModelProviderView>(path(w), { method: "PUT", json: body }),
    onSuccess: (view) => qc.setQueryData(modelProviderKeys.detail(w), view),
  });
}

export function useRemoveModelProvider(w: Where) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<void>(path(w), { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: modelProviderKeys.detail(w) }),
  });
}

/** No body: the configuration that applies; a body: those settings, unsaved. */
export function useTestModelProvider(w: Where) {
  return useMutation({
    mutationFn: (body: ModelProviderBody | undefined) =>
      apiFetch<ModelProviderTestResult>(`${path(w)}/test`, {
        method: "POST",
        ...(body ? { json: body } : {}),
      }),
  });
}
