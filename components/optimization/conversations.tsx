"use client";
// Sample conversations per cell: a candidate's conversations with one persona, scenario by
// scenario, beside the original's conversation in the same scenario, with the scores of each.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, ErrorState, LoadingRows } from "@/components/ui/card";
import { SeriesSwatch } from "@/components/ui/chart";
import { Select } from "@/components/ui/form";
import { METRIC_LABELS, METRICS } from "@/lib/optimization/stats";
import { useCells, type CellView, type VariantView, type Where } from "./hooks";
import type { Series } from "./run-charts";
import { scoreColor } from "./run-tables";

const PAGE = 4;

function Scores({ cell }: { cell: CellView }) {
  return (
    <ul className="flex flex-wrap gap-1.5 text-[11px]">
      {METRICS.map((m) => {
        const v = cell.metrics[m];
        return (
          <li
            key={m}
            className="rounded px-1.5 py-0.5 text-slate-800"
            style={v !== null ? { backgroundColor: scoreColor(v) } : undefined}
          >
            {METRIC_LABELS[m]}{" "}
            <span className="font-semibold tabular-nums">{v === null ? "—" : Math.round(v)}</span>
          </li>
        );
      })}
    </ul>
  );
}

function Transcript({
  cell,
  title,
  color,
}: {
  cell: CellView | undefined;
  title: string;
  color: number;
}) {
  return (
    // A column, so that side by side the judge's notes line up at the bottom; the scores always
    // under the title, so that a long variant name does not push one header taller than the other.
    <div className="flex min-w-0 flex-col rounded-md ring-1 ring-slate-200">
      <div className="flex flex-col items-start gap-1 border-b border-slate-100 bg-slate-50 px-3 py-1.5">
        <span className="flex items-center gap-1.5 text-xs font-medium text-slate-800">
          <SeriesSwatch index={color} />
          {title}
        </span>
        {cell ? <Scores cell={cell} /> : null}
      </div>
      {!cell ? (
        <p className="px-3 py-2 text-xs text-slate-500">Not scored in this scenario.</p>
      ) : !cell.transcript?.length ? (
        <p className="px-3 py-2 text-xs text-slate-500">
          The executor reported scores without a transcript.
        </p>
      ) : (
        <ol className="flex-1 space-y-2 px-3 py-2">
          {cell.transcript.map((t, i) => (
            <li
              key={i}
              className={`max-w-[92%] rounded-lg px-2.5 py-1.5 text-xs leading-5 ${t.role === "user" ? "bg-slate-100 text-slate-800" : "ml-auto bg-indigo-50 text-slate-900"}`}
            >
              <span className="block text-[10px] font-semibold uppercase tracking-wide text-slate-500">
                {t.role === "user" ? "persona" : t.role}
              </span>
              <span className="whitespace-pre-wrap break-words">{t.content}</span>
            </li>
          ))}
        </ol>
      )}
      {cell?.judge_note || cell?.held_out ? (
        <p className="border-t border-slate-100 px-3 py-1.5 text-[11px] text-slate-600">
          {cell.held_out ? (
            <span className="mr-2 rounded bg-amber-50 px-1 py-0.5 font-medium text-amber-800">
              held-out
            </span>
          ) : null}
          {cell.judge_note ? <>Judge: {cell.judge_note}</> : null}
        </p>
      ) : null}
    </div>
  );
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
  initialKey: string | null;
}) {
  const control = variants.find((v) => v.is_original);
  // What was picked, while it exists: a live run reports its variants and personas after first paint.
  const [pickedKey, setKey] = useState(initialKey);
  const [pickedPersona, setPersona] = useState<string | null>(null);
  const key = variants.some((v) => v.key === pickedKey)
    ? pickedKey!
    : (variants.find((v) => !v.is_original)?.key ?? control?.key ?? "");
  const persona =
    pickedPersona && personas.includes(pickedPersona) ? pickedPersona : (personas[0] ?? "");
  const [page, setPage] = useState(1);
  const cells = useCells(
    where,
    jobId,
    { variant: key, persona, page, limit: PAGE },
    !!key && !!persona,
  );
  // The original's conversations with the same persona (a persona has a handful of scenarios).
  const showControl = !!control && key !== control.key;
  const baseline = useCells(
    where,
    jobId,
    { variant: control?.key, persona, limit: 100 },
    showControl && !!persona,
  );
  const byScenario = new Map((baseline.data?.cells ?? []).map((c) => [c.scenario, c]));
  const color = (k: string) => series.find((s) => s.key === k)?.color ?? 0;
  const picked = variants.find((v) => v.key === key);

  if (!variants.length || !personas.length)
    return (
      <p className="rounded-md border border-dashed border-slate-200 bg-white px-4 py-3 text-sm text-slate-500">
        No conversations reported yet.
      </p>
    );

  return (
    <div className="space-y-3" data-testid="conversations">
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-700">
        <label className="flex items-center gap-2">
          Variant
          <Select
            aria-label="Conversations of variant"
            value={key}
            onChange={(e) => {
              setKey(e.target.value);
              setPage(1);
            }}
            className="w-52 py-1"
          >
            {variants.map((v) => (
              <option key={v.key} value={v.key}>
                {v.name}
              </option>
            ))}
          </Select>
        </label>
        <label className="flex items-center gap-2">
          Persona
          <Select
            aria-label="Conversations with persona"
            value={persona}
            onChange={(e) => {
              setPersona(e.target.value);
              setPage(1);
            }}
            className="w-52 py-1"
          >
            {personas.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </Select>
        </label>
      </div>
      {cells.isPending ? (
        <LoadingRows rows={3} />
      ) : cells.isError ? (
        <ErrorState
          message={`Could not load the conversations: ${cells.error.message}`}
          onRetry={() => cells.refetch()}
        />
      ) : cells.data.cells.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-200 bg-white px-4 py-3 text-sm text-slate-500">
          {picked?.name ?? key} has no scored conversation with {persona} yet.
        </p>
      ) : (
        <>
          <ul className="space-y-3">
            {cells.data.cells.map((c) => (
              <li key={c.id}>
                <Card className="p-3">
                  <p className="mb-2 text-xs font-medium text-slate-600">
                    Scenario <span className="font-semibold text-slate-900">{c.scenario}</span> with{" "}
                    {c.persona}
                  </p>
                  <div className={`grid gap-3 ${showControl ? "md:grid-cols-2" : ""}`}>
                    {showControl ? (
                      <Transcript
                        cell={byScenario.get(c.scenario)}
                        title={control!.name}
                        color={color(control!.key)}
                      />
                    ) : null}
                    <Transcript
                      cell={c}
                      title={picked?.name ?? c.variant}
                      color={color(c.variant)}
                    />
                  </div>
                </Card>
              </li>
            ))}
          </ul>
          <nav
            aria-label="Conversation pages"
            className="flex items-center justify-between text-xs text-slate-600"
          >
            <span>
              Scenarios {(cells.data.page - 1) * PAGE + 1}–
              {(cells.data.page - 1) * PAGE + cells.data.cells.length} of {cells.data.total}
            </span>
            <span className="flex gap-2">
              <Button
                variant="secondary"
                className="px-2 py-1 text-xs"
                disabled={!cells.data.has_previous}
                onClick={() => setPage((p) => p - 1)}
              >
                Previous
              </Button>
              <Button
                variant="secondary"
                className="px-2 py-1 text-xs"
                disabled={!cells.data.has_next}
                onClick={() => setPage((p) => p + 1)}
              >
                Next
              </Button>
            </span>
          </nav>
        </>
      )}
    </div>
  );
}
