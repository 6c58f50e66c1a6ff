// Two or three capabilities (or versions of one) side by side: components, flags, license and
// trust signals, with the rows that differ marked. The items are in the URL
// (`?items=name@version&items=owner/name`), so a comparison can be linked.
import type { Metadata } from "next";
import Link from "next/link";
import { ComparePicker } from "@/components/catalog/compare-picker";
import { CompareTable, type CompareColumn } from "@/components/catalog/compare-table";
import { EmptyState, ErrorState, PageHeader } from "@/components/ui/card";
import { ApiError } from "@/lib/api/errors";
import { redactJson, redactManifest } from "@/lib/catalog/redact";
import { getVersion } from "@/lib/catalog/service";
import { trustCardOf } from "@/lib/catalog/trust";
import { pageOrgCtx } from "@/lib/orgs/page-context";

export const metadata: Metadata = { title: "Compare capabilities" };

const MAX_ITEMS = 3;

/** `name`, `name@1.2.0`, `owner/name@1.2.0`; items may also come comma-separated. */
function parseItems(raw: string | string[] | undefined): { name: string; version?: string }[] {
  const list = (Array.isArray(raw) ? raw : raw ? [raw] : [])
    .flatMap((s) => s.split(","))
    .map((s) => s.trim())
    .filter(Boolean);
  return list.slice(0, MAX_ITEMS).map((item) => {
    const at = item.lastIndexOf("@");
    return at > 0 ? { name: item.slice(0, at), version: item.slice(at + 1) } : { name: item };
  });
}

export default async function ComparePage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<{ items?: string | string[] }>;
}) {
  const [{ org: slug }, query] = await Promise.all([params, searchParams]);
  const ctx = await pageOrgCtx(slug);
  const items = parseItems(query.items);
  const loaded = await Promise.all(
    items.map(async (item): Promise<CompareColumn | { error: string; label: string }> => {
      const label = item.version ? `${item.name}@${item.version}` : item.name;
      try {
        if (item.version !== undefined && !/^\d+\.\d+\.\d+$/.test(item.version))
          return { error: `'${item.version}' is not a version (X.Y.Z)`, label };
        const v = await getVersion(ctx, item.name, item.version);
        // The table shows manifest flags and component details: redacted as the API shows them.
        const shown = {
          ...v,
          manifest: redactManifest(v.manifest) as typeof v.manifest,
          components: redactJson(v.components),
        };
        return {
          name: v.capability.name,
          version: v.version,
          detail: shown,
          trust: await trustCardOf(ctx, v),
        };
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return { error: err.message, label };
        throw err;
      }
    }),
  );
  const columns = loaded.filter((c): c is CompareColumn => !("error" in c));
  const errors = loaded.filter((c): c is { error: string; label: string } => "error" in c);

  return (
    <>
      <nav className="mb-2 text-sm text-slate-500">
        <Link href={`/${ctx.org.slug}/catalog`} className="hover:text-slate-800">
          Catalog
        </Link>{" "}
        / compare
      </nav>
      <PageHeader
        title="Compare"
        description="Put two or three capabilities, or versions of one, side by side. Rows that differ are marked."
      />
      <ComparePicker
        org={ctx.org.slug}
        initial={items.map((i) => ({ name: i.name, version: i.version ?? "" }))}
      />
      {errors.map((e) => (
        <div key={e.label} className="mb-4">
          <ErrorState title={`Cannot compare ${e.label}`} message={e.error} />
        </div>
      ))}
      {columns.length >= 2 ? (
        <CompareTable org={ctx.org.slug} columns={columns} />
      ) : (
        <EmptyState title={columns.length ? "Add one more to compare" : "Pick what to compare"}>
          Choose two or three capabilities above. Pick the same capability twice with different
          versions to compare versions.
        </EmptyState>
      )}
    </>
  );
}
