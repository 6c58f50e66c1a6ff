"use client";
// Visibility switch (confirmed, visibility.tsx) and delete-version (with confirmation) on a
// capability page.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { capabilityBase } from "@/lib/api/paths";
import { useDeleteVersion } from "./hooks";
import { VisibilitySwitch } from "./visibility";

/** `publishBlocked`: why this caller may not change the visibility (the switch is then disabled), or null. */
export function VersionActions({
  org,
  name,
  version,
  isPublic,
  versionCount,
  publishBlocked,
  canDelete,
}: {
  org: string;
  name: string;
  version: string;
  isPublic: boolean;
  versionCount: number;
  publishBlocked: string | null;
  canDelete: boolean;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const base = capabilityBase(org, name);
  const remove = useDeleteVersion(org, name, version, () => {
    router.push(`/${org}/catalog`);
    router.refresh();
  });
  return (
    <div className="flex flex-wrap items-center gap-3">
      <VisibilitySwitch
        org={org}
        name={name}
        isPublic={isPublic}
        versionCount={versionCount}
        blocked={publishBlocked}
      />
      <a
        className="text-sm font-medium text-indigo-700 hover:underline"
        href={`${base}/${version}/bundle`}
      >
        Download bundle
      </a>
      {canDelete ? (
        confirming ? (
          <span className="flex items-center gap-2">
            <Button variant="danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
              {remove.isPending ? "Deleting…" : `Delete ${version} for good`}
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </span>
        ) : (
          <Button variant="danger" onClick={() => setConfirming(true)}>
            Delete version
          </Button>
        )
      ) : null}
      {remove.error ? <span className="text-sm text-red-700">{remove.error.message}</span> : null}
    </div>
  );
}
