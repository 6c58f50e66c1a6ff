"use client";
// Query keys and hooks for Settings → Account: your own account, the same in every org.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { apiFetch } from "@/lib/api/client";
import { accountPath } from "@/lib/api/paths";
import type {
  account,
  changePasswordBody,
  changePasswordResponse,
  signOutEverywhereResponse,
  updateAccountBody,
} from "@/lib/users/schemas";

export type AccountView = z.output<typeof account>;

const accountKeys = { account: ["account"] as const };

export function useUpdateAccount() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof updateAccountBody>) =>
      apiFetch<AccountView>(accountPath, { method: "PATCH", json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: accountKeys.account }),
  });
}

export function useSignOutEverywhere() {
  return useMutation({
    mutationFn: () =>
      apiFetch<z.output<typeof signOutEverywhereResponse>>(`${accountPath}/sessions`, {
        method: "DELETE",
      }),
  });
}

/** Changes your password (the form handles its own pending state and messages). */
export const changePassword = (body: z.input<typeof changePasswordBody>) =>
  apiFetch<z.output<typeof changePasswordResponse>>(`${accountPath}/password`, {
    method: "POST",
    json: body,
  });
