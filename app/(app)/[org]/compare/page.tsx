// Two or three capabilities (or versions of one) side by side: components, flags, license and
// trust signals, with the rows that differ marked. The items are in the URL
// (`?items=name@version&items=owner/name`), so a comparison can be linked.
import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { ComparePicker } from "@/components/catalog/compare-picker";
import { CompareTable, type CompareColumn } from "@/components/catalog/compare-table";
import { EmptyState, ErrorState, PageHeader } from "@/components/ui/card";
import { ApiError } from "@/lib/api/errors";
import { redactJson, redactManifest } from "@/lib/catalog/redact";
import { getVersion } from "@/lib/catalog/service";
import { trustCardOf } from "@/lib/catalog/trust";
import { pageOrgCtx } from "@/lib/orgs/page-context";

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

type Props = {
  params: Promise<{ org: string }>;
  searchParams: Promise<{ items?: string | string[] }>;
};

/** The compared items (comma-joined, as the URL may give them) loaded, for the page and its title. */
const load = cache(async (slug: string, raw: string) => {
  const ctx = await pageOrgCtx(slug);
  const items = parseItems(raw);
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
  return { ctx, items, columns, errors };
});

const itemsOf = (raw: string | string[] | undefined) => [raw ?? []].flat().join(",");

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ org }, query] = await Promise.all([params, searchParams]);
  const { columns } = await load(org, itemsOf(query.items));
  const names = columns.map((c) => `${c.name}@${c.version}`);
  return {
    title: names.length
      ? `Compare ${names.slice(0, -1).join(", ")}${names.length > 1 ? " and " : ""}${names.at(-1)} · Catalog`
      : "Compare · Catalog",
  };
}

export default async function ComparePage({ params, searchParams }: Props) {
  const [{ org: slug }, query] = await Promise.all([params, searchParams]);
  const { ctx, items, columns, errors } = await load(slug, itemsOf(query.items));

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
