"use client";
// The flags of one binding: each declared flag with its default, this runtime's override (on, off,
// or none: the default applies) and the effective value the runtime loads. A choice is a button
// press (never an arrow key), applied at once; the table's toast offers Undo.
import { segmentFocusClass } from "@/components/ui/button";
import { LoadingRows } from "@/components/ui/card";
import {
  choiceValue,
  resolveFlags,
  type DeclaredFlag,
  type FlagChoice,
  type ResolvedFlag,
} from "./flags";
import { useDeclaredFlags, type BindingView } from "./hooks";

const onOff = (v: boolean) => (v ? "on" : "off");

function Effective({ value, overridden }: { value: boolean; overridden: boolean }) {
  return (
    <span
      data-testid="flag-effective"
      className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${value ? "bg-emerald-50 text-emerald-800 ring-emerald-200" : "bg-slate-100 text-slate-700 ring-slate-200"}`}
      title={overridden ? "Set by this runtime's override" : "The manifest's default"}
    >
      {onOff(value)}
    </span>
  );
}

function FlagRow({
  resolved: { flag, choice, overridden, effective },
  disabled,
  disabledReason,
  onSet,
}: {
  resolved: ResolvedFlag;
  disabled: boolean;
  disabledReason?: string;
  onSet: (v: boolean | null) => void;
}) {
  const options: { value: FlagChoice; label: string }[] = [
    { value: "default", label: `Default (${onOff(flag.default)})` },
    { value: "on", label: "On" },
    { value: "off", label: "Off" },
  ];
  return (
    <li
      className="grid grid-cols-[minmax(0,1fr)_auto_auto] items-center gap-x-4 gap-y-1 py-2"
      data-testid="flag-row"
      data-flag={flag.name}
    >
      <div className="min-w-0">
        <code className="text-xs font-semibold text-slate-900">{flag.name}</code>
        {overridden ? (
          <span className="ml-2 text-xs font-medium text-indigo-700">overridden</span>
        ) : null}
        {flag.description ? <p className="text-xs text-slate-600">{flag.description}</p> : null}
        <p className="text-xs text-slate-500">Default {onOff(flag.default)}</p>
      </div>
      {/* Buttons, not radios: arrow keys move a radio group's choice, and each choice here is a
          change to what the runtime loads. A choice applies on click, Enter or Space only. */}
      <div
        role="group"
        aria-label={`Override of ${flag.name}`}
        title={disabled ? disabledReason : undefined}
        className="inline-flex overflow-hidden rounded-md border border-slate-300 bg-white"
      >
        {options.map((o) => (
          <button
            key={o.value}
            type="button"
            aria-pressed={choice === o.value}
            disabled={disabled}
            onClick={() => (choice === o.value ? undefined : onSet(choiceValue[o.value]))}
            className={`whitespace-nowrap border-l border-slate-300 px-2 py-1 text-xs font-medium first:border-l-0 ${segmentFocusClass(choice === o.value)} disabled:cursor-not-allowed disabled:opacity-60 ${
              choice === o.value
                ? "bg-indigo-600 text-white"
                : "bg-white text-slate-700 hover:bg-slate-50"
            }`}
          >
            {o.label}
          </button>
        ))}
      </div>
      <div className="flex items-center gap-1.5 text-xs text-slate-500">
        effective <Effective value={effective} overridden={overridden} />
      </div>
    </li>
  );
}

export function FlagsEditor({
  org,
  binding,
  initial,
  disabled,
  disabledReason,
  onSet,
}: {
  org: string;
  binding: BindingView;
  initial?: DeclaredFlag[];
  disabled: boolean;
  disabledReason?: string;
  onSet: (flag: string, value: boolean | null) => void;
}) {
  const declared = useDeclaredFlags(org, binding.capability_name, binding.version, initial);
  if (declared.isPending) return <LoadingRows rows={1} />;
  if (declared.isError)
    return (
      <p className="text-xs text-red-700">
        Could not read the flags of {binding.capability_name} {binding.version}:{" "}
        {declared.error.message}
      </p>
    );
  const { flags, stray } = resolveFlags(declared.data, binding.flags);
  if (!flags.length && !stray.length) return null;
  return (
    <div>
      <ul className="divide-y divide-slate-100" aria-label={`Flags of ${binding.capability_name}`}>
        {flags.map((r) => (
          <FlagRow
            key={r.flag.name}
            resolved={r}
            disabled={disabled}
            disabledReason={disabledReason}
            onSet={(v) => onSet(r.flag.name, v)}
          />
        ))}
      </ul>
      {stray.length ? (
        <p className="mt-1 text-xs text-amber-800">
          Overrides of flags {binding.version} does not declare, ignored: {stray.join(", ")}
        </p>
      ) : null}
    </div>
  );
}

/** Whether a version declares flags, for the table to decide on a flags row (from the cache). */
export function useHasFlags(org: string, binding: BindingView, initial?: DeclaredFlag[]): boolean {
  const declared = useDeclaredFlags(org, binding.capability_name, binding.version, initial);
  return (
    (declared.data?.length ?? 0) > 0 ||
    Object.keys(binding.flags).length > 0 ||
    declared.isPending ||
    declared.isError
  );
}
