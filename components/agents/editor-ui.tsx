"use client";
// The draft editor's building blocks: a titled section, a list of row cards with add and remove,
// a text field bound to an error key, a JSON textarea that says where it does not parse, and a
// labelled checkbox. Inputs take their disabled state from the editor's <fieldset> (viewers).
import { useId, useState, type InputHTMLAttributes, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input, Textarea } from "@/components/ui/form";
import { errorAt, type Errors } from "./draft-form";

export function Section({
  id,
  title,
  description,
  actions,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="scroll-mt-20">
      <Card className="p-5">
        <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0 flex-1">
            <h2 id={`${id}-heading`} className="text-base font-semibold text-slate-900">
              {title}
            </h2>
            {description ? (
              <p className="mt-0.5 max-w-3xl text-sm text-slate-600">{description}</p>
            ) : null}
          </div>
          {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
        </div>
        {children}
      </Card>
    </section>
  );
}

/**
 * A list of rows, each in its own box with a Remove button, and an Add button below. A collapsible
 * list shows each row as a heading whose disclosure button (aria-expanded) names it with a
 * one-line summary until opened, the Remove button beside it (not inside); a new row (read from
 * nothing) and a row with an error start open.
 */
export function RowList<T extends { key: string; orig: Record<string, unknown> }>({
  label,
  rows,
  empty,
  addLabel,
  onAdd,
  onRemove,
  rowTitle,
  summary,
  collapsible = true,
  errors,
  errorPrefix,
  children,
}: {
  label: string;
  rows: T[];
  empty: string;
  addLabel: string;
  onAdd: () => void;
  onRemove: (index: number) => void;
  rowTitle: (row: T, index: number) => string;
  summary?: (row: T, index: number) => ReactNode;
  collapsible?: boolean;
  errors: Errors;
  errorPrefix: string;
  children: (row: T, index: number) => ReactNode;
}) {
  const [opened, setOpened] = useState<Record<string, boolean>>({});
  const baseId = useId();
  return (
    <div>
      {rows.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-200 px-4 py-3 text-sm text-slate-500">
          {empty}
        </p>
      ) : (
        <ol className="space-y-3" aria-label={label}>
          {rows.map((row, i) => {
            const title = rowTitle(row, i);
            const remove = (
              <Button
                variant="danger"
                className="shrink-0 px-2 py-1 text-xs shadow-none"
                onClick={() => onRemove(i)}
                aria-label={`Remove ${title}`}
              >
                Remove
              </Button>
            );
            const fallback =
              Object.keys(row.orig).length === 0 || !!errorAt(errors, `${errorPrefix}.${i}`);
            const open = opened[row.key] ?? fallback;
            const bodyId = `${baseId}-${row.key}`;
            const toggle = () => setOpened((o) => ({ ...o, [row.key]: !open }));
            return (
              <li
                key={row.key}
                className="rounded-md border border-slate-200 bg-slate-50/60"
                data-testid={`${label}-row`}
                aria-label={title}
              >
                {collapsible ? (
                  <>
                    <div className="flex items-center gap-3 px-4 py-3">
                      <h3 className="min-w-0 flex-1 text-sm">
                        {/* role="button", not <button>: the viewers' disabled <fieldset> would
                            disable a <button>, and viewers open rows too. */}
                        <span
                          role="button"
                          tabIndex={0}
                          aria-expanded={open}
                          aria-controls={bodyId}
                          onClick={toggle}
                          onKeyDown={(e) => {
                            if (e.key !== "Enter" && e.key !== " ") return;
                            e.preventDefault();
                            toggle();
                          }}
                          className="flex w-full min-w-0 cursor-pointer items-center gap-3 rounded text-left focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
                        >
                          <span
                            aria-hidden="true"
                            className={`text-xs text-slate-500 transition-transform ${open ? "rotate-90" : ""}`}
                          >
                            ▶
                          </span>
                          <span className="min-w-0 flex-1">
                            <span className="block truncate font-medium text-slate-800">
                              {title}
                            </span>
                            {!open && summary ? (
                              <span className="block truncate text-xs font-normal text-slate-600">
                                {summary(row, i)}
                              </span>
                            ) : null}
                          </span>
                        </span>
                      </h3>
                      {remove}
                    </div>
                    <div id={bodyId} hidden={!open} className="px-4 pb-4">
                      {children(row, i)}
                    </div>
                  </>
                ) : (
                  <div className="p-4">
                    <div className="mb-3 flex items-center justify-between gap-3">
                      <p className="min-w-0 truncate text-sm font-medium text-slate-800">{title}</p>
                      {remove}
                    </div>
                    {children(row, i)}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <Button variant="secondary" className="mt-3" onClick={onAdd}>
        {addLabel}
      </Button>
    </div>
  );
}

export function TextField({
  id,
  label,
  value,
  onChange,
  errors,
  errorKey,
  hint,
  ...rest
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  errors: Errors;
  errorKey: string;
  hint?: ReactNode;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "id">) {
  const error = errorAt(errors, errorKey);
  return (
    <Field label={label} htmlFor={id} error={error} hint={hint}>
      <Input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...rest}
      />
    </Field>
  );
}

export function JsonField({
  id,
  label,
  value,
  onChange,
  errors,
  errorKey,
  hint,
  rows = 3,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  errors: Errors;
  errorKey: string;
  hint?: ReactNode;
  rows?: number;
}) {
  const error = errorAt(errors, errorKey);
  return (
    <Field label={label} htmlFor={id} error={error} hint={hint ?? "JSON; empty for none."}>
      <Textarea
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={rows}
        spellCheck={false}
        className="font-mono text-xs"
        aria-invalid={error ? true : undefined}
        placeholder="{}"
      />
    </Field>
  );
}

export function Check({
  label,
  checked,
  onChange,
  hint,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  hint?: string;
}) {
  return (
    <label className="flex items-start gap-2 text-sm text-slate-800">
      <input
        type="checkbox"
        className="mt-0.5"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span>
        {label}
        {hint ? <span className="block text-xs text-slate-500">{hint}</span> : null}
      </span>
    </label>
  );
}

/** Replaces item `i` of a list with `patch` applied. */
export function patchAt<T>(rows: T[], i: number, patch: Partial<T>): T[] {
  return rows.map((r, j) => (j === i ? { ...r, ...patch } : r));
}
