"use client";
// Query keys, URLs and the hook of the capability page's file viewer.
import { useQuery } from "@tanstack/react-query";
import { apiFetchBytes } from "@/lib/api/client";
import { decodeFileContent, type FileContent } from "@/lib/catalog/render/file-content";
import { fileUrl } from "@/lib/catalog/render/paths";

const capabilityFileKeys = {
  // A version's file never changes (versions are immutable; its sha256 is its ETag).
  file: (org: string, name: string, version: string, path: string) =>
    ["org", org, "capabilities", "file", name, version, path] as const,
};

/** A file of a version, fetched from the file route under `apiBase` (`…/{version}/files`). */
export function useCapabilityFile(
  apiBase: string,
  org: string,
  name: string,
  version: string,
  path: string,
  enabled = true,
) {
  return useQuery<FileContent>({
    queryKey: capabilityFileKeys.file(org, name, version, path),
    queryFn: async ({ signal }) => {
      const { contentType, bytes } = await apiFetchBytes(fileUrl(apiBase, path), { signal });
      return decodeFileContent(contentType, bytes);
    },
    enabled,
    staleTime: Infinity,
  });
}
