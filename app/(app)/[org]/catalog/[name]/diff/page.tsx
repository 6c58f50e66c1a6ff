// What changed between two versions of a capability; the versions are chosen in the URL
// (`?from=&to=`), by a plain GET form, and so is the layout of the lines (`&view=split`, unified
// by default), so any diff can be linked as the reader saw it.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { DiffView } from "@/components/catalog/diff-view";
import { DiffViewSwitch } from "@/components/catalog/diff-view-switch";
import type { DiffViewMode } from "@/components/catalog/file-diff";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { UrlNotice } from "@/components/ui/url-notice";
import { diffPair } from "@/lib/catalog/diff-pair";
import { compareVersions, listVersions } from "@/lib/catalog/service";
import { pageOrgCtx, segment } from "@/lib/orgs/page-context";
import { missingAsNull } from "@/lib/pages/load";

type Props = {
  params: Promise<{ org: string; name: string }>;
  searchParams: Promise<{ from?: string; to?: string; view?: string }>;
};

/** The capability's versions (newest first), for the page and its title; null: nothing to show. */
const load = cache(async (slug: string, name: string) => {
  const ctx = await pageOrgCtx(slug);
  const found = await listVersions(ctx, name).catch(missingAsNull);
  return found && { ctx, list: found.versions.map((v) => v.version) };
});

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ org, name: rawName }, query] = await Promise.all([params, searchParams]);
  const name = segment(rawName);
  const loaded = await load(org, name);
  if (!loaded) return { title: "Catalog" };
  const { from, to } = diffPair(loaded.list, query);
  return { title: `${name} ${from && from !== to ? `${from} → ${to}` : "versions"} · Catalog` };
}

export default async function DiffPage({ params, searchParams }: Props) {
  const [{ org: slug, name: rawName }, query] = await Promise.all([params, searchParams]);
  const name = segment(rawName);
  const loaded = await load(slug, name);
  if (!loaded) notFound();
  const { ctx, list } = loaded;
  const base = `/${ctx.org.slug}/catalog/${encodeURIComponent(name)}`;
  const { from, to, missing } = diffPair(list, query);
  const diff = from && from !== to ? await compareVersions(ctx, name, from, to) : null;
  const view: DiffViewMode = query.view === "split" ? "split" : "unified";
  const select = (field: "from" | "to", value: string | undefined) => (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      {field === "from" ? "From" : "To"}
      <select
        name={field}
        defaultValue={value}
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
      >
        {list.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <>
      <nav className="mb-2 text-sm text-slate-500">
        <Link href={`/${ctx.org.slug}/catalog`} className="hover:text-slate-800">
          Catalog
        </Link>{" "}
        /{" "}
        <Link href={base} className="hover:text-slate-800">
          {name}
        </Link>{" "}
        / diff
      </nav>
      <PageHeader
        title={diff ? `${name}: ${diff.from} → ${diff.to}` : `${name}: compare versions`}
        description="Files, components, manifest and trust signals that changed between two versions."
      />
      {missing.length ? (
        <UrlNotice>
          {missing.length === 1 ? "Version" : "Versions"} {missing.join(" and ")} of {name}{" "}
          {missing.length === 1 ? "does" : "do"} not exist.{" "}
          {from && from !== to ? `Comparing ${from} with ${to} instead. ` : null}
          <Link href={`${base}#versions`} className="font-medium underline">
            See all versions
          </Link>
        </UrlNotice>
      ) : null}
      <form
        method="get"
        className="mb-6 flex flex-wrap items-end gap-3"
        aria-label="Versions to compare"
      >
        {select("from", from)}
        {select("to", to)}
        {view === "split" ? <input type="hidden" name="view" value="split" /> : null}
        <button
          type="submit"
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-indigo-500"
        >
          Show diff
        </button>
        {diff ? (
          <DiffViewSwitch
            view={view}
            hrefOf={(v) =>
              `${base}/diff?from=${diff.from}&to=${diff.to}${v === "split" ? "&view=split" : ""}`
            }
          />
        ) : null}
      </form>
      {diff ? (
        <DiffView
          diff={diff}
          view={view}
          fileHref={(version, path) =>
            `${base}?version=${version}&file=${encodeURIComponent(path)}#file-viewer`
          }
        />
      ) : (
        <EmptyState title={list.length < 2 ? "Only one version" : "Pick two different versions"}>
          {list.length < 2
            ? `${name} has a single version, ${list[0]}; push another to see what changes.`
            : "Choose two different versions above."}
        </EmptyState>
      )}
    </>
  );
}
