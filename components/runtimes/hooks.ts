"use client";
// Query keys and hooks of a workspace's runtimes: one hook per /api/v1 endpoint. Every mutation
// invalidates the workspace's runtime queries (counts, digests and sync status all follow a
// binding change) and refreshes the server-rendered parts of the page (the runtime's history);
// toggling a binding and its flags is optimistic and rolls back on error.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/api/client";
import { declaredFlagsOf, type DeclaredFlag } from "./flags";

export interface RuntimeView {
  id: string;
  name: string;
  description: string;
  binding_count: number;
  enabled_count: number;
  upgrades_available: number;
  runtime_digest: string;
  sync: {
    status: "in_sync" | "drift" | "unknown";
    reported_digest: string | null;
    reported_status: string | null;
    last_heartbeat_at: string | null;
  };
  created_at: string;
  updated_at: string;
}

export interface BindingView {
  id: string;
  artifact_id: string;
  capability_name: string;
  version: string;
  enabled: boolean;
  flags: Record<string, boolean>;
  component_counts: Record<string, number>;
  description: string | null;
  latest_version: string | null;
  source: string | null;
}

export interface ResolvedView {
  capabilities: {
    name: string;
    version: string;
    artifact_digest: string;
    runtime_digest: string;
    flags: Record<string, boolean>;
  }[];
  runtime_digest: string;
}

export interface UpgradePreviewView {
  binding_id: string;
  capability_name: string;
  from: string;
  to: string;
  components: {
    added: { type: string; name: string }[];
    removed: { type: string; name: string }[];
  };
  new_mcp_servers: string[];
  new_hosts: string[];
  new_commands: string[];
  flags: { added: { name: string; default: boolean; description: string }[]; removed: string[] };
  dropped_overrides: { flag: string; value: boolean }[];
  runtime_digest_after: string;
  trust: { from_status: string; to_status: string; risks: string[] };
}

export type { DeclaredFlag };

export interface Where {
  org: string;
  ws: string;
}

export const runtimeKeys = {
  all: ({ org, ws }: Where) => ["org", org, "ws", ws, "runtimes"] as const,
  list: (w: Where) => [...runtimeKeys.all(w), "list"] as const,
  one: (w: Where, id: string) => [...runtimeKeys.all(w), id] as const,
  bindings: (w: Where, id: string) => [...runtimeKeys.one(w, id), "bindings"] as const,
  resolved: (w: Where, id: string) => [...runtimeKeys.one(w, id), "resolved"] as const,
  preview: (w: Where, id: string, bindingId: string, to: string) =>
    [...runtimeKeys.one(w, id), "preview", bindingId, to] as const,
  // A version's declared flags never change (versions are immutable): cached per org, not per runtime.
  flags: (org: string, name: string, version: string) =>
    ["org", org, "capabilities", "flags", name, version] as const,
};

export const runtimesBase = ({ org, ws }: Where) =>
  `/api/v1/org/${encodeURIComponent(org)}/ws/${encodeURIComponent(ws)}/runtimes`;
const capabilityBase = (org: string, name: string) =>
  `/api/v1/org/${encodeURIComponent(org)}/capabilities/${encodeURIComponent(name)}`;

export function useRuntimes(w: Where, initialData?: { runtimes: RuntimeView[] }) {
  // Heartbeats arrive all the time: the sync column follows them.
  return useQuery({
    queryKey: runtimeKeys.list(w),
    queryFn: () => apiFetch<{ runtimes: RuntimeView[] }>(runtimesBase(w)),
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

export function useBindings(w: Where, id: string, initialData?: { items: BindingView[] }) {
  return useQuery({
    queryKey: runtimeKeys.bindings(w, id),
    queryFn: () => apiFetch<{ items: BindingView[] }>(`${runtimesBase(w)}/${id}/capabilities`),
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
      const detail = await apiFetch<{ manifest: unknown }>(
        `${capabilityBase(org, name)}/${version}`,
      );
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
    router.refresh();
    await qc.invalidateQueries({ queryKey: runtimeKeys.all(w) });
  };
}

export function useCreateRuntime(w: Where) {
  const invalidate = useInvalidateRuntimes(w);
  return useMutation({
    mutationFn: (body: { name: string; description: string }) =>
      apiFetch<RuntimeView>(runtimesBase(w), { method: "POST", json: body }),
    onSuccess: invalidate,
  });
}

export function useUpdateRuntime(w: Where, id: string) {
  const invalidate = useInvalidateRuntimes(w);
  return useMutation({
    mutationFn: (body: { name?: string; description?: string }) =>
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
    mutationFn: (body: { name: string; version?: string }) =>
      apiFetch<BindingView>(`${runtimesBase(w)}/${id}/capabilities`, {
        method: "POST",
        json: body,
      }),
    onSuccess: invalidate,
  });
}

export type BindingChange =
  { enabled: boolean } | { flags: Record<string, boolean | null> } | { version: string };

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

/** `onRefused` hears of every refused change, also of one made while another was pending. */
/** The binding as it was before a refused change; other bindings keep their (newer) state. */
function rollBack(
  cur: { items: BindingView[] } | undefined,
  before: { items: BindingView[] },
  bindingId: string,
) {
  if (!cur) return before;
  const was = before.items.find((b) => b.id === bindingId);
  return { items: cur.items.map((b) => (b.id === bindingId && was ? was : b)) };
}

export function useUpdateBinding(
  w: Where,
  id: string,
  onRefused?: (vars: { bindingId: string; change: BindingChange }, err: Error) => void,
) {
  const qc = useQueryClient();
  const invalidate = useInvalidateRuntimes(w);
  const key = runtimeKeys.bindings(w, id);
  const mutationKey = [...key, "update"];
  return useMutation({
    mutationKey,
    mutationFn: ({ bindingId, change }: { bindingId: string; change: BindingChange }) =>
      apiFetch<BindingView>(`${runtimesBase(w)}/${id}/capabilities/${bindingId}`, {
        method: "PATCH",
        json: change,
      }),
    onMutate: async ({ bindingId, change }) => {
      await qc.cancelQueries({ queryKey: key });
      const before = qc.getQueryData<{ items: BindingView[] }>(key);
      if (before)
        qc.setQueryData(key, {
          items: before.items.map((b) => (b.id === bindingId ? applied(b, change) : b)),
        });
      return { before };
    },
    onError: (err, vars, context) => {
      if (context?.before)
        qc.setQueryData(key, (cur: { items: BindingView[] } | undefined) =>
          rollBack(cur, context.before!, vars.bindingId),
        );
      onRefused?.(vars, err);
    },
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
