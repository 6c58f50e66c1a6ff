"use client";
// Visibility switch and delete-version (with confirmation) on a capability page.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { capabilityBase } from "@/lib/api/paths";
import { useDeleteVersion, useSetVisibility } from "./hooks";

/** `publishBlocked`: why this caller may not change the visibility (the switch is then disabled), or null. */
export function VersionActions({
  org,
  name,
  version,
  isPublic,
  publishBlocked,
  canDelete,
}: {
  org: string;
  name: string;
  version: string;
  isPublic: boolean;
  publishBlocked: string | null;
  canDelete: boolean;
}) {
  const canPublish = publishBlocked === null;
  const router = useRouter();
  const [shownPublic, setShownPublic] = useState(isPublic);
  const [confirming, setConfirming] = useState(false);
  const base = capabilityBase(org, name);
  const visibility = useSetVisibility(org, name, setShownPublic);
  const remove = useDeleteVersion(org, name, version, () => {
    router.push(`/${org}/catalog`);
    router.refresh();
  });
  return (
    <div className="flex flex-wrap items-center gap-3">
      <label
        className={`flex items-center gap-2 text-sm ${canPublish ? "text-slate-700" : "text-slate-400"}`}
      >
        <input
          type="checkbox"
          role="switch"
          aria-label="Public"
          aria-describedby={publishBlocked ? "publish-blocked" : undefined}
          checked={shownPublic}
          disabled={!canPublish || visibility.isPending}
          onChange={(e) => visibility.mutate(e.target.checked)}
        />
        Public
      </label>
      {publishBlocked ? (
        <span id="publish-blocked" className="text-xs text-slate-500">
          {publishBlocked}
        </span>
      ) : null}
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
      {visibility.error || remove.error ? (
        <span className="text-sm text-red-700">{(visibility.error ?? remove.error)?.message}</span>
      ) : null}
    </div>
  );
}
