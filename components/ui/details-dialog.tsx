"use client";
// "Rename or describe": a resource's name and description in one form, saved by a PATCH mutation;
// the server's field errors show at their field, any other error above the form.
import type { FormEvent } from "react";
import { ApiClientError } from "@/lib/api/client";
import { Button } from "./button";
import { Dialog } from "./dialog";
import { Field, FormError, Input, Textarea } from "./form";

export interface Details {
  name: string;
  description: string;
}

/** The slice of a TanStack mutation the form needs. */
export interface SaveDetails {
  mutate: (body: Details, options: { onSuccess: () => void }) => void;
  isPending: boolean;
  error: Error | null;
}

export function DetailsDialog({
  title,
  idPrefix,
  initial,
  nameHint,
  descriptionMaxLength,
  multiline = false,
  conflictAtName = false,
  save,
  onClose,
}: {
  title: string;
  /** Field ids are `${idPrefix}-name` and `${idPrefix}-description`. */
  idPrefix: string;
  initial: Details;
  nameHint: string;
  descriptionMaxLength: number;
  /** A textarea for the description rather than one line. */
  multiline?: boolean;
  /** Show a 409 (the name is taken) at the name field rather than above the form. */
  conflictAtName?: boolean;
  save: SaveDetails;
  onClose: () => void;
}) {
  const err = save.error instanceof ApiClientError ? save.error : null;
  const conflict = conflictAtName && err?.status === 409;
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    save.mutate(
      {
        name: String(form.get("name") ?? "").trim(),
        description: String(form.get("description") ?? "").trim(),
      },
      { onSuccess: onClose },
    );
  }
  const nameId = `${idPrefix}-name`;
  const descriptionId = `${idPrefix}-description`;
  return (
    <Dialog open onClose={onClose} title={title}>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <FormError
          message={
            err && !err.fieldMessage("name") && !err.fieldMessage("description") && !conflict
              ? err.message
              : null
          }
        />
        <Field
          label="Name"
          htmlFor={nameId}
          error={err?.fieldMessage("name") ?? (conflict ? err?.message : undefined)}
          hint={nameHint}
        >
          <Input
            id={nameId}
            name="name"
            defaultValue={initial.name}
            required
            maxLength={100}
            autoFocus
          />
        </Field>
        <Field label="Description" htmlFor={descriptionId} error={err?.fieldMessage("description")}>
          {multiline ? (
            <Textarea
              id={descriptionId}
              name="description"
              defaultValue={initial.description}
              rows={3}
              maxLength={descriptionMaxLength}
            />
          ) : (
            <Input
              id={descriptionId}
              name="description"
              defaultValue={initial.description}
              maxLength={descriptionMaxLength}
            />
          )}
        </Field>
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
