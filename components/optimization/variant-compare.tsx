"use client";
// The control and one candidate side by side, with the candidate's strategy and rationale and the
// line diff between them. The candidate is in the URL (`?variant=<key>`, left out for the
// default), so a link shows the same comparison; a key the run does not have is said, not ignored.
import { useSearchParams } from "next/navigation";
import { useReplaceParam } from "@/components/ui/url-param";
import { Card } from "@/components/ui/card";
import { SeriesSwatch } from "@/components/ui/chart";
import { UrlNotice } from "@/components/ui/url-notice";
import { CopyButton } from "@/components/ui/copy";
import { Select } from "@/components/ui/form";
import { byEffect, comparisonTone, formatLift, TONE_WORDS } from "@/lib/optimization/view";
import type { Analysis, VariantView } from "./hooks";
import { diffTexts, TextDiff } from "@/components/prompts/text-diff";
import type { Series } from "./run-charts";

function TextPanel({
  title,
  color,
  text,
  meta,
}: {
  title: string;
  color: number;
  text: string;
  meta?: string;
}) {
  return (
    <Card className="flex min-w-0 flex-col">
      <div className="flex items-center justify-between gap-2 border-b border-slate-100 bg-slate-50 px-3 py-2">
        <span className="flex min-w-0 items-center gap-1.5 text-sm font-medium text-slate-900">
          <SeriesSwatch index={color} />
          <span className="truncate">{title}</span>
        </span>
        <span className="flex items-center gap-2">
          {meta ? <span className="text-xs text-slate-500">{meta}</span> : null}
          <CopyButton text={text} label={`Copy ${title}`} />
        </span>
      </div>
      <pre className="max-h-80 flex-1 overflow-auto whitespace-pre-wrap break-words px-3 py-2 font-mono text-xs leading-5 text-slate-800">
        {text}
      </pre>
    </Card>
  );
}

/** "+9.7%, likely better" on the primary metric, by the verdict's rules. */
function meta(analysis: Analysis | null, v: VariantView): string | undefined {
  const c = analysis?.variants
    .find((x) => x.variant === v.key)
    ?.comparisons.find((x) => x.metric === analysis.primary_metric);
  if (!analysis || !c || c.n === 0) return undefined;
  return `${formatLift(c.lift)}, ${TONE_WORDS[comparisonTone(c, analysis.verdict.threshold)]}`;
}

export function VariantCompare({
  variants,
  series,
  initialKey,
  analysis,
}: {
  variants: VariantView[];
  series: Series[];
  initialKey: string | null;
  analysis: Analysis | null;
}) {
  const control = variants.find((v) => v.is_original);
  const unsorted = variants.filter((v) => !v.is_original);
  // Largest gain on the primary metric first, as in the results.
  const candidates = analysis
    ? byEffect(
        analysis,
        unsorted.map((v) => v.key),
      ).map((k) => unsorted.find((v) => v.key === k)!)
    : unsorted;
  const asked = useSearchParams().get("variant");
  const fallback =
    initialKey && candidates.some((c) => c.key === initialKey)
      ? initialKey
      : (candidates[0]?.key ?? "");
  const known = !!asked && candidates.some((c) => c.key === asked);
  const picked = candidates.find((c) => c.key === (known ? asked : fallback)) ?? candidates[0];
  const replaceParam = useReplaceParam();
  const setKey = (key: string) => replaceParam("variant", key === fallback ? null : key);
  const diff = control && picked ? diffTexts(control.content, picked.content) : null;
  const color = (k: string) => series.find((s) => s.key === k)?.color ?? 0;
  if (!control || !picked)
    return (
      <p className="rounded-md border border-dashed border-slate-200 bg-white px-4 py-3 text-sm text-slate-500">
        The executor has not reported the original and a candidate yet.
      </p>
    );

  return (
    <div className="space-y-3" data-testid="variant-compare">
      {asked && !known ? (
        <UrlNotice>
          This run has no variant &ldquo;{asked}&rdquo;. Showing {picked.name}.
        </UrlNotice>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <label className="flex items-center gap-2 whitespace-nowrap text-sm text-slate-700">
          Compare the original with
          <Select
            aria-label="Candidate to compare"
            value={picked.key}
            onChange={(e) => setKey(e.target.value)}
            className="w-56 py-1"
          >
            {candidates.map((c) => (
              <option key={c.key} value={c.key}>
                {c.name}
                {c.is_winner ? " (winner)" : ""}
              </option>
            ))}
          </Select>
        </label>
        {diff ? (
          <span className="text-xs text-slate-600">
            <span className="text-emerald-700">+{diff.additions}</span>{" "}
            <span className="text-red-700">−{diff.deletions}</span> lines
          </span>
        ) : null}
      </div>
      {picked.strategy || picked.rationale ? (
        <p className="text-sm text-slate-700">
          {picked.strategy ? (
            <>
              <span className="font-medium">Strategy:</span> {picked.strategy}.{" "}
            </>
          ) : null}
          {picked.rationale ? <span className="text-slate-600">{picked.rationale}</span> : null}
        </p>
      ) : null}
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        <TextPanel
          title={control.name}
          color={color(control.key)}
          text={control.content}
          meta="original"
        />
        <TextPanel
          title={picked.name}
          color={color(picked.key)}
          text={picked.content}
          meta={meta(analysis, picked)}
        />
      </div>
      <Card className="overflow-hidden">
        <p className="border-b border-slate-100 bg-slate-50 px-3 py-2 text-xs font-medium text-slate-700">
          Changes from the original
        </p>
        {diff === null ? (
          <p className="px-3 py-2 text-sm text-slate-500">Too different to show line by line.</p>
        ) : diff.additions + diff.deletions === 0 ? (
          <p className="px-3 py-2 text-sm text-slate-500">Same text as the original.</p>
        ) : (
          <TextDiff diff={diff} />
        )}
      </Card>
    </div>
  );
}
