// A capability version: what it contains (components by type), its files with hashes, its
// versions and README. First paint from the services; changes go through the API.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ApprovedTools } from "@/components/catalog/approved-tools";
import { ComponentChips } from "@/components/catalog/component-chips";
import { FileBrowser } from "@/components/catalog/file-browser";
import { FileLinkScope } from "@/components/catalog/file-link-scope";
import { TrustCardView } from "@/components/catalog/trust-card";
import { VersionActions } from "@/components/catalog/version-actions";
import { VisibilityBadge } from "@/components/catalog/visibility";
import { Card, PageHeader } from "@/components/ui/card";
import { formatDate } from "@/components/ui/format";
import { formatBytes } from "@/lib/format";
import { capabilityBase } from "@/lib/api/paths";
import { roleRank } from "@/lib/auth/roles";
import type { Component } from "@/lib/catalog/ingest/components";
import type { ApprovedTool } from "@/lib/catalog/tools/fingerprint";
import { MarkdownView } from "@/lib/catalog/render/markdown";
import { fileUrl, withFileParam } from "@/lib/catalog/render/paths";
import { redactJson } from "@/lib/catalog/redact";
import { pageVersion } from "@/lib/catalog/page-version";
import { readmeOf, versionsOf } from "@/lib/catalog/service";
import { trustCardOf } from "@/lib/catalog/trust";
import { originOf } from "@/lib/catalog/trust/origin";
import { segment } from "@/lib/orgs/page-context";
import { UrlNotice } from "@/components/ui/url-notice";

type Props = {
  params: Promise<{ org: string; name: string }>;
  searchParams: Promise<{ version?: string }>;
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ org, name: rawName }, { version }] = await Promise.all([params, searchParams]);
  const name = segment(rawName);
  const loaded = await pageVersion(org, name, version);
  return { title: loaded ? `${name} ${loaded.v.version} · Catalog` : "Catalog" };
}

const typeTitles: Record<string, string> = {
  agent: "Agents",
  tool: "Tools",
  skill: "Skills",
  mcp_server: "MCP servers",
  worker: "Workers",
};

/** How an MCP server or worker is reached or started: its URL, command line, or module path. */
function launchLine(m: Record<string, unknown>): string {
  if (typeof m.url === "string") return m.url;
  if (typeof m.command === "string")
    return [m.command, ...((m.args as string[] | undefined) ?? [])].join(" ");
  return typeof m.path === "string" ? m.path : "";
}

export default async function CapabilityPage({ params, searchParams }: Props) {
  const [{ org: slug, name: rawName }, { version }] = await Promise.all([params, searchParams]);
  const name = segment(rawName);
  const loaded = await pageVersion(slug, name, version);
  if (!loaded) notFound();
  const { ctx, v, missing } = loaded;
  const { org } = ctx;
  const [versions, readme, trust] = await Promise.all([
    versionsOf(ctx, v.capability),
    readmeOf(ctx, v),
    trustCardOf(ctx, v),
  ]);
  const own = !name.includes("/");
  // Public exposes every version to every org: admins decide (lib/catalog/operations.ts).
  const publishBlocked = !own
    ? `Only ${name.slice(0, name.indexOf("/"))} can change who sees it.`
    : roleRank(ctx.role) < roleRank("admin")
      ? "Only admins can make a capability public or private: public shares it with every org."
      : null;
  const previous = versions[versions.indexOf(v.version) + 1] ?? null;
  const pageBase = `/${org.slug}/catalog/${encodeURIComponent(name)}`;
  const fileHref = (path: string, line: number | null) =>
    v.files.some((f) => f.path === path)
      ? `${pageBase}?version=${v.version}&file=${encodeURIComponent(path)}${line ? `&line=${line}` : ""}#file-viewer`
      : null;
  // Launch lines (command, args, URL) may carry secrets: shown redacted, as the API shows them.
  const components = redactJson(v.components as unknown as Component[]);
  const byType = Object.entries(typeTitles)
    .map(([type, title]) => ({ title, items: components.filter((c) => c.type === type) }))
    .filter((g) => g.items.length);
  // The same reading of the origin as the trust card's provenance: a promotion names its promoter.
  const origin = originOf(v.origin as Record<string, unknown>);
  const fileBase = `${capabilityBase(org.slug, name)}/${v.version}/files`;

  return (
    <>
      <nav className="mb-2 text-sm text-slate-500">
        <Link href={`/${org.slug}/catalog`} className="hover:text-slate-800">
          Catalog
        </Link>{" "}
        / {name}
      </nav>
      <PageHeader
        title={`${name} ${v.version}`}
        description={v.description}
        actions={
          <>
            <VisibilityBadge org={org.slug} name={name} isPublic={v.capability.isPublic} />
            {previous ? (
              <Link
                href={`${pageBase}/diff?from=${previous}&to=${v.version}`}
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
              >
                Changes since {previous}
              </Link>
            ) : null}
            <Link
              href={`/${org.slug}/compare?items=${encodeURIComponent(`${name}@${v.version}`)}`}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
            >
              Compare
            </Link>
          </>
        }
      />
      {missing ? (
        <UrlNotice>
          Version {missing} of {name} does not exist. Showing {v.version}, the latest.{" "}
          <a href="#versions" className="font-medium underline">
            See all versions
          </a>
        </UrlNotice>
      ) : null}
      <TrustCardView card={trust} fileHref={fileHref} />
      <Card className="mb-6 p-5">
        <dl className="grid grid-cols-2 gap-4 text-sm md:grid-cols-4">
          <div>
            <dt className="text-slate-500">Contains</dt>
            <dd className="mt-1">
              <ComponentChips counts={v.componentCounts as Record<string, number>} />
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">License</dt>
            <dd className="mt-1 font-medium">{v.license ?? "none declared"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Author</dt>
            <dd className="mt-1 font-medium">{v.authorName ?? "unknown"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Stored by</dt>
            <dd className="mt-1" data-testid="stored-by">
              {origin.who ?? "an unknown user"}, {origin.how},{" "}
              {formatDate(v.createdAt.toISOString())}
            </dd>
          </div>
          <div className="col-span-2">
            <dt className="text-slate-500">Runtime digest</dt>
            <dd className="mt-1 break-all font-mono text-xs">{v.runtimeDigest}</dd>
          </div>
          <div className="col-span-2">
            <dt className="text-slate-500">Bundle sha256</dt>
            <dd className="mt-1 break-all font-mono text-xs">{v.artifactSha256}</dd>
          </div>
          {v.repository ? (
            <div className="col-span-2">
              <dt className="text-slate-500">Repository</dt>
              <dd className="mt-1 break-all">{v.repository}</dd>
            </div>
          ) : null}
        </dl>
        <div className="mt-4 border-t border-slate-100 pt-4">
          <VersionActions
            org={org.slug}
            name={name}
            version={v.version}
            isPublic={v.capability.isPublic}
            versionCount={versions.length}
            publishBlocked={publishBlocked}
            canDelete={own && roleRank(ctx.role) >= roleRank("admin")}
          />
        </div>
      </Card>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {byType.map((g) => (
            <section key={g.title}>
              <h2 className="mb-2 text-base font-semibold">{g.title}</h2>
              <Card>
                <ul className="divide-y divide-slate-100">
                  {g.items.map((c) => (
                    <li key={`${c.type}-${c.name}-${c.path}`} className="px-4 py-3 text-sm">
                      <div className="flex flex-wrap items-baseline justify-between gap-2">
                        <span className="font-medium text-slate-900">{c.name}</span>
                        <code className="text-xs text-slate-500">{c.path}</code>
                      </div>
                      {c.description ? (
                        <p className="mt-1 text-slate-600">{c.description}</p>
                      ) : null}
                      {c.metadata && (c.type === "mcp_server" || c.type === "worker") ? (
                        <p className="mt-1 break-all font-mono text-xs text-slate-500">
                          {launchLine(c.metadata)}
                        </p>
                      ) : null}
                      {c.type === "mcp_server" && Array.isArray(c.metadata?.tools) ? (
                        <ApprovedTools server={c.name} tools={c.metadata.tools as ApprovedTool[]} />
                      ) : null}
                    </li>
                  ))}
                </ul>
              </Card>
            </section>
          ))}
          <section>
            <h2 className="mb-2 text-base font-semibold">
              Files ({v.fileCount}, {formatBytes(v.totalBytes)})
            </h2>
            <FileBrowser
              org={org.slug}
              name={name}
              version={v.version}
              apiBase={fileBase}
              files={v.files.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256 }))}
            />
          </section>
          {readme ? (
            <section>
              <h2 className="mb-2 text-base font-semibold">README</h2>
              <Card className="p-5">
                <FileLinkScope>
                  <MarkdownView
                    source={readme}
                    marks
                    links={{
                      baseDir: "",
                      files: new Set(v.files.map((f) => f.path)),
                      fileHref: (p) => `${pageBase}${withFileParam(`version=${v.version}`, p)}`,
                      imageSrc: (p) => fileUrl(fileBase, p),
                    }}
                  />
                </FileLinkScope>
              </Card>
            </section>
          ) : null}
        </div>
        <aside aria-labelledby="versions">
          <h2 id="versions" className="mb-2 scroll-mt-4 text-base font-semibold">
            Versions
          </h2>
          <Card>
            <ul className="divide-y divide-slate-100 text-sm">
              {versions.map((ver) => (
                <li key={ver} className="px-4 py-2">
                  <Link
                    href={`/${org.slug}/catalog/${name}?version=${ver}`}
                    aria-current={ver === v.version ? "page" : undefined}
                    className={
                      ver === v.version
                        ? "font-semibold text-indigo-700"
                        : "text-slate-700 hover:text-indigo-700"
                    }
                  >
                    {ver}
                  </Link>
                  {ver === versions[0] ? (
                    <span className="ml-2 text-xs text-slate-500">latest</span>
                  ) : null}
                </li>
              ))}
            </ul>
          </Card>
        </aside>
      </div>
    </>
  );
}
