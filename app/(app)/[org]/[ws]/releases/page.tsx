// Releases of a workspace. Until there are any, the page says what will appear here.
import type { Metadata } from "next";
import { EmptyArea } from "@/components/shell/empty-area";

export const metadata: Metadata = { title: "Releases" };

export default async function ReleasesPage({ params }: { params: Promise<{ org: string; ws: string }> }) {
  const { ws } = await params;
  return (
    <EmptyArea title="Releases" description={`Agents and their deployed releases in workspace ${ws}.`} emptyTitle="No agents yet">
      Agents of this workspace appear here with their drafts and their immutable, versioned releases.
    </EmptyArea>
  );
}
