// A version diff: trust signals that changed, components, manifest keys, and files with their
// lines (an added or removed file's whole content), unified or side by side. Server-rendered from
// the same VersionDiff the API returns.
import type { ReactNode } from "react";
import { metadataWithoutTools, type VersionDiff } from "@/lib/catalog/diff";
import type { Component } from "@/lib/catalog/ingest/components";
import { Card } from "@/components/ui/card";
import { TableScroll } from "@/components/ui/table";
import { FileDiff, type DiffViewMode } from "./file-diff";
import { ToolChanges } from "./tool-changes";
import { StatusIcon } from "./trust-card";

const typeLabel: Record<string, string> = {
  agent: "agent",
  tool: "tool",
  skill: "skill",
  mcp_server: "MCP server",
  worker: "worker",
};

function Section({
  title,
  count,
  children,
  id,
}: {
  title: string;
  count: number;
  children: ReactNode;
  id?: string;
}) {
  return (
    <section className="mb-6 scroll-mt-4" aria-label={title} id={id}>
      <h2 className="mb-2 text-base font-semibold text-slate-900">
        {title} <span className="text-sm font-normal text-slate-500">({count})</span>
      </h2>
      {children}
    </section>
  );
}

const None = ({ children }: { children: ReactNode }) => (
  <p className="rounded-md border border-dashed border-slate-200 bg-white px-4 py-3 text-sm text-slate-500">
    {children}
  </p>
);

const show = (v: unknown) => (v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));

/** A component's field as the diff shows it; an MCP server's tools have their own section. */
const fieldOf = (c: Component, f: string) =>
  f === "metadata" ? metadataWithoutTools(c) : c[f as keyof Component];

const size = (n: number) => `${n.toLocaleString("en")} bytes`;

/** Why an added or removed file's content is not shown. */
function notShown(f: VersionDiff["files"]["added"][number]) {
  return f.diff_omitted === "binary"
    ? `Binary file, ${size(f.size_bytes)}`
    : f.diff_omitted === "too_large"
      ? `Too large to show, ${size(f.size_bytes)}`
      : `Too long to show, ${size(f.size_bytes)}`;
}

export function DiffView({
  diff,
  fileHref,
  view,
}: {
  diff: VersionDiff;
  fileHref: (version: string, path: string) => string;
  view: DiffViewMode;
}) {
  const s = diff.summary;
  const { files, components } = diff;
  return (
    <div data-testid="version-diff">
      <Card className="mb-6 px-5 py-4">
        <ul className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-700">
          <li>
            <span className="font-semibold text-emerald-700">+{s.files_added}</span> /{" "}
            <span className="font-semibold text-red-700">−{s.files_removed}</span> /{" "}
            <span className="font-semibold text-amber-700">~{s.files_changed}</span> files
          </li>
          <li>
            <span className="font-semibold text-emerald-700">+{s.components_added}</span> /{" "}
            <span className="font-semibold text-red-700">−{s.components_removed}</span> /{" "}
            <span className="font-semibold text-amber-700">~{s.components_changed}</span> components
          </li>
          {s.tools_added + s.tools_removed + s.tools_changed ? (
            <li>
              <span className="font-semibold text-emerald-700">+{s.tools_added}</span> /{" "}
              <span className="font-semibold text-red-700">−{s.tools_removed}</span> /{" "}
              <span className="font-semibold text-amber-700">~{s.tools_changed}</span> MCP tools
            </li>
          ) : null}
          <li>
            {s.manifest_changes} manifest {s.manifest_changes === 1 ? "change" : "changes"}
          </li>
          <li>
            {s.trust_changes} trust {s.trust_changes === 1 ? "signal" : "signals"} changed
          </li>
        </ul>
      </Card>

      <Section title="Trust signals" count={diff.trust.changes.length}>
        {diff.trust.changes.length ? (
          <Card>
            <ul className="divide-y divide-slate-100 text-sm">
              {diff.trust.changes.map((c) => (
                <li key={c.id} className="flex flex-wrap items-center gap-2 px-4 py-2.5">
                  <span
                    className={`w-20 shrink-0 text-xs font-semibold uppercase ${c.change === "added" ? "text-emerald-700" : c.change === "removed" ? "text-red-700" : "text-amber-700"}`}
                  >
                    {c.change}
                  </span>
                  {c.from ? (
                    <span className="flex items-center gap-1.5 text-slate-500 line-through decoration-slate-300">
                      <StatusIcon status={c.from.status} />
                      {c.from.title}
                    </span>
                  ) : null}
                  {c.from && c.to ? (
                    <span aria-hidden className="text-slate-400">
                      →
                    </span>
                  ) : null}
                  {c.to ? (
                    <span className="flex items-center gap-1.5 text-slate-900">
                      <StatusIcon status={c.to.status} />
                      {c.to.title}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </Card>
        ) : (
          <None>No trust signal changed.</None>
        )}
      </Section>

      <Section
        title="Components"
        count={components.added.length + components.removed.length + components.changed.length}
      >
        {components.added.length + components.removed.length + components.changed.length ? (
          <Card>
            <ul className="divide-y divide-slate-100 text-sm">
              {components.added.map((c) => (
                <li key={`a-${c.type}-${c.name}`} className="px-4 py-2.5">
                  <span className="mr-2 font-semibold text-emerald-700">+</span>
                  {typeLabel[c.type] ?? c.type} <span className="font-medium">{c.name}</span>{" "}
                  <code className="text-xs text-slate-500">{c.path}</code>
                </li>
              ))}
              {components.removed.map((c) => (
                <li key={`r-${c.type}-${c.name}`} className="px-4 py-2.5">
                  <span className="mr-2 font-semibold text-red-700">−</span>
                  {typeLabel[c.type] ?? c.type} <span className="font-medium">{c.name}</span>{" "}
                  <code className="text-xs text-slate-500">{c.path}</code>
                </li>
              ))}
              {components.changed.map((c) => (
                <li key={`c-${c.type}-${c.name}`} className="px-4 py-2.5">
                  <span className="mr-2 font-semibold text-amber-700">~</span>
                  {typeLabel[c.type] ?? c.type} <span className="font-medium">{c.name}</span>:{" "}
                  {c.fields.join(", ")} changed
                  <dl className="mt-1 grid grid-cols-1 gap-x-4 gap-y-0.5 pl-5 text-xs sm:grid-cols-[auto_minmax(0,1fr)]">
                    {c.fields.map((f) => (
                      <div key={f} className="contents">
                        <dt className="text-slate-500">{f}</dt>
                        {f === "tools" ? (
                          <dd>
                            <a href="#mcp-tools" className="text-indigo-700 underline">
                              See MCP tools
                            </a>
                          </dd>
                        ) : (
                          <dd className="break-all font-mono">
                            <span className="bg-red-50 text-red-800 line-through">
                              {show(fieldOf(c.from, f))}
                            </span>{" "}
                            <span className="bg-emerald-50 text-emerald-800">
                              {show(fieldOf(c.to, f))}
                            </span>
                          </dd>
                        )}
                      </div>
                    ))}
                  </dl>
                </li>
              ))}
            </ul>
          </Card>
        ) : (
          <None>No component was added, removed or changed.</None>
        )}
      </Section>

      <Section title="MCP tools" count={s.tools_added + s.tools_removed + s.tools_changed}>
        {s.tools_added + s.tools_removed + s.tools_changed ? (
          <Card>
            <ToolChanges tools={diff.tools} />
          </Card>
        ) : (
          <None>No approved MCP tool was added, removed or changed.</None>
        )}
      </Section>

      <Section title="Manifest" count={diff.manifest.length}>
        {diff.manifest.length ? (
          <TableScroll label="Manifest changes">
            <table className="min-w-full text-sm">
              <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
                <tr>
                  <th className="px-4 py-2">Key</th>
                  <th className="px-4 py-2">{diff.from}</th>
                  <th className="px-4 py-2">{diff.to}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {diff.manifest.map((m) => (
                  <tr key={m.path}>
                    <td className="px-4 py-2 font-mono text-xs">{m.path}</td>
                    <td className="px-4 py-2 break-all font-mono text-xs text-red-800">
                      {m.change === "added" ? (
                        <span className="text-slate-500">absent</span>
                      ) : (
                        show(m.from)
                      )}
                    </td>
                    <td className="px-4 py-2 break-all font-mono text-xs text-emerald-800">
                      {m.change === "removed" ? (
                        <span className="text-slate-500">absent</span>
                      ) : (
                        show(m.to)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <None>The manifest did not change.</None>
        )}
      </Section>

      <Section
        title="Files"
        count={files.added.length + files.removed.length + files.changed.length}
      >
        {files.added.length + files.removed.length + files.changed.length === 0 ? (
          <None>No file changed.</None>
        ) : null}
        <div className="space-y-3">
          {files.added.map((f) => (
            <FileDiff
              key={`a-${f.path}`}
              {...f}
              change="added"
              href={fileHref(diff.to, f.path)}
              omitted={notShown(f)}
              view={view}
            />
          ))}
          {files.removed.map((f) => (
            <FileDiff
              key={`r-${f.path}`}
              {...f}
              change="removed"
              href={fileHref(diff.from, f.path)}
              omitted={notShown(f)}
              view={view}
            />
          ))}
          {files.changed.map((f) => (
            <FileDiff
              key={`c-${f.path}`}
              {...f}
              change="changed"
              href={fileHref(diff.to, f.path)}
              view={view}
              omitted={`${
                f.diff_omitted === "binary"
                  ? "Binary file changed"
                  : f.diff_omitted === "too_large"
                    ? "Too large to show a diff"
                    : "Too many changes to show a diff"
              }: ${f.from_size_bytes} → ${f.to_size_bytes} bytes, sha256 ${f.from_sha256.slice(0, 12)}… → ${f.to_sha256.slice(0, 12)}…`}
            />
          ))}
          {files.unchanged ? (
            <p className="text-xs text-slate-500">
              {files.unchanged} unchanged {files.unchanged === 1 ? "file" : "files"}.
            </p>
          ) : null}
        </div>
      </Section>
    </div>
  );
}
