"use client";
// A run's conversations: filters (variant, persona, scenario, a score range on one metric), the
// sort, page size, page and the open conversation live in the page's URL (conversations-query.ts),
// so that a view can be shared as a link; filtering, sorting and paging happen in the API's SQL.
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { ErrorState, LoadingRows } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/form";
import { METRIC_LABELS } from "@/lib/optimization/stats";
import { ConversationTable } from "./conversation-table";
import {
  CONVERSATION_PAGE_SIZES,
  cellsFilter,
  conversationView,
  nextSort,
  withConversationParams,
  type ConversationView,
} from "./conversations-query";
import { useCells, type CellListView, type VariantView, type Where } from "./hooks";
import type { Series } from "./run-charts";

type Change = (changes: Record<string, string>) => void;

function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="block text-xs font-medium text-slate-700">
      {label}
      <span className="mt-1 block">{children}</span>
    </label>
  );
}

function ScoreBound({
  label,
  value,
  change,
}: {
  label: string;
  value: number | null;
  change: (v: string) => void;
}) {
  // Only a changed bound changes the URL (a blur after Enter would otherwise reset the page).
  const set = (text: string) => {
    if (text.trim() !== String(value ?? "")) change(text.trim());
  };
  return (
    <Labelled label={label}>
      <Input
        type="number"
        min={0}
        max={100}
        inputMode="numeric"
        className="w-20 py-1"
        defaultValue={value ?? ""}
        key={value ?? ""}
        onBlur={(e) => set(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") set(e.currentTarget.value);
        }}
      />
    </Labelled>
  );
}

/** A select of one filter: "All", then each option as [value, text]. */
function Choice({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: [string, string][];
  onChange: (value: string) => void;
}) {
  return (
    <Labelled label={label}>
      <Select value={value} onChange={(e) => onChange(e.target.value)} className="w-44 py-1">
        <option value="">All</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </Select>
    </Labelled>
  );
}

function ScoreRange({ view, change }: { view: ConversationView; change: Change }) {
  return (
    <>
      <Labelled label="Score of">
        <Select
          value={view.metric}
          onChange={(e) => change({ metric: e.target.value })}
          className="w-40 py-1"
        >
          {(["task_completion", "quality", "sentiment"] as const).map((m) => (
            <option key={m} value={m}>
              {METRIC_LABELS[m]}
            </option>
          ))}
        </Select>
      </Labelled>
      <ScoreBound label="at least" value={view.min} change={(v) => change({ min: v })} />
      <ScoreBound label="at most" value={view.max} change={(v) => change({ max: v })} />
    </>
  );
}

function Filters({
  view,
  change,
  variants,
  personas,
  scenarios,
}: {
  view: ConversationView;
  change: Change;
  variants: VariantView[];
  personas: string[];
  scenarios: string[];
}) {
  const filtered =
    view.variant || view.persona || view.scenario || view.min !== null || view.max !== null;
  return (
    <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Filter conversations">
      <Choice
        label="Variant"
        value={view.variant}
        options={variants.map((v) => [v.key, v.name])}
        onChange={(v) => change({ variant: v })}
      />
      <Choice
        label="Persona"
        value={view.persona}
        options={personas.map((p) => [p, p])}
        onChange={(v) => change({ persona: v })}
      />
      <Choice
        label="Scenario"
        value={view.scenario}
        options={scenarios.map((x) => [x, x])}
        onChange={(v) => change({ scenario: v })}
      />
      <ScoreRange view={view} change={change} />
      {filtered ? (
        <Button
          variant="ghost"
          className="px-2 py-1 text-xs"
          onClick={() =>
            change({ variant: "", persona: "", scenario: "", min: "", max: "", metric: "" })
          }
        >
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}

function Pager({
  data,
  view,
  change,
}: {
  data: CellListView;
  view: ConversationView;
  change: Change;
}) {
  const first = (data.page - 1) * data.limit + 1;
  return (
    <nav
      aria-label="Conversation pages"
      className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600"
    >
      <span>
        Conversations {first}–{first + data.cells.length - 1} of {data.total}
      </span>
      <span className="flex items-center gap-2">
        <label className="flex items-center gap-1">
          Rows
          <Select
            value={String(view.size)}
            onChange={(e) => change({ size: e.target.value })}
            className="w-20 py-1 text-xs"
          >
            {CONVERSATION_PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </Select>
        </label>
        <Button
          variant="secondary"
          className="px-2 py-1 text-xs"
          disabled={!data.has_previous}
          onClick={() => change({ page: String(data.page - 1) })}
        >
          Previous
        </Button>
        <span>
          Page {data.page} of {data.total_pages}
        </span>
        <Button
          variant="secondary"
          className="px-2 py-1 text-xs"
          disabled={!data.has_next}
          onClick={() => change({ page: String(data.page + 1) })}
        >
          Next
        </Button>
      </span>
    </nav>
  );
}

function Note({ children }: { children: ReactNode }) {
  return (
    <p className="rounded-md border border-dashed border-slate-200 bg-white px-4 py-3 text-sm text-slate-500">
      {children}
    </p>
  );
}

/** The view as the URL says now (an event handler may run before the re-render that follows it). */
const currentView = () => conversationView(new URLSearchParams(window.location.search));

/** The page's URL as the conversation view, and the way to change it. */
function useConversationView(): [ConversationView, Change] {
  const pathname = usePathname();
  const params = useSearchParams();
  const change = useCallback<Change>(
    (changes) => {
      // The history's own replaceState: the URL changes at once (Next.js follows it), so a
      // change right after another builds on it.
      const next = withConversationParams(new URLSearchParams(window.location.search), changes);
      window.history.replaceState(null, "", `${pathname}${next.size ? `?${next}` : ""}`);
    },
    [pathname],
  );
  return [conversationView(params), change];
}

export function Conversations({
  where,
  jobId,
  variants,
  series,
  personas,
  initialKey,
}: {
  where: Where;
  jobId: string;
  variants: VariantView[];
  series: Series[];
  personas: string[];
  /** The winner's key, marked in the table. */
  initialKey: string | null;
}) {
  const [view, change] = useConversationView();
  const cells = useCells(where, jobId, cellsFilter(view), variants.length > 0);
  const color = (k: string) => series.find((s) => s.key === k)?.color ?? 0;

  if (!variants.length) return <Note>No conversations reported yet.</Note>;

  return (
    <div className="space-y-3" data-testid="conversations-section">
      <Filters
        view={view}
        change={change}
        variants={variants}
        personas={personas}
        scenarios={cells.data?.scenarios ?? (view.scenario ? [view.scenario] : [])}
      />
      {cells.isPending ? (
        <LoadingRows rows={5} />
      ) : cells.isError ? (
        <ErrorState
          message={`Could not load the conversations: ${cells.error.message}`}
          onRetry={() => cells.refetch()}
        />
      ) : cells.data.cells.length === 0 ? (
        <Note>
          {cells.data.total === 0
            ? "No conversation matches these filters. Clear a filter or widen the score range."
            : "This page is past the last conversation."}
        </Note>
      ) : (
        <>
          <ConversationTable
            where={where}
            jobId={jobId}
            variants={variants}
            color={color}
            cells={cells.data.cells}
            view={view}
            winnerKey={initialKey}
            onSort={(column) => change({ sort: nextSort(currentView().sort, column) })}
            onOpen={(id) => change({ open: id ?? "none" })}
          />
          <Pager data={cells.data} view={view} change={change} />
        </>
      )}
    </div>
  );
}
