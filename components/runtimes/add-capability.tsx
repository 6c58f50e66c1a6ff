"use client";
// "Add capability": search the catalog (the org's own and other orgs' public capabilities, named
// owner/name), pick one and a version (the latest by default), bind it (POST .../capabilities).
import { CapabilityPickerDialog } from "@/components/catalog/capability-picker";
import { Button } from "@/components/ui/button";
import { useAddBinding, type Where } from "./hooks";

export function AddCapabilityDialog({
  where,
  runtimeId,
  bound,
  onClose,
}: {
  where: Where;
  runtimeId: string;
  bound: string[];
  onClose: () => void;
}) {
  const add = useAddBinding(where, runtimeId);
  return (
    <CapabilityPickerDialog
      org={where.org}
      taken={bound}
      takenLabel="already bound"
      listClassName="max-h-72"
      versionField={{
        id: "bind-version",
        hint: "New versions are not picked up by themselves: upgrades show up here as they are pushed.",
      }}
      onPicked={() => add.reset()}
      onClose={onClose}
      footer={(pick, gate) => (
        <>
          {add.error ? (
            <p role="alert" className="mr-auto text-sm text-red-700">
              {add.error.message}
            </p>
          ) : null}
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            disabled={!pick || add.isPending || !gate.ready}
            onClick={() =>
              pick &&
              gate.guard(() =>
                add.mutate(
                  {
                    name: pick.capability.name,
                    ...(pick.version ? { version: pick.version } : {}),
                  },
                  { onSuccess: onClose },
                ),
              )
            }
          >
            {add.isPending
              ? "Adding…"
              : pick
                ? `Add ${pick.capability.name} ${pick.version || pick.capability.version}`
                : "Add"}
          </Button>
        </>
      )}
    />
  );
}
