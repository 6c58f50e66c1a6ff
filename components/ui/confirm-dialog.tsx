"use client";
// A confirmation before an action that changes things (delete a runtime or an agent; apply,
// promote, stop or retry a run): what it will do in the body, Cancel and the action in the footer,
// the action's error beside them.
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { Button } from "./button";
import { Dialog } from "./dialog";

export function ConfirmDialog({
  title,
  onClose,
  onConfirm,
  pending,
  error,
  confirmLabel,
  pendingLabel = "Working…",
  danger = false,
  disabled = false,
  children,
}: {
  title: string;
  onClose: () => void;
  onConfirm: () => void;
  pending: boolean;
  error: Error | null;
  confirmLabel: string;
  pendingLabel?: string;
  danger?: boolean;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <Dialog
      open
      onClose={onClose}
      title={title}
      footer={
        <>
          {error ? (
            <p role="alert" className="mr-auto text-sm text-red-700">
              {error.message}
            </p>
          ) : null}
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            variant={danger ? "danger" : "primary"}
            disabled={pending || disabled}
            onClick={onConfirm}
          >
            {pending ? pendingLabel : confirmLabel}
          </Button>
        </>
      }
    >
      <div className="space-y-3 text-sm text-slate-700">{children}</div>
    </Dialog>
  );
}

/** The slice of a TanStack delete mutation (no variables) that DeletePageDialog needs. */
export interface DeleteMutation {
  mutate: (variables: void, options: { onSuccess: () => void }) => void;
  isPending: boolean;
  error: Error | null;
}

/**
 * Delete what the page shows (a runtime, an agent), then leave for its list: the page is gone, and
 * the list's server-rendered parts are refreshed.
 */
export function DeletePageDialog({
  title,
  confirmLabel,
  remove,
  listPath,
  onClose,
  children,
}: {
  title: string;
  confirmLabel: string;
  remove: DeleteMutation;
  listPath: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const router = useRouter();
  const onDeleted = () => {
    router.push(listPath);
    router.refresh();
  };
  return (
    <ConfirmDialog
      title={title}
      confirmLabel={confirmLabel}
      pendingLabel="Deleting…"
      danger
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => remove.mutate(undefined, { onSuccess: onDeleted })}
      onClose={onClose}
    >
      {children}
    </ConfirmDialog>
  );
}
