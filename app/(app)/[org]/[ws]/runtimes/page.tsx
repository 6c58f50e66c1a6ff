// Runtimes of a workspace. Until there are any, the page says what will appear here.
import type { Metadata } from "next";
import { EmptyArea } from "@/components/shell/empty-area";

export const metadata: Metadata = { title: "Runtimes" };

export default async function RuntimesPage({ params }: { params: Promise<{ org: string; ws: string }> }) {
  const { ws } = await params;
  return (
    <EmptyArea title="Runtimes" description={`Agent runtimes and the capability versions they run in workspace ${ws}.`} emptyTitle="No runtimes yet">
      Runtimes registered in this workspace appear here with their capability bindings, sync status and available upgrades.
    </EmptyArea>
  );
}
