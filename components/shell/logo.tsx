// Quiver's word mark.
export function Logo({ compact = false }: { compact?: boolean }) {
  return (
    <span className="inline-flex items-center gap-2 font-semibold text-slate-900">
      <svg
        width="24"
        height="24"
        viewBox="0 0 24 24"
        aria-hidden="true"
        className="text-indigo-600"
      >
        <path fill="currentColor" d="M4 20 L14 4 L16 5 L7 20 Z" />
        <path fill="currentColor" opacity=".65" d="M9 20 L18 6 L20 7 L12 20 Z" />
        <path fill="currentColor" opacity=".35" d="M14 20 L21 9 L21 12 L17 20 Z" />
      </svg>
      {compact ? null : <span className="text-lg tracking-tight">Quiver</span>}
    </span>
  );
}
