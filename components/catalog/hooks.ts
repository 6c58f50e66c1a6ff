"use client";
// Query keys and hooks of the catalog: one hook per /api/v1 endpoint, typed by the API's own
// schemas (type-only imports: no schema reaches the browser).
import {
  keepPreviousData,
  skipToken,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { z } from "zod";
import { apiFetch } from "@/lib/api/client";
import { capabilitiesBase, capabilityBase } from "@/lib/api/paths";
import type {
  capabilityArtifactDetail,
  capabilityArtifactListResponse,
  capabilityFacetsResponse,
  capabilityVersionList,
  trustCard,
  visibilityBody,
  visibilityResponse,
} from "@/lib/catalog/schemas";

export type CapabilityList = z.output<typeof capabilityArtifactListResponse>;
export type CapabilitySummary = CapabilityList["capabilities"][number];
export type CapabilityDetail = z.output<typeof capabilityArtifactDetail>;
export type Facets = z.output<typeof capabilityFacetsResponse>;
export type VersionList = z.output<typeof capabilityVersionList>;
export type CapabilityTrustCard = z.output<typeof trustCard>;
type VisibilityView = z.output<typeof visibilityResponse>;
type VisibilityBody = z.input<typeof visibilityBody>;

export const catalogKeys = {
  all: (org: string) => ["org", org, "capabilities"] as const,
  list: (org: string, qs: string) => [...catalogKeys.all(org), "list", qs] as const,
  facets: (org: string, qs: string) => [...catalogKeys.all(org), "facets", qs] as const,
  versions: (org: string, name: string) => [...catalogKeys.all(org), "versions", name] as const,
  /** A search of the pickers (agent picker, compare picker): `scope` names which one. */
  search: (org: string, scope: string, term: string) =>
    [...catalogKeys.all(org), scope, term] as const,
  // A version never changes (versions are immutable): its detail and trust card are cached.
  detail: (org: string, name: string, version: string) =>
    [...catalogKeys.all(org), "detail", name, version] as const,
  trust: (org: string, name: string, version: string) =>
    [...catalogKeys.all(org), "trust", name, version] as const,
  /** Whether a capability is public: the page's first paint, then what a change answered. */
  visibility: (org: string, name: string) => [...catalogKeys.all(org), "visibility", name] as const,
};

export function useCapabilities(org: string, qs: string) {
  return useQuery({
    queryKey: catalogKeys.list(org, qs),
    queryFn: () => apiFetch<CapabilityList>(`${capabilitiesBase(org)}?${qs}`),
    placeholderData: keepPreviousData,
  });
}

/**
 * The pickers' search: the org's capabilities and other orgs' public ones, by name when no term.
 * `scope` keeps each picker's cache apart (they ask for different page sizes); `keep` shows the
 * previous results while the next load.
 */
export function useCapabilitySearch(
  org: string,
  scope: string,
  term: string,
  { limit, keep }: { limit: number; keep: boolean },
) {
  const qs = `include_public=true&limit=${limit}${term ? `&search=${encodeURIComponent(term)}` : "&sort_by=name&sort_dir=asc"}`;
  return useQuery({
    queryKey: catalogKeys.search(org, scope, term),
    queryFn: () => apiFetch<CapabilityList>(`${capabilitiesBase(org)}?${qs}`),
    placeholderData: keep ? keepPreviousData : undefined,
  });
}

export function useCapabilityFacets(org: string, qs: string) {
  return useQuery({
    queryKey: catalogKeys.facets(org, qs),
    queryFn: () => apiFetch<Facets>(`${capabilitiesBase(org)}/facets?${qs}`),
    placeholderData: keepPreviousData,
  });
}

/** A capability's versions, newest first (GET .../capabilities/{name}/versions). */
export function useCapabilityVersions(org: string, name: string, enabled: boolean) {
  return useQuery({
    queryKey: catalogKeys.versions(org, name),
    queryFn: () => apiFetch<VersionList>(`${capabilityBase(org, name)}/versions`),
    enabled: enabled && !!name,
    retry: false,
  });
}

/** A version of a capability (its latest when `version` is empty), with its components. */
export function useCapabilityDetail(org: string, name: string | null, version: string) {
  return useQuery({
    queryKey: catalogKeys.detail(org, name ?? "", version),
    queryFn: () =>
      apiFetch<CapabilityDetail>(`${capabilityBase(org, name!)}${version ? `/${version}` : ""}`),
    enabled: !!name,
    staleTime: Infinity, // versions are immutable
  });
}

/** A version's trust card (GET .../capabilities/{name}/{version}/trust). */
export function useTrustCard(org: string, name: string, version: string, enabled = true) {
  return useQuery({
    queryKey: catalogKeys.trust(org, name, version),
    queryFn: () => apiFetch<CapabilityTrustCard>(`${capabilityBase(org, name)}/${version}/trust`),
    enabled,
    staleTime: Infinity,
    retry: false,
  });
}

/**
 * Whether a capability is public, as every part of its page shows it (the badge, the switch): the
 * server's first paint, then what a confirmed change answered. Never fetched on its own.
 */
export function useShownVisibility(org: string, name: string, initial: boolean): boolean {
  return (
    useQuery({
      queryKey: catalogKeys.visibility(org, name),
      queryFn: skipToken,
      initialData: initial,
      staleTime: Infinity,
      // Dropped once the page is left, so that the next visit starts from the server's answer.
      gcTime: 0,
    }).data ?? initial
  );
}

/** Makes a capability public or private (after its confirmation); the page's state follows the answer. */
export function useSetVisibility(org: string, name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (next: boolean) =>
      apiFetch<VisibilityView>(`${capabilityBase(org, name)}/visibility`, {
        method: "PATCH",
        json: { is_public: next } satisfies VisibilityBody,
      }),
    onSuccess: (v) => {
      qc.setQueryData(catalogKeys.visibility(org, name), v.is_public);
      return qc.invalidateQueries({ queryKey: [...catalogKeys.all(org), "list"] });
    },
  });
}

export function useDeleteVersion(
  org: string,
  name: string,
  version: string,
  onDeleted: () => void,
) {
  return useMutation({
    mutationFn: () =>
      apiFetch<void>(`${capabilityBase(org, name)}/${version}`, { method: "DELETE" }),
    onSuccess: onDeleted,
  });
}
