"use client";
// Query keys and hooks of a workspace's runtimes: one hook per /api/v1 endpoint. Every mutation
// invalidates the workspace's runtime queries (counts, digests and sync status all follow a
// binding change) and refreshes the server-rendered parts of the page (the runtime's history);
// toggling a binding and its flags is optimistic and rolls back on error.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { z } from "zod";
import { catalogKeys, type CapabilityDetail } from "@/components/catalog/hooks";
import { apiFetch } from "@/lib/api/client";
import { capabilityBase, runtimesBase, type Where } from "@/lib/api/paths";
import type {
  createBindingBody,
  createRuntimeBody,
  resolvedConfiguration,
  runtime,
  runtimeCapabilityBinding,
  runtimeCapabilityListResponse,
  runtimeListResponse,
  toolDriftReport,
  updateBindingBody,
  updateRuntimeBody,
  upgradePreview,
} from "@/lib/runtimes/schemas";
import { declaredFlagsOf, type DeclaredFlag } from "./flags";

export type { DeclaredFlag, Where };
export type RuntimeView = z.output<typeof runtime>;
type RuntimeListView = z.output<typeof runtimeListResponse>;
export type BindingView = z.output<typeof runtimeCapabilityBinding>;
type BindingListView = z.output<typeof runtimeCapabilityListResponse>;
export type ResolvedView = z.output<typeof resolvedConfiguration>;
export type UpgradePreviewView = z.output<typeof upgradePreview>;
export type ToolDriftView = z.output<typeof toolDriftReport>;
type BindingBody = z.input<typeof updateBindingBody>;

const runtimeKeys = {
  all: ({ org, ws }: Where) => ["org", org, "ws", ws, "runtimes"] as const,
  list: (w: Where) => [...runtimeKeys.all(w), "list"] as const,
  one: (w: Where, id: string) => [...runtimeKeys.all(w), id] as const,
  bindings: (w: Where, id: string) => [...runtimeKeys.one(w, id), "bindings"] as const,
  resolved: (w: Where, id: string) => [...runtimeKeys.one(w, id), "resolved"] as const,
  toolDrift: (w: Where, id: string) => [...runtimeKeys.one(w, id), "tool-drift"] as const,
  preview: (w: Where, id: string, bindingId: string, to: string) =>
    [...runtimeKeys.one(w, id), "preview", bindingId, to] as const,
  // A version's declared flags never change (versions are immutable): cached per org, not per runtime.
  flags: (org: string, name: string, version: string) =>
    [...catalogKeys.all(org), "flags", name, version] as const,
};

export function useRuntimes(w: Where, initialData?: RuntimeListView) {
  // Heartbeats arrive all the time: the sync column follows them.
  return useQuery({
    queryKey: runtimeKeys.list(w),
    queryFn: () => apiFetch<RuntimeListView>(runtimesBase(w)),
    initialData,
    refetchInterval: 30_000,
  });
}

export function useRuntime(w: Where, id: string, initialData?: RuntimeView) {
  return useQuery({
    queryKey: runtimeKeys.one(w, id),
    queryFn: () => apiFetch<RuntimeView>(`${runtimesBase(w)}/${id}`),
    initialData,
    refetchInterval: 30_000,
  });
}

export function useBindings(w: Where, id: string, initialData?: BindingListView) {
  return useQuery({
    queryKey: runtimeKeys.bindings(w, id),
    queryFn: () => apiFetch<BindingListView>(`${runtimesBase(w)}/${id}/capabilities`),
    initialData,
  });
}

export function useResolved(w: Where, id: string, initialData?: ResolvedView) {
  return useQuery({
    queryKey: runtimeKeys.resolved(w, id),
    queryFn: () => apiFetch<ResolvedView>(`${runtimesBase(w)}/${id}/capabilities/resolved`),
    initialData,
  });
}

export function useToolDrift(w: Where, id: string, initialData?: ToolDriftView) {
  // Follows the runtime's heartbeats, like its sync status.
  return useQuery({
    queryKey: runtimeKeys.toolDrift(w, id),
    queryFn: () => apiFetch<ToolDriftView>(`${runtimesBase(w)}/${id}/tool-drift`),
    initialData,
    refetchInterval: 30_000,
  });
}

export function useUpgradePreview(
  w: Where,
  id: string,
  bindingId: string,
  to: string,
  enabled: boolean,
) {
  return useQuery({
    queryKey: runtimeKeys.preview(w, id, bindingId, to),
    queryFn: () =>
      apiFetch<UpgradePreviewView>(
        `${runtimesBase(w)}/${id}/capabilities/${bindingId}/upgrade-preview${to ? `?to=${to}` : ""}`,
      ),
    enabled,
    staleTime: 0,
  });
}

/** The flags a capability version declares, from its manifest (GET .../capabilities/{name}/{version}). */
export function useDeclaredFlags(
  org: string,
  name: string,
  version: string,
  initialData?: DeclaredFlag[],
) {
  return useQuery({
    queryKey: runtimeKeys.flags(org, name, version),
    queryFn: async () => {
      const detail = await apiFetch<CapabilityDetail>(`${capabilityBase(org, name)}/${version}`);
      return declaredFlagsOf(detail.manifest);
    },
    initialData,
    staleTime: Infinity,
  });
}

function useInvalidateRuntimes(w: Where) {
  const qc = useQueryClient();
  const router = useRouter();
  return async () => {
    // Offline, a refresh would fall back to a full page load (an error page): skip it; the
    // queries wait for the connection.
    if (navigator.onLine) router.refresh();
    await qc.invalidateQueries({ queryKey: runtimeKeys.all(w) });
  };
}

export function useCreateRuntime(w: Where) {
  const invalidate = useInvalidateRuntimes(w);
  return useMutation({
    mutationFn: (body: z.input<typeof createRuntimeBody>) =>
      apiFetch<RuntimeView>(runtimesBase(w), { method: "POST", json: body }),
    onSuccess: invalidate,
  });
}

export function useUpdateRuntime(w: Where, id: string) {
  const invalidate = useInvalidateRuntimes(w);
  return useMutation({
    mutationFn: (body: z.input<typeof updateRuntimeBody>) =>
      apiFetch<RuntimeView>(`${runtimesBase(w)}/${id}`, { method: "PATCH", json: body }),
    onSuccess: invalidate,
  });
}

export function useDeleteRuntime(w: Where, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<void>(`${runtimesBase(w)}/${id}`, { method: "DELETE" }),
    // Not the runtime's own queries: they would refetch a 404 while the page navigates away.
    onSuccess: () => qc.invalidateQueries({ queryKey: runtimeKeys.list(w) }),
  });
}

export function useAddBinding(w: Where, id: string) {
  const invalidate = useInvalidateRuntimes(w);
  return useMutation({
    mutationFn: (body: z.input<typeof createBindingBody>) =>
      apiFetch<BindingView>(`${runtimesBase(w)}/${id}/capabilities`, {
        method: "POST",
        json: body,
      }),
    onSuccess: invalidate,
  });
}

/** One change at a time (the API refuses more): the body of PATCH …/capabilities/{binding_id}. */
export type BindingChange =
  | Required<Pick<BindingBody, "enabled">>
  | Required<Pick<BindingBody, "flags">>
  | Required<Pick<BindingBody, "version">>;

/** What the binding looks like once the change applies, for the optimistic update. */
function applied(b: BindingView, change: BindingChange): BindingView {
  if ("enabled" in change) return { ...b, enabled: change.enabled };
  if ("flags" in change) {
    const flags = { ...b.flags };
    for (const [f, v] of Object.entries(change.flags)) {
      if (v === null) delete flags[f];
      else flags[f] = v;
    }
    return { ...b, flags };
  }
  return b; // a version change is not guessed: the server decides which overrides survive
}

/** The binding as it was before a refused change; other bindings keep their (newer) state. */
function rollBack(cur: BindingListView | undefined, before: BindingListView, bindingId: string) {
  if (!cur) return before;
  const was = before.items.find((b) => b.id === bindingId);
  return { items: cur.items.map((b) => (b.id === bindingId && was ? was : b)) };
}

/** A change of one binding; `previous`: the change that takes it back (what Undo sends). */
export interface BindingVars {
  bindingId: string;
  change: BindingChange;
  previous?: BindingChange;
  /** This change is an Undo of an earlier one. */
  undone?: boolean;
}

/**
 * `onRefused` and `onApplied` hear of every change (also of one made while another was pending),
 * so that each gets its failure or its toast. A change made offline fails at once (the client's
 * mutations run with networkMode "always") and rolls back like any refused one.
 */
export function useUpdateBinding(
  w: Where,
  id: string,
  on: {
    onRefused?: (vars: BindingVars, err: Error) => void;
    onApplied?: (vars: BindingVars, binding: BindingView) => void;
  } = {},
) {
  const qc = useQueryClient();
  const invalidate = useInvalidateRuntimes(w);
  const key = runtimeKeys.bindings(w, id);
  const mutationKey = [...key, "update"];
  return useMutation({
    mutationKey,
    mutationFn: ({ bindingId, change }: BindingVars) =>
      apiFetch<BindingView>(`${runtimesBase(w)}/${id}/capabilities/${bindingId}`, {
        method: "PATCH",
        json: change,
      }),
    onMutate: async ({ bindingId, change }) => {
      await qc.cancelQueries({ queryKey: key });
      const before = qc.getQueryData<BindingListView>(key);
      if (before)
        qc.setQueryData(key, {
          items: before.items.map((b) => (b.id === bindingId ? applied(b, change) : b)),
        });
      return { before };
    },
    onError: (err, vars, context) => {
      if (context?.before)
        qc.setQueryData(key, (cur: BindingListView | undefined) =>
          rollBack(cur, context.before!, vars.bindingId),
        );
      on.onRefused?.(vars, err);
    },
    onSuccess: (binding, vars) => on.onApplied?.(vars, binding),
    // Refetch once the last of several quick changes settles, so that an earlier one's refetch
    // does not briefly undo a later one's optimistic state.
    onSettled: () => (qc.isMutating({ mutationKey }) === 1 ? invalidate() : undefined),
  });
}

export function useRemoveBinding(w: Where, id: string) {
  const invalidate = useInvalidateRuntimes(w);
  return useMutation({
    mutationFn: (bindingId: string) =>
      apiFetch<void>(`${runtimesBase(w)}/${id}/capabilities/${bindingId}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}
