"use client";
// Query keys and hooks for Settings → Members: the org's members and its pending invitations.
// One hook per endpoint, on the typed fetch client; mutations invalidate by the key factory.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";

export const roleNames = ["viewer", "member", "admin", "owner"] as const;
export type Role = (typeof roleNames)[number];

export const rank = (role: string): number => roleNames.indexOf(role as Role);

/** The roles someone of `role` may hand out (invite as, or change a member to): up to their own. */
export function assignableRoles(role: string): Role[] {
  return roleNames.filter((r) => rank(r) <= rank(role));
}

export interface MemberView {
  user_id: string;
  email: string;
  name: string;
  role: Role;
  joined_at: string;
  last_active_at: string | null;
  has_password: boolean;
  sso: boolean;
}

export interface MemberPage {
  items: MemberView[];
  total: number;
  page: number;
  limit: number;
}

export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  status: "pending" | "expired";
  invited_by: { name: string; email: string } | null;
  created_at: string;
  expires_at: string;
  email_sent_at: string | null;
  email_error: string | null;
}

export interface InvitationWithLink {
  invitation: InvitationView;
  accept_url: string;
}

export const memberKeys = {
  all: (org: string) => ["org", org, "members"] as const,
  members: (org: string, page: number) => ["org", org, "members", page] as const,
  invitations: (org: string) => ["org", org, "invitations"] as const,
};

const base = (org: string) => `/api/v1/org/${encodeURIComponent(org)}`;

export const MEMBERS_PAGE_SIZE = 50;

export function useMembers(org: string, page = 1) {
  return useQuery({
    queryKey: memberKeys.members(org, page),
    queryFn: () =>
      apiFetch<MemberPage>(`${base(org)}/members?page=${page}&limit=${MEMBERS_PAGE_SIZE}`),
  });
}

export function useChangeRole(org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      apiFetch<MemberView>(`${base(org)}/members/${encodeURIComponent(userId)}`, {
        method: "PATCH",
        json: { role },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: memberKeys.all(org) }),
  });
}

export function useRemoveMember(org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      apiFetch<{ user_id: string; tokens_revoked: number }>(
        `${base(org)}/members/${encodeURIComponent(userId)}`,
        { method: "DELETE" },
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: memberKeys.all(org) }),
  });
}

export function useInvitations(org: string, enabled = true) {
  return useQuery({
    queryKey: memberKeys.invitations(org),
    queryFn: () => apiFetch<{ items: InvitationView[]; total: number }>(`${base(org)}/invitations`),
    enabled,
  });
}

export function useCreateInvitation(org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; role: Role }) =>
      apiFetch<InvitationWithLink>(`${base(org)}/invitations`, { method: "POST", json: body }),
    onSettled: () => qc.invalidateQueries({ queryKey: memberKeys.invitations(org) }),
  });
}

export function useResendInvitation(org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<InvitationWithLink>(`${base(org)}/invitations/${encodeURIComponent(id)}/resend`, {
        method: "POST",
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: memberKeys.invitations(org) }),
  });
}

export function useRevokeInvitation(org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<InvitationView>(`${base(org)}/invitations/${encodeURIComponent(id)}`, {
        method: "DELETE",
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: memberKeys.invitations(org) }),
  });
}
