"use client";
// Query keys and hooks of a workspace's personas (the simulated users of optimization runs).
import { useMutation, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import { apiFetch } from "@/lib/api/client";
import type { persona } from "@/lib/optimization/schemas";
import { base, useInvalidate, type Where } from "@/components/prompts/hooks";

export type PersonaView = z.infer<typeof persona>;

export const personaKeys = {
  all: ({ org, ws }: Where) => ["org", org, "ws", ws, "personas"] as const,
};

export function usePersonas(w: Where, initialData?: { personas: PersonaView[] }) {
  return useQuery({
    queryKey: personaKeys.all(w),
    queryFn: () => apiFetch<{ personas: PersonaView[] }>(`${base(w)}/personas`),
    initialData,
  });
}

export type PersonaInput = Pick<
  PersonaView,
  "name" | "description" | "goals" | "traits" | "difficulty"
>;

export function useSavePersona(w: Where) {
  const invalidate = useInvalidate(personaKeys.all(w));
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: PersonaInput }) =>
      apiFetch<PersonaView>(id ? `${base(w)}/personas/${id}` : `${base(w)}/personas`, {
        method: id ? "PATCH" : "POST",
        json: body,
      }),
    onSuccess: invalidate,
  });
}

export function useDeletePersona(w: Where) {
  const invalidate = useInvalidate(personaKeys.all(w));
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`${base(w)}/personas/${id}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}
