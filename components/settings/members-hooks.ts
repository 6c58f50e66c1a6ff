"use client";
// Query keys and hooks for Settings → Members: the org's members and its pending invitations.
// One hook per endpoint, on the typed fetch client; mutations invalidate by the key factory.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { apiFetch } from "@/lib/api/client";
import { orgBase } from "@/lib/api/paths";
import type {
  createInvitationBody,
  invitation,
  invitationListResponse,
  invitationWithLink,
} from "@/lib/invitations/schemas";
import type {
  member,
  memberListResponse,
  removedMember,
  updateMemberBody,
} from "@/lib/members/schemas";

const roleNames = ["viewer", "member", "admin", "owner"] as const;
export type Role = (typeof roleNames)[number];

export const rank = (role: string): number => roleNames.indexOf(role as Role);

/** The roles someone of `role` may hand out (invite as, or change a member to): up to their own. */
export function assignableRoles(role: string): Role[] {
  return roleNames.filter((r) => rank(r) <= rank(role));
}

export type MemberView = z.output<typeof member>;
type MemberPage = z.output<typeof memberListResponse>;
type RemovedMemberView = z.output<typeof removedMember>;
export type InvitationView = z.output<typeof invitation>;
type InvitationListView = z.output<typeof invitationListResponse>;
export type InvitationWithLink = z.output<typeof invitationWithLink>;

const memberKeys = {
  all: (org: string) => ["org", org, "members"] as const,
  members: (org: string, page: number) => ["org", org, "members", page] as const,
  invitations: (org: string) => ["org", org, "invitations"] as const,
};

export const MEMBERS_PAGE_SIZE = 50;

export function useMembers(org: string, page = 1) {
  return useQuery({
    queryKey: memberKeys.members(org, page),
    queryFn: () =>
      apiFetch<MemberPage>(`${orgBase(org)}/members?page=${page}&limit=${MEMBERS_PAGE_SIZE}`),
  });
}

export function useChangeRole(org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      apiFetch<MemberView>(`${orgBase(org)}/members/${encodeURIComponent(userId)}`, {
        method: "PATCH",
        json: { role } satisfies z.input<typeof updateMemberBody>,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: memberKeys.all(org) }),
  });
}

export function useRemoveMember(org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      apiFetch<RemovedMemberView>(`${orgBase(org)}/members/${encodeURIComponent(userId)}`, {
        method: "DELETE",
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: memberKeys.all(org) }),
  });
}

export function useInvitations(org: string, enabled = true) {
  return useQuery({
    queryKey: memberKeys.invitations(org),
    queryFn: () => apiFetch<InvitationListView>(`${orgBase(org)}/invitations`),
    enabled,
  });
}

export function useCreateInvitation(org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof createInvitationBody>) =>
      apiFetch<InvitationWithLink>(`${orgBase(org)}/invitations`, { method: "POST", json: body }),
    onSettled: () => qc.invalidateQueries({ queryKey: memberKeys.invitations(org) }),
  });
}

export function useResendInvitation(org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<InvitationWithLink>(`${orgBase(org)}/invitations/${encodeURIComponent(id)}/resend`, {
        method: "POST",
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: memberKeys.invitations(org) }),
  });
}

export function useRevokeInvitation(org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<InvitationView>(`${orgBase(org)}/invitations/${encodeURIComponent(id)}`, {
        method: "DELETE",
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: memberKeys.invitations(org) }),
  });
}
