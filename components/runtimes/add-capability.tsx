"use client";
// "Add capability": search the catalog (the org's own and other orgs' public capabilities, named
// owner/name), pick one and a version (the latest by default), bind it (POST .../capabilities).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState, type KeyboardEvent } from "react";
import { ComponentChips } from "@/components/catalog/component-chips";
import type { CapabilityList, CapabilitySummary } from "@/components/catalog/hooks";
import { Button } from "@/components/ui/button";
import { Badge, ErrorState, LoadingRows } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/form";
import { useDebounced } from "@/components/ui/use-debounced";
import { apiFetch } from "@/lib/api/client";
import { useAddBinding, useCapabilityVersions, type Where } from "./hooks";

function useCatalogSearch(org: string, term: string) {
  const base = `/api/v1/org/${encodeURIComponent(org)}/capabilities`;
  return useQuery({
    queryKey: ["org", org, "capabilities", "runtime-picker", term],
    queryFn: () => apiFetch<CapabilityList>(`${base}?include_public=true&limit=20${term ? `&search=${encodeURIComponent(term)}` : "&sort_by=name&sort_dir=asc"}`),
    placeholderData: keepPreviousData,
  });
}

export function AddCapabilityDialog({ where, runtimeId, bound, onClose }: { where: Where; runtimeId: string; bound: string[]; onClose: () => void }) {
  const [search, setSearch] = useState("");
  const term = useDebounced(search.trim(), 200);
  const results = useCatalogSearch(where.org, term);
  const [picked, setPicked] = useState<CapabilitySummary | null>(null);
  const [active, setActive] = useState(0);
  const [version, setVersion] = useState("");
  const versions = useCapabilityVersions(where.org, picked?.name ?? "", !!picked);
  const add = useAddBinding(where, runtimeId);
  const listId = useId();
  const options = results.data?.capabilities ?? [];
  const isBound = (c: CapabilitySummary) => bound.includes(c.name);

  function pick(c: CapabilitySummary | undefined) {
    if (!c || isBound(c)) return;
    setPicked(c);
    setVersion("");
    add.reset();
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
    <Dialog
      open
      onClose={onClose}
      wide
      title="Add a capability"
      footer={
        <>
          {add.error ? <p role="alert" className="mr-auto text-sm text-red-700">{add.error.message}</p> : null}
          <Button variant="ghost" onClick={onClose}>Cancel</Button>
          <Button disabled={!picked || add.isPending} onClick={() => picked && add.mutate({ name: picked.name, ...(version ? { version } : {}) }, { onSuccess: onClose })}>
            {add.isPending ? "Adding…" : picked ? `Add ${picked.name} ${version || picked.version}` : "Add"}
          </Button>
        </>
      }
    >
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
      <div className="mt-3 max-h-72 overflow-y-auto rounded-md ring-1 ring-slate-200">
        {results.isPending ? (
          <div className="p-3"><LoadingRows rows={3} /></div>
        ) : results.isError ? (
          <div className="p-3"><ErrorState message={`Could not search the catalog: ${results.error.message}`} onRetry={() => results.refetch()} /></div>
        ) : options.length === 0 ? (
          <p className="p-4 text-sm text-slate-600">{term ? `No capability matches “${term}”.` : "The catalog is empty: push a capability first."}</p>
        ) : (
          <ul id={listId} role="listbox" aria-label="Capabilities" className="divide-y divide-slate-100">
            {options.map((c, i) => {
              const taken = isBound(c);
              const selected = picked?.name === c.name;
              return (
                <li
                  key={c.id}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={selected}
                  aria-disabled={taken}
                  onClick={() => pick(c)}
                  onMouseEnter={() => setActive(i)}
                  className={`flex cursor-pointer items-start justify-between gap-3 px-3 py-2 text-sm ${selected ? "bg-indigo-50" : i === active ? "bg-slate-50" : ""} ${taken ? "cursor-not-allowed opacity-60" : ""}`}
                >
                  <div className="min-w-0 flex-1">
                    <p className="font-medium text-slate-900">
                      {c.name} <span className="font-normal text-slate-500">{c.version}</span>
                    </p>
                    {c.description ? <p className="line-clamp-1 text-xs text-slate-600">{c.description}</p> : null}
                    <div className="mt-1"><ComponentChips counts={c.component_counts} /></div>
                  </div>
                  <span className="shrink-0">{taken ? <Badge>already bound</Badge> : c.name.includes("/") ? <Badge tone="green">public · {c.name.split("/")[0]}</Badge> : null}</span>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      {picked ? (
        <div className="mt-4 grid gap-4 sm:grid-cols-2" data-testid="picked-capability">
          <div className="text-sm">
            <p className="text-slate-500">Selected</p>
            <p className="font-medium text-slate-900">{picked.name}</p>
          </div>
          <Field label="Version" htmlFor="bind-version" hint="New versions are not picked up by themselves: upgrades show up here as they are pushed.">
            <Select id="bind-version" value={version} onChange={(e) => setVersion(e.target.value)} disabled={!versions.data}>
              <option value="">latest ({picked.version})</option>
              {(versions.data?.versions ?? []).map((v) => (
                <option key={v.version} value={v.version}>{v.version}</option>
              ))}
            </Select>
          </Field>
        </div>
      ) : null}
    </Dialog>
  );
}
