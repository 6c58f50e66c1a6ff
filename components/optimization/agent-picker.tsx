"use client";
// Picks a capability agent to optimize: a capability from the catalog (the org's own, or another
// org's public one as owner/name) that has agents, one of its versions (the latest by default),
// and one of that version's agents.
import { useEffect, useState } from "react";
import {
  useCapabilityDetail,
  useCapabilitySearch,
  type CapabilitySummary,
} from "@/components/catalog/hooks";
import { Badge, ErrorState, LoadingRows } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/form";
import { useDebounced } from "@/components/ui/use-debounced";

export interface AgentChoice {
  name: string;
  version: string;
  agent: string;
}

export function AgentPicker({
  org,
  value,
  onChange,
}: {
  org: string;
  value: AgentChoice | null;
  onChange: (choice: AgentChoice | null) => void;
}) {
  const [search, setSearch] = useState("");
  const term = useDebounced(search.trim(), 200);
  const [picked, setPicked] = useState<CapabilitySummary | null>(null);
  const [version, setVersion] = useState("");
  const results = useCapabilitySearch(org, "agent-picker", term, { limit: 50, keep: true });
  const detail = useCapabilityDetail(org, picked?.name ?? null, version);
  const withAgents = (results.data?.capabilities ?? []).filter(
    (c) => (c.component_counts.agent ?? 0) > 0,
  );
  const agents = (detail.data?.component_details ?? []).filter((c) => c.type === "agent");

  // Once a version's agents are known, keep the choice valid: the first agent by default.
  useEffect(() => {
    if (!picked || !detail.data) return;
    const v = detail.data.version;
    const agent = agents.find((a) => a.name === value?.agent)?.name ?? agents[0]?.name;
    const next = agent ? { name: picked.name, version: v, agent } : null;
    if (
      next?.name !== value?.name ||
      next?.version !== value?.version ||
      next?.agent !== value?.agent
    )
      onChange(next);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [picked, detail.data]);

  return (
    <div className="space-y-3">
      <Input
        type="search"
        aria-label="Search capabilities"
        placeholder="Search your catalog and public capabilities…"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <div className="max-h-60 overflow-y-auto rounded-md ring-1 ring-slate-200">
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
        ) : withAgents.length === 0 ? (
          <p className="p-4 text-sm text-slate-600">
            {term
              ? `No capability with an agent matches “${term}”.`
              : "No capability in the catalog has an agent: push one with an agents/*.md file first."}
          </p>
        ) : (
          <ul
            role="radiogroup"
            aria-label="Capabilities with agents"
            className="divide-y divide-slate-100"
          >
            {withAgents.map((c) => {
              const selected = picked?.name === c.name;
              return (
                <li key={c.id}>
                  <label
                    className={`flex cursor-pointer items-start gap-3 px-3 py-2 text-sm ${selected ? "bg-indigo-50" : "hover:bg-slate-50"}`}
                  >
                    <input
                      type="radio"
                      name="capability"
                      className="mt-1"
                      checked={selected}
                      onChange={() => {
                        setPicked(c);
                        setVersion("");
                        onChange(null);
                      }}
                    />
                    <span className="min-w-0 flex-1">
                      <span className="font-medium text-slate-900">{c.name}</span>{" "}
                      <span className="text-slate-500">{c.version}</span>
                      {c.description ? (
                        <span className="block truncate text-xs text-slate-600">
                          {c.description}
                        </span>
                      ) : null}
                    </span>
                    <span className="flex shrink-0 items-center gap-1">
                      <Badge>
                        {c.component_counts.agent}{" "}
                        {c.component_counts.agent === 1 ? "agent" : "agents"}
                      </Badge>
                      {c.name.includes("/") ? <Badge tone="green">public</Badge> : null}
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      {picked ? (
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2" data-testid="picked-agent">
          <Field
            label="Version"
            htmlFor="agent-version"
            hint="Promoting a winner creates the next patch of this version."
          >
            <Select
              id="agent-version"
              value={version}
              onChange={(e) => {
                setVersion(e.target.value);
                onChange(null);
              }}
              disabled={!detail.data}
            >
              <option value="">latest ({detail.data?.versions[0] ?? picked.version})</option>
              {(detail.data?.versions ?? []).map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="Agent"
            htmlFor="agent-name"
            error={
              detail.isError
                ? detail.error.message
                : detail.data && agents.length === 0
                  ? `${picked.name} ${detail.data.version} has no agent`
                  : undefined
            }
          >
            <Select
              id="agent-name"
              value={value?.agent ?? ""}
              disabled={!agents.length}
              onChange={(e) =>
                detail.data &&
                onChange({ name: picked.name, version: detail.data.version, agent: e.target.value })
              }
            >
              {agents.map((a) => (
                <option key={a.name} value={a.name}>
                  {a.name}
                </option>
              ))}
            </Select>
          </Field>
          {agents.find((a) => a.name === value?.agent)?.description ? (
            <p className="text-xs text-slate-600 sm:col-span-2">
              <code>{agents.find((a) => a.name === value?.agent)!.path}</code>:{" "}
              {agents.find((a) => a.name === value?.agent)!.description}. The run varies the
              instructions after its frontmatter; the frontmatter (model, tools) stays.
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
