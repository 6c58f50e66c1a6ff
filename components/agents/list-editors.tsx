"use client";
// Row editors of the draft's lists: actions, resources and suggested actions (add, edit, remove).
// Free-form values (an action's `config`, a resource's `filter`) are JSON textareas.
import { Field, Textarea } from "@/components/ui/form";
import {
  actionRow,
  resourceRow,
  suggestedActionRow,
  type DraftForm,
  type EditForm,
  type Errors,
} from "./draft-form";
import { Check, JsonField, patchAt, RowList, Section, TextField } from "./editor-ui";

interface Props {
  form: DraftForm;
  edit: EditForm;
  errors: Errors;
}

export function ActionsEditor({ form, edit, errors }: Props) {
  const set = (i: number, patch: Partial<DraftForm["actions"][number]>) =>
    edit((f) => ({ ...f, actions: patchAt(f.actions, i, patch) }));
  return (
    <Section
      id="actions"
      title="Actions"
      description="What the agent can do: each action is called by its slug (unique in this agent), backed by a tool or a template."
    >
      <RowList
        label="Actions"
        rows={form.actions}
        empty="No actions: the agent only answers."
        addLabel="Add action"
        onAdd={() => edit((f) => ({ ...f, actions: [...f.actions, actionRow()] }), true)}
        onRemove={(i) =>
          edit((f) => ({ ...f, actions: f.actions.filter((_, j) => j !== i) }), true)
        }
        rowTitle={(r, i) => r.name || r.slug || `Action ${i + 1}`}
        summary={(r) =>
          [r.slug, r.kind, r.tool_uuid || r.template_slug, r.description]
            .filter(Boolean)
            .join(" · ")
        }
        errors={errors}
        errorPrefix="actions"
      >
        {(r, i) => {
          const id = (f: string) => `action-${r.key}-${f}`;
          const k = (f: string) => `actions.${i}.${f}`;
          return (
            <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
              <TextField
                id={id("slug")}
                label="Slug"
                value={r.slug}
                onChange={(v) => set(i, { slug: v })}
                errors={errors}
                errorKey={k("slug")}
                placeholder="e.g. create-lead"
                required
              />
              <TextField
                id={id("name")}
                label="Name"
                value={r.name}
                onChange={(v) => set(i, { name: v })}
                errors={errors}
                errorKey={k("name")}
                placeholder="e.g. Create lead"
              />
              <TextField
                id={id("kind")}
                label="Kind"
                value={r.kind}
                onChange={(v) => set(i, { kind: v })}
                errors={errors}
                errorKey={k("kind")}
                placeholder="e.g. tool"
              />
              <TextField
                id={id("tool")}
                label="Tool id"
                value={r.tool_uuid}
                onChange={(v) => set(i, { tool_uuid: v })}
                errors={errors}
                errorKey={k("tool_uuid")}
              />
              <TextField
                id={id("template")}
                label="Template"
                value={r.template_slug}
                onChange={(v) => set(i, { template_slug: v })}
                errors={errors}
                errorKey={k("template_slug")}
              />
              <div className="flex flex-col justify-end gap-1 pb-1">
                <Check
                  label="Bulk allowed"
                  checked={r.is_bulk_allowed}
                  onChange={(v) => set(i, { is_bulk_allowed: v })}
                />
                <Check
                  label="Wait until finished"
                  checked={r.wait_until_finished}
                  onChange={(v) => set(i, { wait_until_finished: v })}
                />
              </div>
              <div className="md:col-span-3">
                <TextField
                  id={id("description")}
                  label="Description"
                  value={r.description}
                  onChange={(v) => set(i, { description: v })}
                  errors={errors}
                  errorKey={k("description")}
                />
              </div>
              <div className="md:col-span-3">
                <JsonField
                  id={id("config")}
                  label="Config"
                  value={r.config}
                  onChange={(v) => set(i, { config: v })}
                  errors={errors}
                  errorKey={k("config")}
                  rows={r.config ? 3 : 1}
                />
              </div>
            </div>
          );
        }}
      </RowList>
    </Section>
  );
}

export function ResourcesEditor({ form, edit, errors }: Props) {
  const set = (i: number, patch: Partial<DraftForm["resources"][number]>) =>
    edit((f) => ({ ...f, resources: patchAt(f.resources, i, patch) }));
  return (
    <Section
      id="resources"
      title="Resources"
      description="Data the agent reads (or writes): a model of an integration, filtered, with the columns it may see."
    >
      <RowList
        label="Resources"
        rows={form.resources}
        empty="No resources."
        addLabel="Add resource"
        onAdd={() => edit((f) => ({ ...f, resources: [...f.resources, resourceRow()] }), true)}
        onRemove={(i) =>
          edit((f) => ({ ...f, resources: f.resources.filter((_, j) => j !== i) }), true)
        }
        rowTitle={(r, i) => r.name || r.slug || `Resource ${i + 1}`}
        summary={(r) =>
          [
            r.slug,
            r.kind,
            r.integration_slug,
            r.is_read_only ? "read only" : "read and write",
            r.description,
          ]
            .filter(Boolean)
            .join(" · ")
        }
        errors={errors}
        errorPrefix="resources"
      >
        {(r, i) => {
          const id = (f: string) => `resource-${r.key}-${f}`;
          const k = (f: string) => `resources.${i}.${f}`;
          return (
            <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
              <TextField
                id={id("slug")}
                label="Slug"
                value={r.slug}
                onChange={(v) => set(i, { slug: v })}
                errors={errors}
                errorKey={k("slug")}
                placeholder="e.g. accounts"
                required
              />
              <TextField
                id={id("name")}
                label="Name"
                value={r.name}
                onChange={(v) => set(i, { name: v })}
                errors={errors}
                errorKey={k("name")}
              />
              <TextField
                id={id("kind")}
                label="Kind"
                value={r.kind}
                onChange={(v) => set(i, { kind: v })}
                errors={errors}
                errorKey={k("kind")}
                placeholder="e.g. model"
              />
              <TextField
                id={id("integration")}
                label="Integration"
                value={r.integration_slug}
                onChange={(v) => set(i, { integration_slug: v })}
                errors={errors}
                errorKey={k("integration_slug")}
              />
              <TextField
                id={id("model")}
                label="Model id"
                value={r.model_uuid}
                onChange={(v) => set(i, { model_uuid: v })}
                errors={errors}
                errorKey={k("model_uuid")}
              />
              <TextField
                id={id("limit")}
                label="Limit"
                value={r.limit}
                onChange={(v) => set(i, { limit: v })}
                errors={errors}
                errorKey={k("limit")}
                inputMode="numeric"
                placeholder="no limit"
              />
              <div className="md:col-span-2">
                <TextField
                  id={id("description")}
                  label="Description"
                  value={r.description}
                  onChange={(v) => set(i, { description: v })}
                  errors={errors}
                  errorKey={k("description")}
                />
              </div>
              <TextField
                id={id("columns")}
                label="Columns"
                value={r.selected_column_slugs}
                onChange={(v) => set(i, { selected_column_slugs: v })}
                errors={errors}
                errorKey={k("selected_column_slugs")}
                hint="Column slugs, comma-separated."
              />
              <div className="md:col-span-3">
                <Field
                  label="Prompt"
                  htmlFor={id("prompt")}
                  error={errors[k("prompt")]}
                  hint="When the agent should use it."
                >
                  <Textarea
                    id={id("prompt")}
                    rows={2}
                    value={r.prompt}
                    onChange={(e) => set(i, { prompt: e.target.value })}
                  />
                </Field>
              </div>
              <div className="md:col-span-3">
                <JsonField
                  id={id("filter")}
                  label="Filter"
                  value={r.filter}
                  onChange={(v) => set(i, { filter: v })}
                  errors={errors}
                  errorKey={k("filter")}
                  hint='JSON: {"groups": [...]}; empty for none.'
                  rows={r.filter ? 3 : 1}
                />
              </div>
              <Check
                label="Read only"
                checked={r.is_read_only}
                onChange={(v) => set(i, { is_read_only: v })}
              />
            </div>
          );
        }}
      </RowList>
    </Section>
  );
}

export function SuggestedActionsEditor({ form, edit, errors }: Props) {
  const set = (i: number, patch: Partial<DraftForm["suggested_actions"][number]>) =>
    edit((f) => ({ ...f, suggested_actions: patchAt(f.suggested_actions, i, patch) }));
  return (
    <Section
      id="suggested-actions"
      title="Suggested actions"
      description="Prompts offered to users as one-click starts, optionally tied to the actions they use."
    >
      <RowList
        label="Suggested actions"
        rows={form.suggested_actions}
        empty="No suggested actions."
        addLabel="Add suggested action"
        onAdd={() =>
          edit(
            (f) => ({ ...f, suggested_actions: [...f.suggested_actions, suggestedActionRow()] }),
            true,
          )
        }
        onRemove={(i) =>
          edit(
            (f) => ({ ...f, suggested_actions: f.suggested_actions.filter((_, j) => j !== i) }),
            true,
          )
        }
        rowTitle={(r, i) => r.text || `Suggested action ${i + 1}`}
        summary={(r) => (r.actions ? `uses ${r.actions}` : "no actions")}
        errors={errors}
        errorPrefix="suggested_actions"
      >
        {(r, i) => (
          <div className="grid grid-cols-1 gap-3 md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
            <TextField
              id={`suggested-${r.key}-text`}
              label="Text"
              value={r.text}
              onChange={(v) => set(i, { text: v })}
              errors={errors}
              errorKey={`suggested_actions.${i}.text`}
              placeholder="e.g. Find my top accounts"
              required
              maxLength={1000}
            />
            <TextField
              id={`suggested-${r.key}-actions`}
              label="Uses actions"
              value={r.actions}
              onChange={(v) => set(i, { actions: v })}
              errors={errors}
              errorKey={`suggested_actions.${i}.actions`}
              hint="Action slugs, comma-separated."
            />
          </div>
        )}
      </RowList>
    </Section>
  );
}
