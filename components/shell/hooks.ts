"use client";
// Hooks of what a user does outside any one org: sign up, create an org, accept an invitation.
import { useMutation } from "@tanstack/react-query";
import type { z } from "zod";
import { apiFetch } from "@/lib/api/client";
import { invitationAcceptPath, orgsPath, signUpPath } from "@/lib/api/paths";
import type { acceptInvitationResponse } from "@/lib/invitations/schemas";
import type { createOrgBody, organization } from "@/lib/orgs/schemas";
import type { signUpBody, signUpResponse } from "@/lib/users/schemas";

type Accepted = z.output<typeof acceptInvitationResponse>;

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
