"use client";
// "Add a capability": pick one from the catalog (the org's own and other orgs' public ones, named
// owner/name) in a search combobox over a listbox of results, then its version (the latest by
// default, or one pinned). Each result shows its latest version's trust level; the pick shows its
// version's trust card at a glance. Runtimes bind the pick, agent drafts add it as a slug: each
// caller brings the footer that does so, and runs its add through `gate.guard`, which asks first
// when the version has failing trust signals (risk-gate.tsx).
import { useId, useState, type KeyboardEvent, type ReactNode } from "react";
import { Badge, ErrorState, LoadingRows } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/form";
import { useDebounced } from "@/components/ui/use-debounced";
import { ComponentChips } from "./component-chips";
import { useCapabilities, useCapabilityVersions, type CapabilitySummary } from "./hooks";
import { PickedRisk, useRiskGate } from "./risk-gate";
import { TrustBadge } from "./trust-badge";

/** What is picked: a capability and its version, "" for the latest. */
export interface CapabilityPick {
  capability: CapabilitySummary;
  version: string;
}

/** What the footer's add goes through: `guard(add)` confirms failing signals first; not `ready` while the trust card loads. */
export interface RiskGate {
  guard: (add: () => void) => void;
  ready: boolean;
}

const searchQuery = (term: string) =>
  `include_public=true&limit=20${term ? `&search=${encodeURIComponent(term)}` : "&sort_by=name&sort_dir=asc"}`;

export function CapabilityPickerDialog({
  org,
  taken,
  takenLabel,
  listClassName,
  versionField,
  onPicked,
  footer,
  onClose,
}: {
  org: string;
  /** Names that cannot be picked again, shown greyed with `takenLabel`. */
  taken: string[];
  takenLabel: string;
  /** The results list's height, e.g. "max-h-72". */
  listClassName: string;
  versionField: { id: string; hint: string };
  /** Another capability was picked. */
  onPicked?: () => void;
  footer: (pick: CapabilityPick | null, gate: RiskGate) => ReactNode;
  onClose: () => void;
}) {
  const [picked, setPicked] = useState<CapabilitySummary | null>(null);
  const [version, setVersion] = useState("");
  const versions = useCapabilityVersions(org, picked?.name ?? "", !!picked);
  const pick = picked ? { capability: picked, version } : null;
  const shown = picked ? { name: picked.name, version: version || picked.version } : null;
  const risk = useRiskGate(org, shown);
  return (
    <>
      <Dialog
        open
        onClose={onClose}
        wide
        title="Add a capability"
        footer={footer(pick, { guard: risk.guard, ready: risk.ready })}
      >
        <CapabilitySearch
          org={org}
          picked={picked?.name ?? null}
          taken={taken}
          takenLabel={takenLabel}
          listClassName={listClassName}
          onPick={(c) => {
            setPicked(c);
            setVersion("");
            onPicked?.();
          }}
        />
        {pick ? (
          <div className="mt-4 space-y-3" data-testid="picked-capability">
            <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
              <div className="text-sm">
                <p className="text-slate-500">Selected</p>
                <p className="font-medium text-slate-900">{pick.capability.name}</p>
              </div>
              <Field label="Version" htmlFor={versionField.id} hint={versionField.hint}>
                <Select
                  id={versionField.id}
                  value={version}
                  onChange={(e) => setVersion(e.target.value)}
                  disabled={!versions.data}
                >
                  <option value="">latest ({pick.capability.version})</option>
                  {(versions.data?.versions ?? []).map((v) => (
                    <option key={v.version} value={v.version}>
                      {v.version}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            <PickedRisk org={org} name={pick.capability.name} latest={!version} state={risk.card} />
          </div>
        ) : null}
      </Dialog>
      {risk.confirm}
    </>
  );
}

/** The search box and its results; Enter or a click picks the active row unless it is taken. */
function CapabilitySearch({
  org,
  picked,
  taken,
  takenLabel,
  listClassName,
  onPick,
}: {
  org: string;
  picked: string | null;
  taken: string[];
  takenLabel: string;
  listClassName: string;
  onPick: (c: CapabilitySummary) => void;
}) {
  const [search, setSearch] = useState("");
  const term = useDebounced(search.trim(), 200);
  const results = useCapabilities(org, searchQuery(term));
  const [active, setActive] = useState(0);
  const listId = useId();
  const options = results.data?.capabilities ?? [];
  const isTaken = (c: CapabilitySummary) => taken.includes(c.name);

  function pick(c: CapabilitySummary | undefined) {
    if (c && !isTaken(c)) onPick(c);
  }
  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const n = options.length;
      if (n) setActive((a) => (e.key === "ArrowDown" ? (a + 1) % n : (a - 1 + n) % n));
    } else if (e.key === "Enter") {
      e.preventDefault();
      pick(options[active]);
    }
  }

  return (
    <>
      <Input
        type="search"
        role="combobox"
        aria-label="Search capabilities"
        aria-controls={listId}
        aria-expanded="true"
        aria-autocomplete="list"
        aria-activedescendant={options[active] ? `${listId}-${active}` : undefined}
        placeholder="Search your catalog and public capabilities…"
        value={search}
        onChange={(e) => {
          setSearch(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        autoFocus
      />
      {/* Scrolls: focusable, so a keyboard can scroll it too. */}
      <div
        tabIndex={0}
        role="region"
        aria-label="Search results"
        className={`mt-3 ${listClassName} overflow-y-auto rounded-md ring-1 ring-slate-200 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600`}
      >
        {results.isPending ? (
          <div className="p-3">
            <LoadingRows rows={3} />
          </div>
        ) : results.isError ? (
          <div className="p-3">
            <ErrorState
              message={`Could not search the catalog: ${results.error.message}`}
              onRetry={() => results.refetch()}
            />
          </div>
        ) : options.length === 0 ? (
          <p className="p-4 text-sm text-slate-600">
            {term
              ? `No capability matches “${term}”.`
              : "The catalog is empty: push a capability first."}
          </p>
        ) : (
          <ul
            id={listId}
            role="listbox"
            aria-label="Capabilities"
            className="divide-y divide-slate-100"
          >
            {options.map((c, i) => {
              const already = isTaken(c);
              const selected = picked === c.name;
              return (
                <li
                  key={c.id}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={selected}
                  aria-disabled={already}
                  onClick={() => pick(c)}
                  onMouseEnter={() => setActive(i)}
                  className={`flex cursor-pointer items-start justify-between gap-3 px-3 py-2 text-sm ${selected ? "bg-indigo-50" : i === active ? "bg-slate-50" : ""} ${already ? "cursor-not-allowed opacity-60" : ""}`}
                >
                  <div className="min-w-0 flex-1">
                    <p className="font-medium text-slate-900">
                      {c.name} <span className="font-normal text-slate-500">{c.version}</span>
                    </p>
                    {c.description ? (
                      <p className="line-clamp-1 text-xs text-slate-600">{c.description}</p>
                    ) : null}
                    <div className="mt-1 flex flex-wrap items-center gap-2">
                      <TrustBadge level={c.trust_level} counts={c.trust_counts} />
                      <ComponentChips counts={c.component_counts} />
                    </div>
                  </div>
                  <span className="shrink-0">
                    {already ? (
                      <Badge>{takenLabel}</Badge>
                    ) : c.name.includes("/") ? (
                      <Badge tone="green">public · {c.name.split("/")[0]}</Badge>
                    ) : null}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </>
  );
}
