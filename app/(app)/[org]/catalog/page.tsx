// The capability catalog of an org. Until a capability exists, the page says what will appear here.
import type { Metadata } from "next";
import { EmptyArea } from "@/components/shell/empty-area";
import { pageContext } from "@/lib/orgs/page-context";

export const metadata: Metadata = { title: "Catalog" };

export default async function CatalogPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org } = await pageContext(slug);
  return (
    <EmptyArea
      title="Catalog"
      description={`Capability artifacts of ${org.name}: versioned bundles of agent prompts, tools, skills, MCP servers and workers.`}
      emptyTitle="No capabilities yet"
    >
      {`${org.name} has no capability artifacts. Once capabilities are pushed, each one appears here with its versions, components and trust card.`}
    </EmptyArea>
  );
}
