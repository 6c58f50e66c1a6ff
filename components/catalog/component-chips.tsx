// Component counts as chips, one per type, in a fixed order and colour.
const order = ["agent", "tool", "skill", "mcp_server", "worker"] as const;
const labels: Record<string, string> = {
  agent: "agent",
  tool: "tool",
  skill: "skill",
  mcp_server: "MCP server",
  worker: "worker",
};
const tones: Record<string, string> = {
  agent: "bg-violet-50 text-violet-700 ring-violet-200",
  tool: "bg-sky-50 text-sky-700 ring-sky-200",
  skill: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  mcp_server: "bg-amber-50 text-amber-800 ring-amber-200",
  worker: "bg-rose-50 text-rose-700 ring-rose-200",
};

export function ComponentChips({ counts }: { counts: Record<string, number> }) {
  return (
    <span className="flex flex-wrap gap-1">
      {order
        .filter((t) => counts[t])
        .map((t) => (
          <span
            key={t}
            className={`rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[t]}`}
          >
            {counts[t]} {labels[t]}
            {counts[t]! > 1 ? "s" : ""}
          </span>
        ))}
    </span>
  );
}
