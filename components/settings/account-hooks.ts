"use client";
// Query keys and hooks for Settings → Account: your own account, the same in every org.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";

export interface AccountView {
  id: string;
  email: string;
  name: string;
  has_password: boolean;
  sso: boolean;
}

export const accountKeys = { account: ["account"] as const };

export function useUpdateAccount() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string }) =>
      apiFetch<AccountView>("/api/v1/account", { method: "PATCH", json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: accountKeys.account }),
  });
}

export function useSignOutEverywhere() {
  return useMutation({
    mutationFn: () =>
      apiFetch<{ sessions_ended: number }>("/api/v1/account/sessions", { method: "DELETE" }),
  });
}
