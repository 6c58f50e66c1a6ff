"use client";
// The audit log's filters (who, what, which kind of target, from and to), its search and the
// export links: every value lives in the page's URL, and the export takes the same selection.
import { buttonClass } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/form";
import { useUrlSearchField } from "@/components/ui/url-search-field";
import { auditExportPath } from "@/lib/api/paths";
import { actionWords, auditTargetTypes, targetTypeFilterWords } from "@/lib/audit/actions";
import { useMembers } from "./members-hooks";
import type { AuditFilterKey } from "./audit-query";

/** The actions by their domain ("member", "runtime", …), for the action filter's groups. */
const actionGroups = Object.entries(
  Object.keys(actionWords).reduce<Record<string, string[]>>((groups, action) => {
    const domain = action.split(".")[0]!.replace(/_/g, " ");
    (groups[domain] ??= []).push(action);
    return groups;
  }, {}),
);

/**
 * A filter's label above its control, tied by id (not by nesting: a select inside its label would
 * take its options' text into its name).
 */
function Labelled({
  id,
  label,
  width,
  children,
}: {
  id: string;
  label: string;
  /** The field's width (a Tailwind class): the control fills it. */
  width: string;
  children: React.ReactNode;
}) {
  return (
    <div className={`text-sm ${width}`}>
      <label htmlFor={id} className="block font-medium text-slate-800">
        {label}
      </label>
      {children}
    </div>
  );
}

function ActorSelect({
  id,
  org,
  value,
  onChange,
}: {
  id: string;
  org: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const members = useMembers(org);
  const people = members.data?.items ?? [];
  const known = value === "" || value === "system" || people.some((m) => m.user_id === value);
  return (
    <Select id={id} className="mt-1" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Anyone</option>
      {people.map((m) => (
        <option key={m.user_id} value={m.user_id}>
          {m.name ? `${m.name} (${m.email})` : m.email}
        </option>
      ))}
      <option value="system">System (built-in executor)</option>
      {!known ? <option value={value}>Former member or unknown person</option> : null}
    </Select>
  );
}

type FilterProps = {
  get: (k: AuditFilterKey) => string;
  onChange: (key: AuditFilterKey, value: string) => void;
};

function DateFilters({ get, onChange }: FilterProps) {
  return (
    <>
      {(["from", "to"] as const).map((k) => (
        <Labelled key={k} id={`audit-${k}`} label={k === "from" ? "From" : "To"} width="w-40">
          <Input
            id={`audit-${k}`}
            type="date"
            className="mt-1"
            value={get(k)}
            onChange={(e) => onChange(k, e.target.value)}
          />
        </Labelled>
      ))}
    </>
  );
}

function ChoiceFilters({ org, get, onChange }: FilterProps & { org: string }) {
  return (
    <>
      <Labelled id="audit-actor" label="Actor" width="w-64">
        <ActorSelect
          id="audit-actor"
          org={org}
          value={get("actor")}
          onChange={(v) => onChange("actor", v)}
        />
      </Labelled>
      <Labelled id="audit-action" label="Action" width="w-64">
        <Select
          id="audit-action"
          className="mt-1"
          value={get("action")}
          onChange={(e) => onChange("action", e.target.value)}
        >
          <option value="">Any action</option>
          {actionGroups.map(([domain, actions]) => (
            <optgroup key={domain} label={domain}>
              {actions.map((a) => (
                <option key={a} value={a}>
                  {(actionWords as Record<string, string>)[a]}
                </option>
              ))}
            </optgroup>
          ))}
        </Select>
      </Labelled>
      <Labelled id="audit-target-type" label="Target type" width="w-48">
        <Select
          id="audit-target-type"
          className="mt-1"
          value={get("target_type")}
          onChange={(e) => onChange("target_type", e.target.value)}
        >
          <option value="">Any target</option>
          {auditTargetTypes.map((t) => (
            <option key={t} value={t}>
              {targetTypeFilterWords[t]}
            </option>
          ))}
        </Select>
      </Labelled>
    </>
  );
}

/** Downloads of what the filters select (the API streams them; at most 100,000 events). */
function ExportLinks({ org, query }: { org: string; query: string }) {
  const href = (format: "csv" | "json") =>
    `${auditExportPath(org)}?${new URLSearchParams([...new URLSearchParams(query), ["format", format]])}`;
  return (
    <div className="ml-auto flex gap-2">
      <a className={buttonClass("secondary")} href={href("csv")} download>
        Export CSV
      </a>
      <a className={buttonClass("secondary")} href={href("json")} download>
        Export JSON
      </a>
    </div>
  );
}

export function AuditFilters({
  org,
  params,
  query,
  onChange,
  onClear,
}: {
  org: string;
  params: URLSearchParams;
  /** The API's filter parameters: what the export downloads. */
  query: string;
  onChange: (key: AuditFilterKey, value: string) => void;
  onClear: () => void;
}) {
  const get = (k: AuditFilterKey) => params.get(k) ?? "";
  const [search, setSearch] = useUrlSearchField(get("q"), (v) => onChange("q", v));
  return (
    <form
      role="search"
      aria-label="Filter the audit log"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        onChange("q", search.trim());
      }}
    >
      <Labelled id="audit-search" label="Search" width="w-56">
        <Input
          id="audit-search"
          type="search"
          className="mt-1"
          placeholder="Name, email, action…"
          value={search}
          maxLength={200}
          onChange={(e) => setSearch(e.target.value)}
        />
      </Labelled>
      <ChoiceFilters org={org} get={get} onChange={onChange} />
      <DateFilters get={get} onChange={onChange} />
      <button
        type="button"
        className={buttonClass("ghost")}
        onClick={() => {
          setSearch("");
          onClear();
        }}
      >
        Clear filters
      </button>
      <ExportLinks org={org} query={query} />
    </form>
  );
}
