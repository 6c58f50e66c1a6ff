"use client";
// The personas of a workspace (the simulated users optimization runs talk to): list, create,
// edit and delete with confirmation. Members and above edit; viewers see why they cannot.
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Badge, EmptyState, ErrorState, LoadingRows } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError, Input, Select, Textarea } from "@/components/ui/form";
import { DataTable } from "@/components/ui/table";
import { ApiClientError } from "@/lib/api/client";
import type { Where } from "@/lib/api/paths";
import {
  useDeletePersona,
  usePersonas,
  useSavePersona,
  type PersonaInput,
  type PersonaView,
} from "./hooks";

const difficultyTone = { easy: "green", medium: "amber", hard: "red" } as const;
const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

function PersonaEditor({
  where,
  persona,
  onClose,
}: {
  where: Where;
  persona: PersonaView | null;
  onClose: () => void;
}) {
  const save = useSavePersona(where);
  const err = save.error instanceof ApiClientError ? save.error : null;
  const formId = "persona-form";
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body: PersonaInput = {
      name: String(f.get("name") ?? "").trim(),
      description: String(f.get("description") ?? "").trim(),
      goals: lines(String(f.get("goals") ?? "")),
      traits: lines(String(f.get("traits") ?? "")),
      difficulty: String(f.get("difficulty") ?? "medium") as PersonaInput["difficulty"],
    };
    save.mutate({ id: persona?.id, body }, { onSuccess: onClose });
  }
  const fieldError = (name: string) =>
    err?.payload.errors?.find((e) => e.loc[0] === "body" && e.loc[1] === name)?.msg;
  return (
    <Dialog
      open
      onClose={onClose}
      wide
      title={persona ? `Edit ${persona.name}` : "New persona"}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form={formId} disabled={save.isPending}>
            {save.isPending ? "Saving…" : persona ? "Save changes" : "Create persona"}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={onSubmit} className="space-y-4" noValidate>
        {err && !err.payload.errors?.length && err.status !== 409 ? (
          <FormError message={err.message} />
        ) : null}
        <Field
          label="Name"
          htmlFor="persona-name"
          error={fieldError("name") ?? (err?.status === 409 ? err.message : undefined)}
        >
          <Input
            id="persona-name"
            name="name"
            defaultValue={persona?.name}
            required
            maxLength={100}
            placeholder="e.g. Busy parent"
            autoFocus
          />
        </Field>
        <Field
          label="Description"
          htmlFor="persona-description"
          error={fieldError("description")}
          hint="Who they are and the situation they write from."
        >
          <Textarea
            id="persona-description"
            name="description"
            rows={2}
            defaultValue={persona?.description}
            maxLength={2000}
          />
        </Field>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field
            label="Goals"
            htmlFor="persona-goals"
            error={fieldError("goals")}
            hint="One per line: what they want from the conversation."
          >
            <Textarea
              id="persona-goals"
              name="goals"
              rows={4}
              defaultValue={persona?.goals.join("\n")}
            />
          </Field>
          <Field
            label="Traits"
            htmlFor="persona-traits"
            error={fieldError("traits")}
            hint="One per line: how they write and behave."
          >
            <Textarea
              id="persona-traits"
              name="traits"
              rows={4}
              defaultValue={persona?.traits.join("\n")}
            />
          </Field>
        </div>
        <Field
          label="Difficulty"
          htmlFor="persona-difficulty"
          error={fieldError("difficulty")}
          hint="How hard they are to satisfy; harder personas separate good prompts from lucky ones."
        >
          <Select
            id="persona-difficulty"
            name="difficulty"
            defaultValue={persona?.difficulty ?? "medium"}
          >
            <option value="easy">easy</option>
            <option value="medium">medium</option>
            <option value="hard">hard</option>
          </Select>
        </Field>
      </form>
    </Dialog>
  );
}

function DeletePersona({
  where,
  persona,
  onClose,
}: {
  where: Where;
  persona: PersonaView;
  onClose: () => void;
}) {
  const del = useDeletePersona(where);
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Delete ${persona.name}?`}
      footer={
        <>
          {del.error ? (
            <p role="alert" className="mr-auto text-sm text-red-700">
              {del.error.message}
            </p>
          ) : null}
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            variant="danger"
            disabled={del.isPending}
            onClick={() => del.mutate(persona.id, { onSuccess: onClose })}
          >
            {del.isPending ? "Deleting…" : "Delete persona"}
          </Button>
        </>
      }
    >
      <p className="text-sm text-slate-700">
        New runs will no longer include <strong>{persona.name}</strong>. Runs that already used it
        keep their conversations and scores: they name personas as their executor reported them. A
        deleted default persona does not come back.
      </p>
    </Dialog>
  );
}

export function PersonasPanel({
  where,
  canWrite,
  reason,
  initial,
}: {
  where: Where;
  canWrite: boolean;
  reason: string;
  initial: { personas: PersonaView[] };
}) {
  const personas = usePersonas(where, initial);
  const [editing, setEditing] = useState<PersonaView | "new" | null>(null);
  const [deleting, setDeleting] = useState<PersonaView | null>(null);

  if (personas.isPending) return <LoadingRows rows={5} />;
  if (personas.isError)
    return (
      <ErrorState
        message={`Could not load the personas: ${personas.error.message}`}
        onRetry={() => personas.refetch()}
      />
    );
  const list = personas.data.personas;
  const newButton = (
    <Button
      onClick={() => setEditing("new")}
      disabled={!canWrite}
      title={canWrite ? undefined : reason}
    >
      New persona
    </Button>
  );

  return (
    <div className="space-y-4">
      {!canWrite ? (
        <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
          Read only: {reason}
        </p>
      ) : null}
      {list.length === 0 ? (
        <EmptyState title="No personas" action={newButton}>
          <p>
            Optimization runs need at least one persona to talk to. Create one: who they are, what
            they want and how they behave.
          </p>
        </EmptyState>
      ) : (
        <section aria-labelledby="personas-heading">
          <div className="mb-3 flex items-center justify-between gap-4">
            <h2 id="personas-heading" className="text-base font-semibold text-slate-900">
              {list.length} {list.length === 1 ? "persona" : "personas"}
            </h2>
            {newButton}
          </div>
          <DataTable label="Personas" columns={["Persona", "Goals", "Traits", "Difficulty", ""]}>
            {list.map((p) => (
              <tr key={p.id} data-testid="persona-row" data-persona={p.name} className="align-top">
                <td className="max-w-xs px-4 py-3">
                  <p className="font-medium text-slate-900">{p.name}</p>
                  {p.description ? (
                    <p className="mt-0.5 text-xs text-slate-600">{p.description}</p>
                  ) : null}
                </td>
                <td className="max-w-xs px-4 py-3 text-xs text-slate-700">
                  {p.goals.length ? (
                    <ul className="list-disc space-y-0.5 pl-4">
                      {p.goals.map((g) => (
                        <li key={g}>{g}</li>
                      ))}
                    </ul>
                  ) : (
                    <span className="text-slate-500">none</span>
                  )}
                </td>
                <td className="px-4 py-3">
                  <div className="flex max-w-[16rem] flex-wrap gap-1">
                    {p.traits.length ? (
                      p.traits.map((t) => (
                        <span
                          key={t}
                          className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 ring-1 ring-inset ring-slate-200"
                        >
                          {t}
                        </span>
                      ))
                    ) : (
                      <span className="text-xs text-slate-500">none</span>
                    )}
                  </div>
                </td>
                <td className="px-4 py-3">
                  <Badge tone={difficultyTone[p.difficulty]}>{p.difficulty}</Badge>
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-right">
                  <Button
                    variant="ghost"
                    className="px-2 py-1"
                    aria-label={`Edit ${p.name}`}
                    disabled={!canWrite}
                    title={canWrite ? undefined : reason}
                    onClick={() => setEditing(p)}
                  >
                    Edit
                  </Button>
                  <Button
                    variant="ghost"
                    className="px-2 py-1 text-red-700"
                    aria-label={`Delete ${p.name}`}
                    disabled={!canWrite}
                    title={canWrite ? undefined : reason}
                    onClick={() => setDeleting(p)}
                  >
                    Delete
                  </Button>
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}
      {editing ? (
        <PersonaEditor
          where={where}
          persona={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {deleting ? (
        <DeletePersona where={where} persona={deleting} onClose={() => setDeleting(null)} />
      ) : null}
    </div>
  );
}
