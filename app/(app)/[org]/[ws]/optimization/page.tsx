// Optimization of a workspace. Until there are any, the page says what will appear here.
import type { Metadata } from "next";
import { EmptyArea } from "@/components/shell/empty-area";

export const metadata: Metadata = { title: "Optimization" };

export default async function OptimizationPage({ params }: { params: Promise<{ org: string; ws: string }> }) {
  const { ws } = await params;
  return (
    <EmptyArea title="Optimization" description={`Prompt optimization runs in workspace ${ws}.`} emptyTitle="No optimization runs yet">
      Optimization runs of this workspace appear here: prompt variants tested against simulated users, with their metrics and statistics.
    </EmptyArea>
  );
}
