"use client";
// The draft's capabilities: each a slug naming a capability in the catalog (own `name`, another
// org's public `owner/name`, optionally `@version`) with its config, shown with the trust summary
// of the version it resolves to. "Add capability" picks one from the catalog, like the runtimes'
// picker: search, pick, choose the latest (follows new versions) or pin a version.
import Link from "next/link";
import { useState } from "react";
import {
  CapabilityPickerDialog,
  type CapabilityPick,
} from "@/components/catalog/capability-picker";
import { useCapabilityVersions, useTrustCard } from "@/components/catalog/hooks";
import { StatusIcon } from "@/components/catalog/trust-card";
import { Button } from "@/components/ui/button";
import { useDebounced } from "@/components/ui/use-debounced";
import { CAPABILITY_REF } from "@/lib/agents/patterns";
import type { CapabilityTrustSummary } from "@/lib/agents/view";
import { capabilityRow, type DraftForm, type EditForm, type Errors } from "./draft-form";
import { JsonField, patchAt, RowList, Section, TextField } from "./editor-ui";

function parseSlug(slug: string): { name: string; version: string | null } | null {
  const m = CAPABILITY_REF.exec(slug.trim());
  if (!m) return null;
  return { name: m[1] ? `${m[1]}/${m[2]}` : m[2]!, version: m[3] ?? null };
}

type TrustState =
  | { state: "loading" }
  | { state: "missing"; message: string }
  | { state: "ok"; summary: CapabilityTrustSummary; latest: boolean };

/** The trust summary of the version a slug resolves to: the server's first paint, else the catalog's trust card. */
function useTrust(
  org: string,
  slug: string,
  initial: Record<string, CapabilityTrustSummary>,
): TrustState | null {
  const ref = parseSlug(slug);
  const known = initial[slug.trim()];
  const versions = useCapabilityVersions(org, ref?.name ?? "", !!ref && !known);
  const version = ref?.version ?? versions.data?.versions[0]?.version ?? null;
  const trust = useTrustCard(org, ref?.name ?? "", version ?? "", !!ref && !known && !!version);
  if (!ref) return null;
  if (known) return { state: "ok", summary: known, latest: !ref.version };
  if (versions.isError) return { state: "missing", message: versions.error.message };
  if (trust.isError) return { state: "missing", message: trust.error.message };
  if (!trust.data) return { state: "loading" };
  const c = trust.data;
  return {
    state: "ok",
    latest: !ref.version,
    summary: {
      slug,
      name: ref.name,
      version: c.version,
      status: c.status,
      counts: c.counts,
      risks: c.summary.risks,
      may_do: c.summary.may_do,
    },
  };
}

function TrustSummary({
  org,
  summary,
  latest,
}: {
  org: string;
  summary: CapabilityTrustSummary;
  latest: boolean;
}) {
  const { counts, risks } = summary;
  const verdict = counts.fail
    ? `${counts.fail} failing, ${counts.warn} warning`
    : counts.warn
      ? `${counts.warn} ${counts.warn === 1 ? "warning" : "warnings"}`
      : "Nothing risky found";
  return (
    <div
      className="flex items-start gap-2 text-xs text-slate-700"
      data-testid="capability-trust"
      data-status={summary.status}
    >
      <StatusIcon status={summary.status} />
      <div className="min-w-0">
        <p>
          <Link
            href={`/${org}/catalog/${encodeURIComponent(summary.name)}`}
            className="font-medium text-indigo-700 hover:underline"
          >
            {summary.name} {summary.version}
          </Link>
          {latest ? <span className="text-slate-500"> (latest)</span> : null}:{" "}
          <span
            className={
              counts.fail ? "text-red-700" : counts.warn ? "text-amber-800" : "text-emerald-700"
            }
          >
            {verdict}
          </span>
        </p>
        {risks.length ? (
          <p className="line-clamp-2 text-slate-600">
            {risks.slice(0, 3).join(" · ")}
            {risks.length > 3 ? ` and ${risks.length - 3} more` : ""}
          </p>
        ) : null}
        {summary.may_do.length ? (
          <p className="line-clamp-1 text-slate-500">May {summary.may_do.slice(0, 3).join(", ")}</p>
        ) : null}
      </div>
    </div>
  );
}

function RowTrust({
  org,
  slug,
  initial,
}: {
  org: string;
  slug: string;
  initial: Record<string, CapabilityTrustSummary>;
}) {
  const debounced = useDebounced(slug, 400);
  const t = useTrust(org, debounced, initial);
  if (!t) return null;
  if (t.state === "loading")
    return <p className="text-xs text-slate-500">Reading its trust card…</p>;
  if (t.state === "missing")
    return (
      <p className="text-xs text-red-700" data-testid="capability-trust" data-status="missing">
        Not in the catalog: {t.message}
      </p>
    );
  return <TrustSummary org={org} summary={t.summary} latest={t.latest} />;
}

/** The pick as a slug: `name` follows the latest version at each deploy, `name@version` stays. */
const slugOf = ({ capability, version }: CapabilityPick) =>
  `${capability.name}${version ? `@${version}` : ""}`;

function PickCapabilityDialog({
  org,
  taken,
  onPick,
  onClose,
}: {
  org: string;
  taken: string[];
  onPick: (slug: string) => void;
  onClose: () => void;
}) {
  return (
    <CapabilityPickerDialog
      org={org}
      taken={taken}
      takenLabel="already added"
      listClassName="max-h-64"
      versionField={{
        id: "agent-capability-version",
        hint: "Latest follows new versions at each deploy; a pinned version stays.",
      }}
      onClose={onClose}
      footer={(pick, gate) => (
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            disabled={!pick || !gate.ready}
            onClick={() => pick && gate.guard(() => onPick(slugOf(pick)))}
          >
            {pick ? `Add ${slugOf(pick)}` : "Add"}
          </Button>
        </>
      )}
    />
  );
}

export function CapabilitiesEditor({
  org,
  form,
  edit,
  errors,
  trust,
}: {
  org: string;
  form: DraftForm;
  edit: EditForm;
  errors: Errors;
  trust: Record<string, CapabilityTrustSummary>;
}) {
  const [picking, setPicking] = useState(false);
  const set = (i: number, patch: Partial<DraftForm["capabilities"][number]>) =>
    edit((f) => ({ ...f, capabilities: patchAt(f.capabilities, i, patch) }));
  const taken = form.capabilities.map((c) => parseSlug(c.slug)?.name ?? c.slug);
  return (
    <Section
      id="capabilities"
      title="Capabilities"
      description={
        <>
          Capability bundles from the catalog the agent loads: your org&apos;s by name, another
          org&apos;s public one as <code>owner/name</code>, optionally pinned with{" "}
          <code>@version</code>. Each shows the trust card of the version it resolves to.
        </>
      }
      actions={
        <Button variant="secondary" onClick={() => setPicking(true)}>
          Add capability
        </Button>
      }
    >
      <RowList
        label="Capabilities"
        rows={form.capabilities}
        empty="No capabilities."
        addLabel="Add by slug"
        onAdd={() =>
          edit((f) => ({ ...f, capabilities: [...f.capabilities, capabilityRow()] }), true)
        }
        onRemove={(i) =>
          edit((f) => ({ ...f, capabilities: f.capabilities.filter((_, j) => j !== i) }), true)
        }
        rowTitle={(r, i) => r.slug || `Capability ${i + 1}`}
        collapsible={false}
        errors={errors}
        errorPrefix="capabilities"
      >
        {(r, i) => (
          <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
            <div className="space-y-2">
              <TextField
                id={`capability-${r.key}-slug`}
                label="Slug"
                value={r.slug}
                onChange={(v) => set(i, { slug: v })}
                errors={errors}
                errorKey={`capabilities.${i}.slug`}
                placeholder="e.g. support-triage or globex/meeting-notes@1.0.0"
                required
              />
              <RowTrust org={org} slug={r.slug} initial={trust} />
            </div>
            <JsonField
              id={`capability-${r.key}-config`}
              label="Config"
              value={r.config}
              onChange={(v) => set(i, { config: v })}
              errors={errors}
              errorKey={`capabilities.${i}.config`}
              rows={r.config ? 3 : 2}
            />
          </div>
        )}
      </RowList>
      {picking ? (
        <PickCapabilityDialog
          org={org}
          taken={taken}
          onClose={() => setPicking(false)}
          onPick={(slug) => {
            edit(
              (f) => ({ ...f, capabilities: [...f.capabilities, capabilityRow({ slug })] }),
              true,
            );
            setPicking(false);
          }}
        />
      ) : null}
    </Section>
  );
}
