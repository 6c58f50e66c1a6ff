"use client";
// The confirmation before a binding is switched on or off: what the runtime will load (or stop
// loading) and when, in the manner of the upgrade preview. Nothing changes until it is confirmed.
import type { ReactNode } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { componentWords } from "./change-words";
import type { BindingView } from "./hooks";

function Line({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="py-2">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      <p className="mt-1 text-sm text-slate-800">{children}</p>
    </section>
  );
}

export function BindingToggleDialog({
  binding,
  onConfirm,
  onClose,
}: {
  binding: BindingView;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const enable = !binding.enabled;
  const name = binding.capability_name;
  const overrides = Object.keys(binding.flags).length;
  const what = `${name} ${binding.version} (${componentWords(binding.component_counts)})`;
  return (
    <ConfirmDialog
      title={`${enable ? "Enable" : "Disable"} ${name}?`}
      confirmLabel={`${enable ? "Enable" : "Disable"} ${name}`}
      danger={!enable}
      pending={false}
      error={null}
      onConfirm={onConfirm}
      onClose={onClose}
    >
      <div className="divide-y divide-slate-100" data-testid="toggle-summary">
        <Line title="What the runtime loads">
          {enable
            ? `It loads ${what} again${overrides ? `, with ${overrides} flag ${overrides === 1 ? "override" : "overrides"}` : ""}.`
            : `It stops loading ${what}. The binding stays, with its version and flag overrides.`}
        </Line>
        <Line title="When">
          The resolved configuration and its digest change now; the runtime picks them up at its
          next sync.
        </Line>
        <Line title="Taking it back">
          {enable ? "Disable" : "Enable"} it again at any time, or use Undo on the message that
          follows.
        </Line>
      </div>
    </ConfirmDialog>
  );
}
