"use client";
// Query keys and hooks for the settings area: tokens, workspaces, audit events.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { apiFetch } from "@/lib/api/client";
import { orgBase } from "@/lib/api/paths";
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

const settingsKeys = {
  tokens: (org: string) => ["org", org, "tokens"] as const,
  workspaces: (org: string) => ["org", org, "workspaces"] as const,
  audit: (org: string, page: number) => ["org", org, "audit-events", page] as const,
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

export function useAuditEvents(org: string, page: number) {
  return useQuery({
    queryKey: settingsKeys.audit(org, page),
    queryFn: () => apiFetch<AuditPage>(`${orgBase(org)}/audit-events?page=${page}&limit=25`),
  });
}
