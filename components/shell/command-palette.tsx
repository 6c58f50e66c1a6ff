"use client";
// The command palette (⌘K / Ctrl-K, or the shell's search button): the org's objects from
// GET /api/v1/org/{org}/search as the user types (debounced), grouped by kind, and the main
// actions and places, filtered here. cmdk renders a modal dialog with a labelled combobox and
// listbox; Escape closes it, and focus returns to where it was.
import { Command } from "cmdk";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { useDebounced } from "@/components/ui/use-debounced";
import {
  actions,
  areas,
  kindLabels,
  placeMatches,
  resultHref,
  workspaceSwitches,
  type Place,
  type SearchResult,
} from "./areas";
import { useOrgSearch } from "./hooks";

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  org: string;
  ws: string;
  workspaces: { slug: string; name: string }[];
}

const itemClass =
  "flex cursor-pointer items-center justify-between gap-3 rounded-md px-3 py-2 text-sm text-slate-800 data-[selected=true]:bg-indigo-50 data-[selected=true]:text-indigo-900";
const groupClass =
  "px-2 py-1 [&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:py-1.5 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-medium [&_[cmdk-group-heading]]:uppercase [&_[cmdk-group-heading]]:tracking-wide [&_[cmdk-group-heading]]:text-slate-500";

/** Results by kind, the kinds in the order of their best result. */
function byKind(results: SearchResult[]): [SearchResult["kind"], SearchResult[]][] {
  const groups = new Map<SearchResult["kind"], SearchResult[]>();
  for (const r of results) groups.set(r.kind, [...(groups.get(r.kind) ?? []), r]);
  return [...groups];
}

function PlaceGroup({
  heading,
  places,
  go,
}: {
  heading: string;
  places: Place[];
  go: (href: string) => void;
}) {
  if (!places.length) return null;
  return (
    <Command.Group heading={heading} className={groupClass}>
      {places.map((p) => (
        <Command.Item
          key={p.label}
          value={`${heading}:${p.label}`}
          onSelect={() => go(p.href)}
          className={itemClass}
        >
          <span>{p.label}</span>
          {p.key ? (
            <kbd className="font-sans text-xs text-slate-500">
              <span className="sr-only">Shortcut: </span>g {p.key}
            </kbd>
          ) : null}
        </Command.Item>
      ))}
    </Command.Group>
  );
}

function ResultGroups({ results, go }: { results: SearchResult[]; go: (href: string) => void }) {
  return (
    <>
      {byKind(results).map(([kind, items]) => (
        <Command.Group key={kind} heading={kindLabels[kind]} className={groupClass}>
          {items.map((r) => (
            <Command.Item
              key={`${r.kind}:${r.id}`}
              value={`${r.kind}:${r.id}`}
              onSelect={() => go(resultHref(r))}
              className={itemClass}
            >
              <span className="min-w-0 truncate font-medium">{r.title}</span>
              <span className="min-w-0 truncate text-xs text-slate-500">{r.subtitle}</span>
            </Command.Item>
          ))}
        </Command.Group>
      ))}
    </>
  );
}

export function CommandPalette({ open, onOpenChange, org, ws, workspaces }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const [text, setText] = useState("");
  const debounced = useDebounced(text, 150);
  const search = useOrgSearch(org, open ? debounced : "");
  const typed = text.trim();
  const results = typed && search.data ? search.data.results : [];
  const filter = (places: Place[]) => places.filter((p) => placeMatches(p, typed));

  function go(href: string) {
    onOpenChange(false);
    setText("");
    router.push(href);
  }

  return (
    <Command.Dialog
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        if (!next) setText("");
      }}
      label="Search and commands"
      shouldFilter={false}
      overlayClassName="fixed inset-0 z-40 bg-slate-900/40"
      contentClassName="fixed left-1/2 top-[12vh] z-50 w-[calc(100%-2rem)] max-w-xl -translate-x-1/2 overflow-hidden rounded-lg bg-white text-slate-900 shadow-xl ring-1 ring-slate-200"
    >
      <Command.Input
        value={text}
        onValueChange={setText}
        placeholder="Search capabilities, runtimes, agents, runs… or type a command"
        className="w-full border-0 border-b border-slate-200 px-4 py-3 text-sm outline-none focus:ring-0"
      />
      <Command.List label="Results" className="max-h-[60vh] overflow-y-auto py-1">
        {search.isFetching && typed ? (
          <Command.Loading label="Searching">
            <p className="px-5 py-2 text-xs text-slate-500">Searching…</p>
          </Command.Loading>
        ) : null}
        {search.isError && typed ? (
          <p role="alert" className="px-5 py-2 text-sm text-red-700">
            Search failed: {search.error.message}. The actions below still work.
          </p>
        ) : null}
        <Command.Empty className="px-5 py-6 text-center text-sm text-slate-500">
          {search.isFetching ? "Searching…" : `Nothing matches “${typed}”.`}
        </Command.Empty>
        <ResultGroups results={results} go={go} />
        <PlaceGroup heading="Actions" places={filter(actions(org, ws))} go={go} />
        <PlaceGroup
          heading="Workspaces"
          places={filter(workspaceSwitches(org, ws, pathname, workspaces))}
          go={go}
        />
        <PlaceGroup heading="Go to" places={filter(areas(org, ws))} go={go} />
      </Command.List>
    </Command.Dialog>
  );
}
