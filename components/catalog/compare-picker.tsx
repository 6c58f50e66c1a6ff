"use client";
// Chooses the two or three capability versions of the compare page: a name (suggested from the
// catalog as you type, public ones of other orgs included) and a version of it (latest by default).
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { useDebounced } from "@/components/ui/use-debounced";
import { useCapabilitySearch, useCapabilityVersions } from "./hooks";

interface Slot {
  name: string;
  version: string;
}

function SlotPicker({
  org,
  index,
  slot,
  onChange,
  onRemove,
}: {
  org: string;
  index: number;
  slot: Slot;
  onChange: (s: Slot) => void;
  onRemove?: () => void;
}) {
  const listId = useId();
  const term = useDebounced(slot.name.trim(), 250);
  const suggestions = useCapabilitySearch(org, "compare-suggest", term, { limit: 10, keep: false });
  const name = term;
  const versions = useCapabilityVersions(
    org,
    name,
    /^([a-z0-9][a-z0-9-]*\/)?[a-z0-9][a-z0-9-]*$/.test(name),
  );
  return (
    <fieldset className="flex min-w-0 flex-1 flex-col gap-1.5 rounded-md border border-slate-200 bg-white p-3">
      <legend className="px-1 text-xs font-medium text-slate-500">Column {index + 1}</legend>
      <input
        aria-label={`Capability ${index + 1}`}
        list={listId}
        value={slot.name}
        onChange={(e) => onChange({ name: e.target.value, version: "" })}
        placeholder="capability name"
        className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
      />
      <datalist id={listId}>
        {(suggestions.data?.capabilities ?? []).map((c) => (
          <option key={c.name} value={c.name}>
            {c.description ?? ""}
          </option>
        ))}
      </datalist>
      <div className="flex items-center gap-2">
        <select
          aria-label={`Version ${index + 1}`}
          value={slot.version}
          onChange={(e) => onChange({ ...slot, version: e.target.value })}
          disabled={!versions.data}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm disabled:text-slate-400"
        >
          <option value="">latest</option>
          {(versions.data?.versions ?? []).map((v) => (
            <option key={v.version} value={v.version}>
              {v.version}
            </option>
          ))}
        </select>
        {onRemove ? (
          <button
            type="button"
            onClick={onRemove}
            className="text-xs text-slate-500 hover:text-red-700"
          >
            Remove
          </button>
        ) : null}
      </div>
      {versions.isError && name ? (
        <p className="text-xs text-red-700">No capability named {name}</p>
      ) : null}
    </fieldset>
  );
}

export function ComparePicker({ org, initial }: { org: string; initial: Slot[] }) {
  const router = useRouter();
  const [slots, setSlots] = useState<Slot[]>(() => {
    const s = [...initial];
    while (s.length < 2) s.push({ name: "", version: "" });
    return s;
  });
  const ready = slots.filter((s) => s.name.trim());
  const submit = () => {
    const qs = new URLSearchParams();
    for (const s of ready)
      qs.append("items", s.version ? `${s.name.trim()}@${s.version}` : s.name.trim());
    router.push(`/${org}/compare?${qs.toString()}`);
  };
  return (
    <form
      className="mb-6"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="flex flex-col gap-3 md:flex-row">
        {slots.map((slot, i) => (
          <SlotPicker
            key={i}
            org={org}
            index={i}
            slot={slot}
            onChange={(s) => setSlots(slots.map((x, j) => (j === i ? s : x)))}
            onRemove={
              slots.length > 2 ? () => setSlots(slots.filter((_, j) => j !== i)) : undefined
            }
          />
        ))}
      </div>
      <div className="mt-3 flex gap-2">
        <Button type="submit" disabled={ready.length < 2}>
          Compare
        </Button>
        {slots.length < 3 ? (
          <Button
            type="button"
            variant="secondary"
            onClick={() => setSlots([...slots, { name: "", version: "" }])}
          >
            Add a column
          </Button>
        ) : null}
      </div>
    </form>
  );
}
