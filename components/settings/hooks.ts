"use client";
// Query keys and hooks for the settings area: tokens, workspaces, audit events.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";

export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: ("read" | "write" | "admin")[];
  workspace: string | null;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  created_at: string;
  created_by: { id: string; email: string };
  status: "active" | "expired" | "revoked";
}

export interface WorkspaceView {
  id: string;
  slug: string;
  name: string;
  created_at: string;
}

export interface AuditEventView {
  id: string;
  action: string;
  actor: { type: string; id: string | null; label: string };
  target: { type: string; id: string | null };
  request_id: string | null;
  summary: Record<string, unknown> | null;
  created_at: string;
}

export interface AuditPage {
  audit_events: AuditEventView[];
  total: number;
  page: number;
  total_pages: number;
  has_next: boolean;
  has_previous: boolean;
}

export const settingsKeys = {
  tokens: (org: string) => ["org", org, "tokens"] as const,
  workspaces: (org: string) => ["org", org, "workspaces"] as const,
  audit: (org: string, page: number) => ["org", org, "audit-events", page] as const,
};

const base = (org: string) => `/api/v1/org/${encodeURIComponent(org)}`;

export function useTokens(org: string) {
  return useQuery({
    queryKey: settingsKeys.tokens(org),
    queryFn: () => apiFetch<{ tokens: ApiTokenView[] }>(`${base(org)}/tokens`),
  });
}

export function useCreateToken(org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      name: string;
      scopes: string[];
      workspace?: string;
      expires_at?: string;
    }) =>
      apiFetch<ApiTokenView & { token: string }>(`${base(org)}/tokens`, {
        method: "POST",
        json: body,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: settingsKeys.tokens(org) }),
  });
}

export function useRevokeToken(org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`${base(org)}/tokens/${id}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: settingsKeys.tokens(org) }),
  });
}

export function useWorkspaces(org: string) {
  return useQuery({
    queryKey: settingsKeys.workspaces(org),
    queryFn: () => apiFetch<{ workspaces: WorkspaceView[] }>(`${base(org)}/workspaces`),
  });
}

export function useCreateWorkspace(org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { slug: string; name: string }) =>
      apiFetch<WorkspaceView>(`${base(org)}/workspaces`, { method: "POST", json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: settingsKeys.workspaces(org) }),
  });
}

export function useAuditEvents(org: string, page: number) {
  return useQuery({
    queryKey: settingsKeys.audit(org, page),
    queryFn: () => apiFetch<AuditPage>(`${base(org)}/audit-events?page=${page}&limit=25`),
  });
}
