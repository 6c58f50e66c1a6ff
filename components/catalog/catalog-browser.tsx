"use client";
// The catalog: search (debounced), facet filters with counts, sort, pagination and the
// include-public switch, all kept in the URL so that a view can be shared as a link. Filters and
// sort replace the history entry; a new page is a new entry, so Back returns to the page before.
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { useUrlSearchField } from "@/components/ui/url-search-field";
import { Button } from "@/components/ui/button";
import { Badge, Card, EmptyState, ErrorState, LoadingRows } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/form";
import { formatDate } from "@/components/ui/format";
import { TRUST_LEVELS } from "@/lib/catalog/trust/level";
import { ComponentChips } from "./component-chips";
import { useCapabilities, useCapabilityFacets, type Facets } from "./hooks";
import { TrustBadge, trustLevelLabel } from "./trust-badge";

const sorts = [
  { value: "", label: "Relevance / newest" },
  { value: "name:asc", label: "Name A–Z" },
  { value: "updated_at:desc", label: "Recently updated" },
  { value: "created_at:asc", label: "Oldest first" },
  { value: "author_name:asc", label: "Author" },
  { value: "license:asc", label: "License" },
];

function FacetGroup({
  title,
  param,
  values,
  selected,
  toggle,
  label = (v) => v,
}: {
  title: string;
  param: string;
  values: Facets["keywords"];
  selected: string[];
  toggle: (p: string, v: string) => void;
  label?: (value: string) => string;
}) {
  if (!values.length) return null;
  return (
    <fieldset className="mb-5 min-w-0">
      <legend className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
        {title}
      </legend>
      <ul className="space-y-1">
        {values.slice(0, 12).map((f) => (
          <li key={f.value}>
            <label className="flex cursor-pointer items-center justify-between gap-2 text-sm text-slate-700">
              <span className="flex min-w-0 flex-1 items-center gap-2 overflow-hidden">
                <input
                  type="checkbox"
                  className="shrink-0"
                  checked={selected.includes(f.value)}
                  onChange={() => toggle(param, f.value)}
                />
                <span className="truncate" title={label(f.value)}>
                  {label(f.value)}
                </span>
              </span>
              <span className="shrink-0 text-xs text-slate-500">{f.count}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export function CatalogBrowser({ org }: { org: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const qs = params.toString();
  const [search, setSearch] = useUrlSearchField(params.get("search") ?? "", (v) =>
    update((p) => {
      if (v) p.set("search", v);
      else p.delete("search");
      p.delete("page");
    }),
  );

  function update(mutate: (p: URLSearchParams) => void, how: "replace" | "push" = "replace") {
    const next = new URLSearchParams(params.toString());
    mutate(next);
    if (!next.has("page") || next.get("page") === "1") next.delete("page");
    router[how](`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  }

  const facetQs = useMemo(() => {
    const p = new URLSearchParams(qs);
    ["page", "limit", "sort_by", "sort_dir"].forEach((k) => p.delete(k));
    return p.toString();
  }, [qs]);
  const list = useCapabilities(org, qs);
  const facets = useCapabilityFacets(org, facetQs);
  const toggle = (param: string, value: string) =>
    update((p) => {
      const cur = p.getAll(param);
      p.delete(param);
      for (const v of cur.includes(value) ? cur.filter((x) => x !== value) : [...cur, value])
        p.append(param, v);
      p.delete("page");
    });
  const sortValue = params.get("sort_by")
    ? `${params.get("sort_by")}:${params.get("sort_dir") ?? "desc"}`
    : "";
  const page = Number(params.get("page") ?? "1");
  const filtered = ["search", "keywords", "author", "license", "trust"].some((k) => params.has(k));

  return (
    <div className="flex flex-col gap-6 lg:flex-row lg:gap-8">
      {/* Below lg the filters sit above the results, in two columns from sm. */}
      <div
        className="grid grid-cols-1 gap-x-6 sm:grid-cols-2 lg:block lg:w-56 lg:shrink-0"
        role="group"
        aria-label="Filters"
      >
        <label className="mb-5 flex items-center gap-2 text-sm text-slate-700 sm:col-span-2">
          <input
            type="checkbox"
            checked={params.get("include_public") === "true"}
            onChange={(e) =>
              update((p) =>
                e.target.checked ? p.set("include_public", "true") : p.delete("include_public"),
              )
            }
          />
          Include public capabilities of other orgs
        </label>
        {facets.data ? (
          <>
            <FacetGroup
              title="Trust"
              param="trust"
              // Every level, in order of severity, with how many rows each would show.
              values={TRUST_LEVELS.map((value) => ({
                value,
                count: facets.data.trust_levels?.find((f) => f.value === value)?.count ?? 0,
              }))}
              selected={params.getAll("trust")}
              toggle={toggle}
              label={(v) => trustLevelLabel[v as keyof typeof trustLevelLabel] ?? v}
            />
            <FacetGroup
              title="Keywords"
              param="keywords"
              values={facets.data.keywords}
              selected={params.getAll("keywords")}
              toggle={toggle}
            />
            <FacetGroup
              title="Authors"
              param="author"
              values={facets.data.authors}
              selected={params.getAll("author")}
              toggle={toggle}
            />
            <FacetGroup
              title="Licenses"
              param="license"
              values={facets.data.licenses}
              selected={params.getAll("license")}
              toggle={toggle}
            />
          </>
        ) : facets.isError ? (
          <p className="text-sm text-red-700">Filters could not be loaded.</p>
        ) : (
          <LoadingRows rows={4} />
        )}
      </div>
      <section className="min-w-0 flex-1">
        <div className="mb-4 flex flex-wrap items-center gap-3">
          <div className="w-full max-w-md">
            <Input
              type="search"
              aria-label="Search capabilities"
              placeholder="Search name, description, keywords, components…"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </div>
          <div className="w-full sm:w-56">
            <Select
              aria-label="Sort"
              value={sortValue}
              onChange={(e) =>
                update((p) => {
                  const [by, dir] = e.target.value.split(":");
                  if (by) {
                    p.set("sort_by", by);
                    p.set("sort_dir", dir ?? "desc");
                  } else {
                    p.delete("sort_by");
                    p.delete("sort_dir");
                  }
                })
              }
            >
              {sorts.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </Select>
          </div>
          {filtered ? (
            <Button
              variant="ghost"
              onClick={() => {
                setSearch("");
                update((p) =>
                  ["search", "keywords", "author", "license", "trust", "page"].forEach((k) =>
                    p.delete(k),
                  ),
                );
              }}
            >
              Clear filters
            </Button>
          ) : null}
        </div>
        {list.isPending ? (
          <LoadingRows rows={6} />
        ) : list.isError ? (
          <ErrorState
            message={`Could not load the catalog: ${list.error.message}`}
            onRetry={() => list.refetch()}
          />
        ) : list.data.total === 0 ? (
          filtered ? (
            <EmptyState title="No capability matches">Try fewer filters or other words.</EmptyState>
          ) : (
            <EmptyState title="No capabilities yet">
              Push one with{" "}
              <code className="font-mono">npm run quiver -- push &lt;folder&gt; --org {org}</code>{" "}
              or <code className="font-mono">POST /api/v1/org/{org}/capabilities</code>.
            </EmptyState>
          )
        ) : (
          <>
            <p className="mb-2 text-sm text-slate-600">
              {list.data.total} {list.data.total === 1 ? "capability" : "capabilities"}
            </p>
            <Card>
              <ul className="divide-y divide-slate-100">
                {list.data.capabilities.map((c) => (
                  <li key={c.id} className="px-5 py-4" data-testid="capability-row">
                    <div className="flex flex-wrap items-baseline justify-between gap-2">
                      <div className="flex flex-wrap items-baseline gap-2">
                        <Link
                          href={`/${org}/catalog/${encodeURIComponent(c.name)}`}
                          className="font-semibold text-indigo-700 hover:underline"
                        >
                          {c.name}
                        </Link>
                        <span className="font-mono text-xs text-slate-500">v{c.version}</span>
                        {c.is_public ? <Badge tone="green">public</Badge> : null}
                        <TrustBadge level={c.trust_level} counts={c.trust_counts} />
                      </div>
                      <span className="text-xs text-slate-500">
                        Updated {formatDate(c.updated_at)}
                      </span>
                    </div>
                    {c.description ? (
                      <p className="mt-1 text-sm text-slate-700">{c.description}</p>
                    ) : null}
                    <div className="mt-2 flex flex-wrap items-center gap-3 text-xs text-slate-600">
                      <ComponentChips counts={c.component_counts} />
                      {c.keywords.map((k) => (
                        <span key={k} className="rounded bg-slate-100 px-1.5 py-0.5">
                          #{k}
                        </span>
                      ))}
                      {c.author_name ? <span className="break-all">by {c.author_name}</span> : null}
                      <span>{c.license ?? "no license"}</span>
                    </div>
                  </li>
                ))}
              </ul>
            </Card>
            <div className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
              <span>
                Page {list.data.page} of {list.data.total_pages}
              </span>
              <div className="flex gap-2">
                <Button
                  variant="secondary"
                  disabled={!list.data.has_previous}
                  onClick={() => update((p) => p.set("page", String(page - 1)), "push")}
                >
                  Previous
                </Button>
                <Button
                  variant="secondary"
                  disabled={!list.data.has_next}
                  onClick={() => update((p) => p.set("page", String(page + 1)), "push")}
                >
                  Next
                </Button>
              </div>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
