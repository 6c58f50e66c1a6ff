// The capability catalog of an org: search, filters, sort and pages, in the URL.
import type { Metadata } from "next";
import { Suspense } from "react";
import { CatalogBrowser } from "@/components/catalog/catalog-browser";
import { LoadingRows, PageHeader } from "@/components/ui/card";
import { pageContext } from "@/lib/orgs/page-context";

export const metadata: Metadata = { title: "Catalog" };

export default async function CatalogPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org } = await pageContext(slug);
  return (
    <>
      <PageHeader
        title="Catalog"
        description={`Capability artifacts of ${org.name}: versioned bundles of agent prompts, tools, skills, MCP servers and workers.`}
      />
      <Suspense fallback={<LoadingRows rows={6} />}>
        <CatalogBrowser org={org.slug} />
      </Suspense>
    </>
  );
}
