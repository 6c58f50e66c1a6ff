"use client";
// Who can see a capability: the badge in the page header and the Public switch, which share one
// state (useShownVisibility), so that the badge follows a change at once. Public exposes every
// version to every org: the switch asks first, saying what will happen, and changes nothing until
// it is confirmed; the change then says so in a toast.
import { useState } from "react";
import { Badge } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { useSetVisibility, useShownVisibility } from "./hooks";

export function VisibilityBadge({
  org,
  name,
  isPublic,
}: {
  org: string;
  name: string;
  isPublic: boolean;
}) {
  const shown = useShownVisibility(org, name, isPublic);
  return (
    <span data-testid="visibility-badge">
      {shown ? <Badge tone="green">public</Badge> : <Badge>private</Badge>}
    </span>
  );
}

function Summary({ name, next, versions }: { name: string; next: boolean; versions: number }) {
  const all =
    versions === 1 ? "its one version and its files" : `all ${versions} versions and their files`;
  return next ? (
    <ul className="list-disc space-y-1 pl-5" data-testid="visibility-summary">
      <li>
        <strong>Every org</strong> on this Quiver can see {name}, {all}, and bind them to its
        runtimes and agents.
      </li>
      <li>Versions pushed later are public too, until you make it private again.</li>
    </ul>
  ) : (
    <ul className="list-disc space-y-1 pl-5" data-testid="visibility-summary">
      <li>Only your org can see {name} and bind it from now on.</li>
      <li>
        Nothing running is revoked: another org&apos;s runtimes that bound a version keep it, and
        still read that version; they cannot bind another.
      </li>
    </ul>
  );
}

/** The confirmation, with what the change will do; the change is made only from here. */
function VisibilityDialog({
  org,
  name,
  next,
  versionCount,
  onClose,
}: {
  org: string;
  name: string;
  next: boolean;
  versionCount: number;
  onClose: () => void;
}) {
  const visibility = useSetVisibility(org, name);
  const { toast } = useToast();
  return (
    <ConfirmDialog
      title={next ? `Make ${name} public?` : `Make ${name} private?`}
      confirmLabel={next ? "Make it public" : "Make it private"}
      pendingLabel="Saving…"
      danger={next}
      pending={visibility.isPending}
      error={visibility.error}
      onClose={onClose}
      onConfirm={() =>
        visibility.mutate(next, {
          onSuccess: (v) => {
            onClose();
            toast({
              message: v.is_public
                ? `${name} is public: every org can see and bind it.`
                : `${name} is private: only your org can see it.`,
            });
          },
        })
      }
    >
      <Summary name={name} next={next} versions={versionCount} />
    </ConfirmDialog>
  );
}

/** The Public switch; `blocked`: why this caller may not change it (then disabled), or null. */
export function VisibilitySwitch({
  org,
  name,
  isPublic,
  versionCount,
  blocked,
}: {
  org: string;
  name: string;
  isPublic: boolean;
  versionCount: number;
  blocked: string | null;
}) {
  const shown = useShownVisibility(org, name, isPublic);
  const [asking, setAsking] = useState<boolean | null>(null);
  return (
    <>
      <label
        className={`flex items-center gap-2 text-sm ${blocked === null ? "text-slate-700" : "text-slate-400"}`}
      >
        <input
          type="checkbox"
          role="switch"
          aria-label="Public"
          aria-describedby={blocked ? "publish-blocked" : undefined}
          checked={shown}
          disabled={blocked !== null || asking !== null}
          // Nothing changes here: the confirmation decides.
          onChange={(e) => setAsking(e.target.checked)}
        />
        Public
      </label>
      {blocked ? (
        <span id="publish-blocked" className="text-xs text-slate-500">
          {blocked}
        </span>
      ) : null}
      {asking !== null ? (
        <VisibilityDialog
          org={org}
          name={name}
          next={asking}
          versionCount={versionCount}
          onClose={() => setAsking(null)}
        />
      ) : null}
    </>
  );
}
