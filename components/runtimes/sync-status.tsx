// A runtime's sync status as a badge: whether what it last reported loading is what it should load.
import { Badge } from "@/components/ui/card";
import type { RuntimeView } from "./hooks";

const shown = {
  in_sync: {
    tone: "green",
    label: "In sync",
    why: "Its last heartbeat reported the resolved digest.",
  },
  drift: {
    tone: "amber",
    label: "Drift",
    why: "Its last heartbeat reported another digest than the resolved one: it runs an older or different configuration.",
  },
  unknown: {
    tone: "slate",
    label: "Never reported",
    why: "No heartbeat yet: Quiver does not know what it runs.",
  },
} as const;

export function syncExplanation(status: RuntimeView["sync"]["status"]): string {
  return shown[status].why;
}

export function SyncBadge({ status }: { status: RuntimeView["sync"]["status"] }) {
  const s = shown[status];
  return (
    <span title={s.why} data-sync={status} className="whitespace-nowrap">
      <Badge tone={s.tone}>{s.label}</Badge>
    </span>
  );
}
