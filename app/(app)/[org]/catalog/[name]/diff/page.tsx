// What changed between two versions of a capability; the versions are chosen in the URL
// (`?from=&to=`), by a plain GET form, and so is the layout of the lines (`&view=split`, unified
// by default), so any diff can be linked as the reader saw it.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DiffView } from "@/components/catalog/diff-view";
import { DiffViewSwitch } from "@/components/catalog/diff-view-switch";
import type { DiffViewMode } from "@/components/catalog/file-diff";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { ApiError } from "@/lib/api/errors";
import { compareVersions, listVersions } from "@/lib/catalog/service";
import { pageOrgCtx, segment } from "@/lib/orgs/page-context";
import { isVersion } from "@/lib/versions";

export const metadata: Metadata = { title: "Version diff" };

const semver = (v: string | undefined) => (isVersion(v) ? v : undefined);

export default async function DiffPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; name: string }>;
  searchParams: Promise<{ from?: string; to?: string; view?: string }>;
}) {
  const [{ org: slug, name: rawName }, query] = await Promise.all([params, searchParams]);
  const name = segment(rawName);
  const ctx = await pageOrgCtx(slug);
  const base = `/${ctx.org.slug}/catalog/${encodeURIComponent(name)}`;
  const { versions } = await listVersions(ctx, name).catch((err: unknown) => {
    if (err instanceof ApiError && err.status === 404) notFound();
    throw err;
  });
  const list = versions.map((v) => v.version);
  const to = semver(query.to) && list.includes(query.to!) ? query.to! : list[0]!;
  const from =
    semver(query.from) && list.includes(query.from!)
      ? query.from!
      : (list[list.indexOf(to) + 1] ?? list[list.indexOf(to) - 1]);
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
