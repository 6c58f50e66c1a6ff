"use client";
// Query keys and hooks for the settings area: tokens, workspaces, audit events.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { apiFetch } from "@/lib/api/client";
import { auditEventsPath, orgBase } from "@/lib/api/paths";
import type { auditEventListResponse } from "@/lib/audit/schemas";
import type { createWorkspaceBody, workspace, workspaceListResponse } from "@/lib/orgs/schemas";
import type {
  apiToken,
  createdApiToken,
  createTokenBody,
  tokenListResponse,
} from "@/lib/tokens/schemas";

export type ApiTokenView = z.output<typeof apiToken>;
export type CreatedTokenView = z.output<typeof createdApiToken>;
type TokenListView = z.output<typeof tokenListResponse>;
export type WorkspaceView = z.output<typeof workspace>;
type WorkspaceListView = z.output<typeof workspaceListResponse>;
export type AuditPage = z.output<typeof auditEventListResponse>;
export type AuditEventView = AuditPage["audit_events"][number];

const settingsKeys = {
  tokens: (org: string) => ["org", org, "tokens"] as const,
  workspaces: (org: string) => ["org", org, "workspaces"] as const,
  audit: (org: string, query: string) => ["org", org, "audit-events", query] as const,
};

export function useTokens(org: string) {
  return useQuery({
    queryKey: settingsKeys.tokens(org),
    queryFn: () => apiFetch<TokenListView>(`${orgBase(org)}/tokens`),
  });
}

export function useCreateToken(org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof createTokenBody>) =>
      apiFetch<CreatedTokenView>(`${orgBase(org)}/tokens`, {
        method: "POST",
        json: body,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: settingsKeys.tokens(org) }),
  });
}

export function useRevokeToken(org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<void>(`${orgBase(org)}/tokens/${id}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: settingsKeys.tokens(org) }),
  });
}

export function useWorkspaces(org: string) {
  return useQuery({
    queryKey: settingsKeys.workspaces(org),
    queryFn: () => apiFetch<WorkspaceListView>(`${orgBase(org)}/workspaces`),
  });
}

export function useCreateWorkspace(org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof createWorkspaceBody>) =>
      apiFetch<WorkspaceView>(`${orgBase(org)}/workspaces`, { method: "POST", json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: settingsKeys.workspaces(org) }),
  });
}

/** The audit log for a filter (`query`: the API's filter parameters), a cursor page at a time. */
export function useAuditEvents(org: string, query: string, pageSize: number) {
  return useInfiniteQuery({
    queryKey: settingsKeys.audit(org, query),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const q = new URLSearchParams(query);
      q.set("limit", String(pageSize));
      if (pageParam) q.set("cursor", pageParam);
      return apiFetch<AuditPage>(`${auditEventsPath(org)}?${q}`);
    },
    getNextPageParam: (last) => last.next_cursor,
  });
}
