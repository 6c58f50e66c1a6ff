"use client";
// Query keys and hooks of the catalog.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";

export interface CapabilitySummary {
  id: string;
  name: string;
  version: string;
  description?: string | null;
  author_name?: string | null;
  license?: string | null;
  keywords: string[];
  is_public: boolean;
  component_counts: Record<string, number>;
  updated_at: string;
  version_count: number;
}

export interface CapabilityList {
  capabilities: CapabilitySummary[];
  total: number;
  page: number;
  limit: number;
  total_pages: number;
  has_next: boolean;
  has_previous: boolean;
}

export interface Facets {
  keywords: { value: string; count: number }[];
  authors: { value: string; count: number }[];
  licenses: { value: string; count: number }[];
}

export const catalogKeys = {
  list: (org: string, qs: string) => ["org", org, "capabilities", "list", qs] as const,
  facets: (org: string, qs: string) => ["org", org, "capabilities", "facets", qs] as const,
  versions: (org: string, name: string) => ["org", org, "capabilities", "versions", name] as const,
};

const base = (org: string) => `/api/v1/org/${encodeURIComponent(org)}/capabilities`;

export function useCapabilities(org: string, qs: string) {
  return useQuery({
    queryKey: catalogKeys.list(org, qs),
    queryFn: () => apiFetch<CapabilityList>(`${base(org)}?${qs}`),
    placeholderData: keepPreviousData,
  });
}

export function useCapabilityFacets(org: string, qs: string) {
  return useQuery({
    queryKey: catalogKeys.facets(org, qs),
    queryFn: () => apiFetch<Facets>(`${base(org)}/facets?${qs}`),
    placeholderData: keepPreviousData,
  });
}

/** A capability's versions, newest first (GET .../capabilities/{name}/versions). */
export function useCapabilityVersions(org: string, name: string, enabled: boolean) {
  return useQuery({
    queryKey: catalogKeys.versions(org, name),
    queryFn: () =>
      apiFetch<{ versions: { version: string }[] }>(
        `${base(org)}/${encodeURIComponent(name)}/versions`,
      ),
    enabled: enabled && !!name,
    retry: false,
  });
}
