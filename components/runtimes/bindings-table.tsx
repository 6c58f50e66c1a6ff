"use client";
// The capabilities bound to a runtime: enabled switch (confirmed with what the runtime will load,
// then optimistic), version with its upgrade badge (opens the preview), flags editor (applied at
// once), remove with confirmation, and "add capability". Each applied change says so in a toast
// with Undo; a refused or offline one is rolled back and says why.
import Link from "next/link";
import { useState } from "react";
import { ComponentChips } from "@/components/catalog/component-chips";
import { Button } from "@/components/ui/button";
import { Badge, EmptyState, ErrorState, LoadingRows } from "@/components/ui/card";
import { Switch } from "@/components/ui/switch";
import { TableScroll } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { AddCapabilityDialog } from "./add-capability";
import { BindingToggleDialog } from "./binding-toggle-dialog";
import { appliedWords, describeChange, inverseOf } from "./change-words";
import { flagsKey, type DeclaredFlag } from "./flags";
import { FlagsEditor, useHasFlags } from "./flags-editor";
import {
  useBindings,
  useRemoveBinding,
  useUpdateBinding,
  type BindingChange,
  type BindingVars,
  type BindingView,
  type Where,
} from "./hooks";
import { compareVersions } from "@/lib/versions";
import { UpgradeDialog } from "./upgrade-dialog";

interface Access {
  canWrite: boolean;
  reason: string;
}

function catalogHref(org: string, b: BindingView) {
  return `/${org}/catalog/${encodeURIComponent(b.capability_name)}?version=${b.version}`;
}

function RemoveButton({
  where,
  runtimeId,
  binding,
  access,
}: {
  where: Where;
  runtimeId: string;
  binding: BindingView;
  access: Access;
}) {
  const remove = useRemoveBinding(where, runtimeId);
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button
        type="button"
        className="rounded-md px-2 py-1 text-sm font-medium text-red-700 hover:bg-red-50 disabled:cursor-not-allowed disabled:text-slate-400 disabled:hover:bg-transparent"
        disabled={!access.canWrite}
        title={access.canWrite ? undefined : access.reason}
        onClick={() => setConfirming(true)}
        aria-label={`Remove ${binding.capability_name}`}
      >
        Remove
      </button>
    );
  }
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <span className="inline-flex gap-1">
        <Button
          variant="danger"
          className="whitespace-nowrap px-2 py-1"
          disabled={remove.isPending}
          onClick={() => remove.mutate(binding.id)}
          aria-label={`Confirm removing ${binding.capability_name}`}
        >
          {remove.isPending ? "Removing…" : "Confirm remove"}
        </Button>
        <Button variant="ghost" className="px-2 py-1" onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </span>
      {remove.error ? (
        <span role="alert" className="max-w-[14rem] text-xs text-red-700">
          {remove.error.message}
        </span>
      ) : null}
    </span>
  );
}

function VersionCell({
  binding,
  access,
  onOpen,
}: {
  binding: BindingView;
  access: Access;
  onOpen: () => void;
}) {
  const newer =
    binding.latest_version && compareVersions(binding.latest_version, binding.version) > 0;
  return (
    <div className="flex flex-col items-start gap-1">
      <span className="font-mono text-sm text-slate-900" data-testid="binding-version">
        {binding.version}
      </span>
      {newer ? (
        <button
          type="button"
          onClick={onOpen}
          className="rounded-full focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
          aria-label={`Upgrade available v${binding.version} → v${binding.latest_version}: preview`}
          data-testid="upgrade-badge"
        >
          <Badge tone="indigo">
            <span className="whitespace-nowrap">
              upgrade available v{binding.version} → v{binding.latest_version}
            </span>
          </Badge>
        </button>
      ) : (
        <span className="flex items-center gap-2 text-xs text-slate-500">
          latest
          {access.canWrite ? (
            <button
              type="button"
              onClick={onOpen}
              className="text-indigo-700 hover:underline"
              aria-label={`Change the version of ${binding.capability_name}`}
            >
              change
            </button>
          ) : null}
        </span>
      )}
    </div>
  );
}

function BindingRows({
  where,
  runtimeId,
  binding,
  flags,
  access,
  onChange,
  onToggle,
}: {
  where: Where;
  runtimeId: string;
  binding: BindingView;
  flags?: DeclaredFlag[];
  access: Access;
  onChange: (b: BindingView, change: BindingChange) => void;
  onToggle: (b: BindingView) => void;
}) {
  const [upgrading, setUpgrading] = useState(false);
  const hasFlags = useHasFlags(where.org, binding, flags);
  const own = binding.source !== "public";
  return (
    <>
      <tr data-testid="binding-row" data-binding={binding.capability_name} className="align-top">
        <td className="px-4 pb-2 pt-3">
          <Switch
            checked={binding.enabled}
            label={`Enabled: ${binding.capability_name}`}
            disabled={!access.canWrite}
            title={
              access.canWrite
                ? binding.enabled
                  ? "Enabled: the runtime loads it"
                  : "Disabled: bound but not loaded"
                : access.reason
            }
            onChange={() => onToggle(binding)}
          />
        </td>
        <td className="px-4 pb-2 pt-3">
          <Link
            href={catalogHref(where.org, binding)}
            className={`font-medium hover:underline ${binding.enabled ? "text-indigo-700" : "text-slate-500"}`}
          >
            {binding.capability_name}
          </Link>
          {!own ? (
            <span className="ml-2">
              <Badge tone="green">public</Badge>
            </span>
          ) : null}
          {!binding.enabled ? (
            <span className="ml-2">
              <Badge>disabled</Badge>
            </span>
          ) : null}
          {binding.description ? (
            <p className="mt-0.5 line-clamp-2 max-w-md text-xs text-slate-600">
              {binding.description}
            </p>
          ) : null}
        </td>
        <td className="px-4 pb-2 pt-3">
          <VersionCell binding={binding} access={access} onOpen={() => setUpgrading(true)} />
        </td>
        <td className="px-4 pb-2 pt-3">
          <ComponentChips counts={binding.component_counts} />
        </td>
        <td className="px-4 pb-2 pt-3 text-right">
          <RemoveButton where={where} runtimeId={runtimeId} binding={binding} access={access} />
        </td>
      </tr>
      {hasFlags ? (
        <tr data-testid="binding-flags" data-binding={binding.capability_name}>
          <td />
          <td colSpan={4} className="px-4 pb-3">
            <div className="rounded-md bg-slate-50 px-3 py-1 ring-1 ring-inset ring-slate-200">
              <FlagsEditor
                org={where.org}
                binding={binding}
                initial={flags}
                disabled={!access.canWrite}
                disabledReason={access.reason}
                onSet={(flag, value) => onChange(binding, { flags: { [flag]: value } })}
              />
            </div>
          </td>
        </tr>
      ) : null}
      {upgrading ? (
        <UpgradeDialog
          where={where}
          runtimeId={runtimeId}
          binding={binding}
          open
          onClose={() => setUpgrading(false)}
          canWrite={access.canWrite}
          disabledReason={access.reason}
        />
      ) : null}
    </>
  );
}

export function BindingsTable({
  where,
  runtimeId,
  initial,
  initialFlags,
  access,
}: {
  where: Where;
  runtimeId: string;
  initial: { items: BindingView[] };
  initialFlags: Record<string, DeclaredFlag[]>;
  access: Access;
}) {
  const bindings = useBindings(where, runtimeId, initial);
  const [failure, setFailure] = useState<string | null>(null);
  const [toggling, setToggling] = useState<BindingView | null>(null);
  const { toast } = useToast();
  const apply = (b: BindingView, change: BindingChange, undone = false) => {
    setFailure(null);
    update.mutate({ bindingId: b.id, change, previous: inverseOf(b, change), undone });
  };
  const update = useUpdateBinding(where, runtimeId, {
    onRefused: ({ bindingId, change }: BindingVars, err) => {
      const b = bindings.data?.items.find((x) => x.id === bindingId);
      const message = `Could not ${b ? describeChange(b, change) : "change the binding"}: ${err.message.replace(/\.?$/, ".")} It is shown as it was.`;
      setFailure(message);
      toast({ message, tone: "error" });
    },
    onApplied: ({ change, previous, undone }, b) =>
      toast({
        message: appliedWords(b, change, undone),
        undo: previous && !undone ? () => apply(b, previous, true) : undefined,
      }),
  });
  const [adding, setAdding] = useState(false);

  const items = bindings.data?.items ?? [];
  return (
    <section aria-labelledby="capabilities-heading" id="capabilities" className="scroll-mt-6">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 id="capabilities-heading" className="text-base font-semibold text-slate-900">
          Capabilities{" "}
          {bindings.data ? (
            <span className="font-normal text-slate-500">({items.length})</span>
          ) : null}
        </h2>
        <Button
          onClick={() => setAdding(true)}
          disabled={!access.canWrite}
          title={access.canWrite ? undefined : access.reason}
        >
          Add capability
        </Button>
      </div>
      {failure ? (
        <div className="mb-3">
          <ErrorState title="The server refused the change" message={failure} />
        </div>
      ) : null}
      {bindings.isPending ? (
        <LoadingRows rows={3} />
      ) : bindings.isError ? (
        <ErrorState
          message={`Could not load the capabilities of this runtime: ${bindings.error.message}`}
          onRetry={() => bindings.refetch()}
        />
      ) : items.length === 0 ? (
        <EmptyState title="No capabilities bound">
          Add a capability from the catalog (your own, or another org&apos;s public one). The
          runtime loads the enabled ones, at the bound version, with the flags set here.
        </EmptyState>
      ) : (
        <TableScroll label="Bound capabilities" stickyFirstColumn={false}>
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th className="w-16 px-4 py-2">On</th>
                <th className="px-4 py-2">Capability</th>
                <th className="px-4 py-2">Version</th>
                <th className="px-4 py-2">Contains</th>
                <th className="px-4 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            {items.map((b) => (
              <tbody key={b.id} className="border-t border-slate-200">
                <BindingRows
                  where={where}
                  runtimeId={runtimeId}
                  binding={b}
                  flags={initialFlags[flagsKey(b.capability_name, b.version)]}
                  access={access}
                  onChange={apply}
                  onToggle={setToggling}
                />
              </tbody>
            ))}
          </table>
        </TableScroll>
      )}
      {toggling ? (
        <BindingToggleDialog
          binding={toggling}
          onClose={() => setToggling(null)}
          onConfirm={() => {
            apply(toggling, { enabled: !toggling.enabled });
            setToggling(null);
          }}
        />
      ) : null}
      {adding ? (
        <AddCapabilityDialog
          where={where}
          runtimeId={runtimeId}
          bound={items.map((b) => b.capability_name)}
          onClose={() => setAdding(false)}
        />
      ) : null}
    </section>
  );
}
