"use client";
// The conversations of a run as a table (one row a conversation: variant, persona, scenario and
// its three scores), sorted by any column from its heading; a row opens its transcript beside the
// original's in the same persona and scenario. Sorting and paging are the API's (SQL).
import { ErrorState, LoadingRows } from "@/components/ui/card";
import { TableScroll } from "@/components/ui/table";
import { SeriesSwatch } from "@/components/ui/chart";
import { METRIC_LABELS } from "@/lib/optimization/stats";
import type { ConversationColumn, ConversationView } from "./conversations-query";
import { Transcript } from "./conversation-transcript";
import { useCells, type CellView, type VariantView, type Where } from "./hooks";
import { scoreColor } from "./run-tables";

const COLUMNS: { key: ConversationColumn; label: string; numeric?: boolean }[] = [
  { key: "variant", label: "Variant" },
  { key: "persona", label: "Persona" },
  { key: "scenario", label: "Scenario" },
  { key: "task_completion", label: METRIC_LABELS.task_completion, numeric: true },
  { key: "quality", label: METRIC_LABELS.quality, numeric: true },
  { key: "sentiment", label: METRIC_LABELS.sentiment, numeric: true },
];

interface Shared {
  where: Where;
  jobId: string;
  variants: VariantView[];
  color: (key: string) => number;
}

function SortHeading({
  column,
  view,
  onSort,
}: {
  column: (typeof COLUMNS)[number];
  view: ConversationView;
  onSort: (column: ConversationColumn) => void;
}) {
  const active = view.sort?.column === column.key ? view.sort : null;
  const order = active ? (active.desc ? "descending" : "ascending") : "none";
  return (
    <th aria-sort={order} className={`px-3 py-2 ${column.numeric ? "text-right" : ""}`}>
      <button
        type="button"
        onClick={() => onSort(column.key)}
        className="inline-flex items-center gap-1 font-medium uppercase tracking-wide hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-500"
        title={`Sort by ${column.label}`}
      >
        {column.label}
        <span aria-hidden className="text-[10px]">
          {active ? (active.desc ? "▼" : "▲") : "↕"}
        </span>
      </button>
    </th>
  );
}

function Score({ value }: { value: number | null }) {
  return (
    <td className="px-3 py-2 text-right">
      {value === null ? (
        <span className="text-slate-500">—</span>
      ) : (
        <span
          className="inline-block min-w-[2.5rem] rounded px-1.5 py-0.5 font-semibold tabular-nums text-slate-900"
          style={{ backgroundColor: scoreColor(value) }}
        >
          {Math.round(value)}
        </span>
      )}
    </td>
  );
}

/** The open conversation, beside the original's in the same persona and scenario. */
function OpenConversation({ cell, shared }: { cell: CellView; shared: Shared }) {
  const control = shared.variants.find((v) => v.is_original);
  const showControl = control !== undefined && control.key !== cell.variant;
  const baseline = useCells(
    shared.where,
    shared.jobId,
    { variant: control?.key, persona: cell.persona, scenario: cell.scenario, limit: 1 },
    showControl,
  );
  const name = (key: string) => shared.variants.find((v) => v.key === key)?.name ?? key;
  return (
    <div className={`grid gap-3 ${showControl ? "md:grid-cols-2" : ""}`}>
      {showControl ? (
        baseline.isPending ? (
          <LoadingRows rows={2} />
        ) : baseline.isError ? (
          <ErrorState
            message={`Could not load the original's conversation: ${baseline.error.message}`}
            onRetry={() => baseline.refetch()}
          />
        ) : (
          <Transcript
            cell={baseline.data.cells[0]}
            title={name(control.key)}
            color={shared.color(control.key)}
          />
        )
      ) : null}
      <Transcript cell={cell} title={name(cell.variant)} color={shared.color(cell.variant)} />
    </div>
  );
}

function Row({
  cell,
  open,
  onOpen,
  shared,
  winnerKey,
}: {
  cell: CellView;
  open: boolean;
  onOpen: (id: string | null) => void;
  shared: Shared;
  winnerKey: string | null;
}) {
  const variant = shared.variants.find((v) => v.key === cell.variant);
  const panel = `conversation-${cell.id}`;
  return (
    <>
      <tr data-testid="conversation-row" className={open ? "bg-indigo-50/60" : "hover:bg-slate-50"}>
        <td className="px-3 py-2">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={open ? panel : undefined}
            onClick={() => onOpen(open ? null : cell.id)}
            aria-label={`${variant?.name ?? cell.variant}: ${open ? "hide" : "show"} the conversation with ${cell.persona} in ${cell.scenario}`}
            className="flex items-center gap-1.5 text-left font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500"
          >
            <span aria-hidden className="text-[10px] text-slate-500">
              {open ? "▼" : "▶"}
            </span>
            <SeriesSwatch index={shared.color(cell.variant)} />
            {variant?.name ?? cell.variant}
          </button>
          <span className="mt-0.5 flex gap-1 pl-5 text-[11px] text-slate-600">
            {cell.variant === winnerKey ? <span>winner</span> : null}
            {variant?.is_original ? <span>original</span> : null}
            {cell.held_out ? <span>held-out</span> : null}
          </span>
        </td>
        <td className="px-3 py-2 text-slate-800">{cell.persona}</td>
        <td className="px-3 py-2 text-slate-800">{cell.scenario}</td>
        <Score value={cell.metrics.task_completion} />
        <Score value={cell.metrics.quality} />
        <Score value={cell.metrics.sentiment} />
      </tr>
      {open ? (
        <tr id={panel} data-testid="open-conversation">
          <td colSpan={COLUMNS.length} className="bg-slate-50 px-3 py-3">
            <OpenConversation cell={cell} shared={shared} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

export function ConversationTable({
  cells,
  view,
  onSort,
  onOpen,
  winnerKey,
  ...shared
}: Shared & {
  cells: CellView[];
  view: ConversationView;
  onSort: (column: ConversationColumn) => void;
  onOpen: (id: string | null) => void;
  winnerKey: string | null;
}) {
  // No choice in the URL: the first conversation is open, as an example; "none" closes them all.
  const open = view.open ?? cells[0]?.id ?? null;
  return (
    <TableScroll label="Conversations table">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="conversations">
        <caption className="sr-only">
          Conversations, one a row; a heading sorts by its column, a variant opens the transcript
        </caption>
        <thead className="bg-slate-50 text-left text-xs text-slate-600">
          <tr>
            {COLUMNS.map((c) => (
              <SortHeading key={c.key} column={c} view={view} onSort={onSort} />
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {cells.map((c) => (
            <Row
              key={c.id}
              cell={c}
              open={open === c.id}
              onOpen={onOpen}
              shared={shared}
              winnerKey={winnerKey}
            />
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
