"use client";
// Query keys and hooks of a workspace's personas (the simulated users of optimization runs).
import { useMutation, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import { useInvalidate } from "@/components/prompts/hooks";
import { apiFetch } from "@/lib/api/client";
import { personasBase, type Where } from "@/lib/api/paths";
import type { createPersonaBody, persona, personaList } from "@/lib/optimization/schemas";

export type PersonaView = z.output<typeof persona>;
type PersonaListView = z.output<typeof personaList>;
/** The body of a create, and of an edit that sends every field. */
export type PersonaInput = z.input<typeof createPersonaBody>;

const personaKeys = {
  all: ({ org, ws }: Where) => ["org", org, "ws", ws, "personas"] as const,
};

export function usePersonas(w: Where, initialData?: PersonaListView) {
  return useQuery({
    queryKey: personaKeys.all(w),
    queryFn: () => apiFetch<PersonaListView>(personasBase(w)),
    initialData,
  });
}

export function useSavePersona(w: Where) {
  const invalidate = useInvalidate(personaKeys.all(w));
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: PersonaInput }) =>
      apiFetch<PersonaView>(id ? `${personasBase(w)}/${id}` : personasBase(w), {
        method: id ? "PATCH" : "POST",
        json: body,
      }),
    onSuccess: invalidate,
  });
}

export function useDeletePersona(w: Where) {
  const invalidate = useInvalidate(personaKeys.all(w));
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`${personasBase(w)}/${id}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}
