"use client";
// The prompts of a workspace: search and status filter in the URL, each prompt with its active
// version and where that version came from, and the form that creates one (with version 1).
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useUrlSearchField } from "@/components/ui/url-search-field";
import { Button } from "@/components/ui/button";
import { Badge, Card, EmptyState, ErrorState, LoadingRows } from "@/components/ui/card";
import { Field, FormError, Input, Select, Textarea } from "@/components/ui/form";
import { DataTable } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { ApiClientError } from "@/lib/api/client";
import {
  useCreatePrompt,
  usePrompts,
  type PromptListView,
  type PromptStatus,
  type PromptView,
  type Where,
} from "./hooks";

export const STATUS_TONE = {
  draft: "slate",
  active: "green",
  deprecated: "amber",
  archived: "slate",
} as const;
export const PROMPT_STATUSES: PromptStatus[] = ["draft", "active", "deprecated", "archived"];

export function SourceBadge({ source }: { source: Record<string, unknown> }) {
  if (source.type !== "optimization") return null;
  return <Badge tone="indigo">from optimization</Badge>;
}

function CreatePromptForm({ where, onCancel }: { where: Where; onCancel?: () => void }) {
  const router = useRouter();
  const create = useCreatePrompt(where);
  const err = create.error instanceof ApiClientError ? create.error : null;
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    create.mutate(
      {
        name: String(f.get("name") ?? "").trim(),
        description: String(f.get("description") ?? "").trim(),
        tags: String(f.get("tags") ?? "")
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean),
        status: String(f.get("status") ?? "draft") as PromptStatus,
        content: String(f.get("content") ?? ""),
      },
      { onSuccess: (p) => router.push(`/${where.org}/${where.ws}/prompts/${p.id}`) },
    );
  }
  return (
    <form
      onSubmit={onSubmit}
      className="grid grid-cols-1 gap-4 p-5 md:grid-cols-2"
      noValidate
      aria-label="Create a prompt"
    >
      <div className="md:col-span-2">
        <h2 className="text-base font-semibold text-slate-900">Create a prompt</h2>
        <p className="text-sm text-slate-600">
          Its text becomes version 1. Versions are immutable: later edits add versions, and
          optimization runs apply their winners as new ones.
        </p>
      </div>
      {err && !err.payload.errors?.length && err.status !== 409 ? (
        <div className="md:col-span-2">
          <FormError message={err.message} />
        </div>
      ) : null}
      <Field
        label="Name"
        htmlFor="prompt-name"
        error={err?.fieldMessage("name") ?? (err?.status === 409 ? err.message : undefined)}
      >
        <Input
          id="prompt-name"
          name="name"
          required
          maxLength={200}
          placeholder="e.g. support-reply"
          autoFocus
        />
      </Field>
      <Field label="Status" htmlFor="prompt-status">
        <Select id="prompt-status" name="status" defaultValue="draft">
          {PROMPT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="Description"
        htmlFor="prompt-description"
        error={err?.fieldMessage("description")}
        hint="Optional: where it is used."
      >
        <Input id="prompt-description" name="description" maxLength={2000} />
      </Field>
      <Field
        label="Tags"
        htmlFor="prompt-tags"
        error={err?.fieldMessage("tags")}
        hint="Optional, comma-separated."
      >
        <Input id="prompt-tags" name="tags" placeholder="support, email" />
      </Field>
      <div className="md:col-span-2">
        <Field label="Prompt text" htmlFor="prompt-content" error={err?.fieldMessage("content")}>
          <Textarea
            id="prompt-content"
            name="content"
            rows={8}
            required
            className="font-mono text-xs"
            placeholder="You are…"
          />
        </Field>
      </div>
      <div className="flex gap-2 md:col-span-2">
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create prompt"}
        </Button>
        {onCancel ? (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

function Row({ p, where }: { p: PromptView; where: Where }) {
  return (
    <tr data-testid="prompt-row" data-prompt={p.name} className="align-top">
      <td className="px-4 py-3">
        <Link
          href={`/${where.org}/${where.ws}/prompts/${p.id}`}
          className="font-medium text-indigo-700 hover:underline"
        >
          {p.name}
        </Link>
        {p.description ? (
          <p className="mt-0.5 line-clamp-2 max-w-md text-xs text-slate-600">{p.description}</p>
        ) : null}
        {p.tags.length ? (
          <div className="mt-1 flex flex-wrap gap-1">
            {p.tags.map((t) => (
              <Badge key={t}>{t}</Badge>
            ))}
          </div>
        ) : null}
      </td>
      <td className="px-4 py-3">
        <Badge tone={STATUS_TONE[p.status]}>{p.status}</Badge>
      </td>
      <td className="px-4 py-3">
        {p.active_version ? (
          <span className="flex flex-wrap items-center gap-1.5 whitespace-nowrap">
            <span className="font-medium text-slate-900">v{p.active_version.number}</span>
            <span className="text-slate-500">of {p.version_count}</span>
            <SourceBadge source={p.active_version.source} />
          </span>
        ) : (
          <span className="text-slate-500">none</span>
        )}
      </td>
      <td className="max-w-sm px-4 py-3">
        <p className="line-clamp-2 font-mono text-xs text-slate-600">{p.active_version?.content}</p>
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-slate-700">
        <Time iso={p.updated_at} />
      </td>
    </tr>
  );
}

export function PromptsList({
  where,
  canWrite,
  reason,
  initial,
  initialQs,
}: {
  where: Where;
  canWrite: boolean;
  reason: string;
  initial: PromptListView;
  initialQs: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const status = params.get("status") ?? "";
  const [search, setSearch] = useUrlSearchField(params.get("search") ?? "", (v) =>
    update("search", v),
  );
  const qs = new URLSearchParams([
    ...(params.get("search") ? [["search", params.get("search")!]] : []),
    ...(status ? [["status", status]] : []),
    ["limit", "100"],
  ]).toString();
  const prompts = usePrompts(where, qs, qs === initialQs ? initial : undefined);
  const [creating, setCreating] = useState(false);

  function update(key: string, value: string) {
    const next = new URLSearchParams(params.toString());
    if (value) next.set(key, value);
    else next.delete(key);
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  }

  const filtered = Boolean(status || params.get("search"));
  const list = prompts.data?.prompts ?? [];
  const newButton = (
    <Button
      onClick={() => setCreating(true)}
      disabled={!canWrite}
      title={canWrite ? undefined : reason}
    >
      New prompt
    </Button>
  );

  return (
    <div className="space-y-6">
      {!canWrite ? (
        <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
          Read only: {reason}
        </p>
      ) : null}
      {creating || (canWrite && !filtered && prompts.isSuccess && list.length === 0) ? (
        <Card>
          <CreatePromptForm
            where={where}
            onCancel={list.length ? () => setCreating(false) : undefined}
          />
        </Card>
      ) : null}
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex flex-wrap items-end gap-3">
          <label className="block text-sm">
            <span className="font-medium text-slate-800">Search</span>
            <Input
              type="search"
              aria-label="Search prompts"
              className="mt-1 w-64"
              placeholder="Name or description"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </label>
          <label className="block text-sm">
            <span className="font-medium text-slate-800">Status</span>
            <Select
              aria-label="Status"
              className="mt-1 w-40"
              value={status}
              onChange={(e) => update("status", e.target.value)}
            >
              <option value="">Any</option>
              {PROMPT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </Select>
          </label>
        </div>
        {creating ? null : newButton}
      </div>
      {prompts.isPending ? (
        <LoadingRows rows={4} />
      ) : prompts.isError ? (
        <ErrorState
          message={`Could not load the prompts: ${prompts.error.message}`}
          onRetry={() => prompts.refetch()}
        />
      ) : list.length === 0 ? (
        filtered ? (
          <EmptyState title="No prompt matches these filters">
            <p>Clear the search or pick another status.</p>
          </EmptyState>
        ) : (
          <EmptyState title="No prompts yet">
            <p>
              Prompts are versioned system prompts your agents use. Create one, then optimize it:
              Quiver compares variants against simulated users and applies the winner as a new
              version.
            </p>
            {!canWrite ? <p className="mt-2">{reason}</p> : null}
          </EmptyState>
        )
      ) : (
        <section aria-labelledby="prompts-heading">
          <h2 id="prompts-heading" className="mb-3 text-base font-semibold text-slate-900">
            {prompts.data.total} {prompts.data.total === 1 ? "prompt" : "prompts"}
          </h2>
          <DataTable
            label="Prompts"
            columns={["Prompt", "Status", "Active version", "Text", "Updated"]}
          >
            {list.map((p) => (
              <Row key={p.id} p={p} where={where} />
            ))}
          </DataTable>
          {prompts.data.has_next ? (
            <p className="mt-2 text-xs text-slate-500">
              Showing the {list.length} most recently updated; search to find others.
            </p>
          ) : null}
        </section>
      )}
    </div>
  );
}
