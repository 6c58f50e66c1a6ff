"use client";
// The runs list's search, filters and sort, each a control labelled for what it narrows; the list keeps
// their values in the URL. The search box waits for a pause in typing before it changes the URL.
import { useUrlSearchField } from "@/components/ui/url-search-field";
import { Input, Select } from "@/components/ui/form";

const STATUSES = ["queued", "running", "completed", "failed", "stopped"];
const VERDICTS = [
  ["winner", "A winner"],
  ["inconclusive", "Inconclusive"],
  ["original_won", "Original won"],
] as const;
const SORTS = [
  ["oldest", "Oldest first"],
  ["name", "Name A–Z"],
] as const;

/** Sets one URL parameter of the list ("" clears it); stable across renders. */
type Update = (key: string, value: string) => void;

function Choice({
  label,
  value,
  onChange,
  any,
  options,
  width = "w-40",
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  any: string;
  options: readonly (readonly [string, string])[];
  width?: string;
}) {
  return (
    <label className="block text-sm">
      <span className="font-medium text-slate-800">{label}</span>
      <Select
        aria-label={label}
        className={`mt-1 ${width}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{any}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </Select>
    </label>
  );
}

function SearchBox({ value, update }: { value: string; update: Update }) {
  const [text, setText] = useUrlSearchField(value, (v) => update("search", v));
  return (
    <label className="block text-sm">
      <span className="font-medium text-slate-800">Search</span>
      <Input
        type="search"
        aria-label="Search runs by name or target"
        placeholder="Name or target"
        className="mt-1 w-56"
        value={text}
        maxLength={200}
        onChange={(e) => setText(e.target.value)}
      />
    </label>
  );
}

function SortChoice({ value, update }: { value: string; update: Update }) {
  return (
    <Choice
      label="Sort"
      value={value}
      onChange={(v) => update("sort", v)}
      any="Newest first"
      options={SORTS}
    />
  );
}

export function RunsFilters({ params, update }: { params: URLSearchParams; update: Update }) {
  const get = (k: string) => params.get(k) ?? "";
  return (
    <div className="flex flex-wrap items-end gap-3" role="search" aria-label="Find runs">
      <SearchBox value={get("search")} update={update} />
      <Choice
        label="Status"
        value={get("status")}
        onChange={(v) => update("status", v)}
        any="Any"
        options={STATUSES.map((s) => [s, s] as const)}
        width="w-36"
      />
      <Choice
        label="Executor"
        value={get("executor")}
        onChange={(v) => update("executor", v)}
        any="Any"
        options={[
          ["builtin", "Built-in"],
          ["external", "External"],
        ]}
        width="w-36"
      />
      <Choice
        label="Verdict"
        value={get("verdict")}
        onChange={(v) => update("verdict", v)}
        any="Any"
        options={VERDICTS}
      />
      <Choice
        label="Target"
        value={get("target_kind")}
        onChange={(v) => update("target_kind", v)}
        any="Prompts and agents"
        options={[
          ["prompt", "Prompts"],
          ["capability_agent", "Capability agents"],
          ["agent_draft", "Agent drafts"],
        ]}
        width="w-48"
      />
      <label className="flex items-center gap-2 pb-2 text-sm text-slate-800">
        <input
          type="checkbox"
          className="h-4 w-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-600"
          checked={get("archived") === "include"}
          onChange={(e) => update("archived", e.target.checked ? "include" : "")}
        />
        Show archived
      </label>
      <SortChoice value={get("sort")} update={update} />
    </div>
  );
}
