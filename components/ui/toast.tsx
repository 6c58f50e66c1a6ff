"use client";
// Toasts: a short line that says what a change did (or why it failed), with Undo for a few seconds
// when the change can be taken back. One provider (app/providers.tsx) renders them in a region
// that screen readers announce (polite; a failure as an alert). A toast stays while the pointer or
// the keyboard focus is on it, so that there is time to read it and reach Undo.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";

type ToastTone = "success" | "error" | "info";

interface ToastInput {
  message: string;
  tone?: ToastTone;
  /** Takes the change back; offered as an Undo button while the toast is shown. */
  undo?: () => void;
  /** How long it stays, in ms (default: 6 s, 10 s for a failure). */
  duration?: number;
}

interface Toast extends Required<Pick<ToastInput, "message" | "tone">> {
  id: number;
  undo?: () => void;
  duration: number;
}

interface ToastApi {
  toast: (t: ToastInput) => number;
  dismiss: (id: number) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

/** `toast({message, tone, undo})` and `dismiss(id)`; needs the ToastProvider above. */
export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast needs a ToastProvider above it");
  return api;
}

const toneClass: Record<ToastTone, string> = {
  success: "border-emerald-300 bg-white text-slate-900",
  error: "border-red-300 bg-red-50 text-red-900",
  info: "border-slate-300 bg-white text-slate-900",
};
const toneIcon: Record<ToastTone, { glyph: string; label: string; className: string }> = {
  success: { glyph: "✓", label: "Done", className: "text-emerald-700" },
  error: { glyph: "!", label: "Failed", className: "text-red-700" },
  info: { glyph: "i", label: "Note", className: "text-slate-600" },
};

function ToastItem({ t, onDismiss }: { t: Toast; onDismiss: (id: number) => void }) {
  const [held, setHeld] = useState(false);
  const left = useRef(t.duration);
  useEffect(() => {
    if (held) return;
    const started = Date.now();
    const timer = setTimeout(() => onDismiss(t.id), left.current);
    return () => {
      clearTimeout(timer);
      left.current = Math.max(1500, left.current - (Date.now() - started));
    };
  }, [held, onDismiss, t.id]);
  const icon = toneIcon[t.tone];
  return (
    <li
      role={t.tone === "error" ? "alert" : "status"}
      data-testid="toast"
      data-tone={t.tone}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) setHeld(false);
      }}
      className={`pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-lg border px-4 py-3 text-sm shadow-lg ${toneClass[t.tone]}`}
    >
      <span aria-hidden="true" className={`mt-px font-bold ${icon.className}`}>
        {icon.glyph}
      </span>
      <span className="sr-only">{icon.label}: </span>
      <p className="min-w-0 flex-1">{t.message}</p>
      {t.undo ? (
        <button
          type="button"
          className="shrink-0 rounded px-1.5 font-semibold text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500"
          onClick={() => {
            onDismiss(t.id);
            t.undo?.();
          }}
        >
          Undo
        </button>
      ) : null}
      <button
        type="button"
        aria-label="Dismiss"
        className="-mr-1 shrink-0 rounded px-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-500"
        onClick={() => onDismiss(t.id)}
      >
        ✕
      </button>
    </li>
  );
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => {
    setToasts((ts) => ts.filter((t) => t.id !== id));
  }, []);
  const toast = useCallback((input: ToastInput) => {
    const id = next.current++;
    const tone = input.tone ?? "success";
    const duration = input.duration ?? (tone === "error" ? 10_000 : 6_000);
    // At most three at once: the oldest goes first.
    setToasts((ts) => [...ts.slice(-2), { ...input, id, tone, duration }]);
    return id;
  }, []);
  const api = useMemo(() => ({ toast, dismiss }), [toast, dismiss]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <section
        aria-label="Notifications"
        className="pointer-events-none fixed bottom-4 right-4 z-50 flex w-[calc(100%-2rem)] max-w-sm flex-col"
      >
        <ol aria-live="polite" className="flex flex-col gap-2">
          {toasts.map((t) => (
            <ToastItem key={t.id} t={t} onDismiss={dismiss} />
          ))}
        </ol>
      </section>
    </ToastContext.Provider>
  );
}
