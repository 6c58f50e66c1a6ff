"use client";
// Hooks of the shell and of what a user does outside any one org: sign up, create an org, accept
// an invitation; the command palette's search.
import { keepPreviousData, skipToken, useMutation, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import { apiFetch } from "@/lib/api/client";
import { invitationAcceptPath, orgsPath, searchPath, signUpPath } from "@/lib/api/paths";
import type { acceptInvitationResponse } from "@/lib/invitations/schemas";
import type { createOrgBody, organization } from "@/lib/orgs/schemas";
import type { searchResponse } from "@/lib/search/schemas";
import type { signUpBody, signUpResponse } from "@/lib/users/schemas";

type Accepted = z.output<typeof acceptInvitationResponse>;
type Searched = z.output<typeof searchResponse>;

export function useCreateOrg() {
  return useMutation({
    mutationFn: (body: z.input<typeof createOrgBody>) =>
      apiFetch<z.output<typeof organization>>(orgsPath, { method: "POST", json: body }),
  });
}

export function useAcceptInvitation(token: string, onAccepted: (res: Accepted) => void) {
  return useMutation({
    mutationFn: () => apiFetch<Accepted>(invitationAcceptPath(token), { method: "POST" }),
    onSuccess: onAccepted,
  });
}

/** Creates an account (and its first org, or joins the invitation's); the form signs in after. */
export const signUp = (body: z.input<typeof signUpBody>) =>
  apiFetch<z.output<typeof signUpResponse>>(signUpPath, { method: "POST", json: body });

/** The command palette's search of an org (empty text: no request). */
export function useOrgSearch(org: string, text: string) {
  const q = text.trim();
  return useQuery({
    queryKey: ["org", org, "search", q] as const,
    queryFn: q
      ? () => apiFetch<Searched>(`${searchPath(org)}?${new URLSearchParams({ q, limit: "30" })}`)
      : skipToken,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
