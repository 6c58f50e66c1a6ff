// A version diff: trust signals that changed, components, manifest keys, and files with their
// unified diffs. Server-rendered from the same VersionDiff the API returns.
import type { ReactNode } from "react";
import type { VersionDiff } from "@/lib/catalog/diff";
import { Card } from "@/components/ui/card";
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
}: {
  title: string;
  count: number;
  children: ReactNode;
}) {
  return (
    <section className="mb-6" aria-label={title}>
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

// Invisible characters a reviewer must see: zero-width, bidirectional controls, tag characters.
const HIDDEN = /([\u200B-\u200F\u202A-\u202E\u2060-\u2069\u061C\uFEFF]|\uDB40[\uDC00-\uDC7F])/;

/** A line with its invisible characters shown as marked code points. */
function Visible({ text }: { text: string }) {
  const parts = text.split(HIDDEN);
  if (parts.length === 1) return <>{text}</>;
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <span
            key={i}
            className="rounded bg-red-600 px-0.5 text-[10px] font-semibold text-white"
            title="hidden character"
          >
            U+{part.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}
          </span>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** A unified diff, one row per line, with added and removed lines marked. */
function UnifiedDiff({ diff }: { diff: string }) {
  const lines = diff.split("\n").filter((l) => !/^(Index: |={5,}|--- |\+\+\+ )/.test(l));
  if (lines.at(-1) === "") lines.pop();
  return (
    <pre className="overflow-x-auto bg-white py-1 text-xs leading-5">
      {lines.map((line, i) => {
        const cls = line.startsWith("@@")
          ? "bg-indigo-50 text-indigo-700"
          : line.startsWith("+")
            ? "bg-emerald-50 text-emerald-900"
            : line.startsWith("-")
              ? "bg-red-50 text-red-900"
              : line.startsWith("\\")
                ? "text-slate-400"
                : "text-slate-700";
        const label = line.startsWith("+") ? "added" : line.startsWith("-") ? "removed" : undefined;
        return (
          <div key={i} className={`px-3 font-mono whitespace-pre ${cls}`} data-line={label}>
            {line ? <Visible text={line} /> : " "}
          </div>
        );
      })}
    </pre>
  );
}

export function DiffView({
  diff,
  fileHref,
}: {
  diff: VersionDiff;
  fileHref: (version: string, path: string) => string;
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
                  <dl className="mt-1 grid gap-x-4 gap-y-0.5 pl-5 text-xs sm:grid-cols-[auto_1fr]">
                    {c.fields.map((f) => (
                      <div key={f} className="contents">
                        <dt className="text-slate-500">{f}</dt>
                        <dd className="break-all font-mono">
                          <span className="bg-red-50 text-red-800 line-through">
                            {show(c.from[f as keyof typeof c.from])}
                          </span>{" "}
                          <span className="bg-emerald-50 text-emerald-800">
                            {show(c.to[f as keyof typeof c.to])}
                          </span>
                        </dd>
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

      <Section title="Manifest" count={diff.manifest.length}>
        {diff.manifest.length ? (
          <Card className="overflow-x-auto">
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
                        <span className="text-slate-400">absent</span>
                      ) : (
                        show(m.from)
                      )}
                    </td>
                    <td className="px-4 py-2 break-all font-mono text-xs text-emerald-800">
                      {m.change === "removed" ? (
                        <span className="text-slate-400">absent</span>
                      ) : (
                        show(m.to)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
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
            <Card
              key={`a-${f.path}`}
              className="flex items-center justify-between px-4 py-2 text-sm"
            >
              <span>
                <span className="mr-2 font-semibold text-emerald-700">added</span>
                <a
                  href={fileHref(diff.to, f.path)}
                  className="font-mono text-xs text-indigo-700 hover:underline"
                >
                  {f.path}
                </a>
              </span>
              <span className="text-xs text-slate-500">{f.size_bytes} bytes</span>
            </Card>
          ))}
          {files.removed.map((f) => (
            <Card
              key={`r-${f.path}`}
              className="flex items-center justify-between px-4 py-2 text-sm"
            >
              <span>
                <span className="mr-2 font-semibold text-red-700">removed</span>
                <a
                  href={fileHref(diff.from, f.path)}
                  className="font-mono text-xs text-indigo-700 hover:underline"
                >
                  {f.path}
                </a>
              </span>
              <span className="text-xs text-slate-500">{f.size_bytes} bytes</span>
            </Card>
          ))}
          {files.changed.map((f) => (
            <Card key={`c-${f.path}`} className="overflow-hidden">
              <details open>
                <summary className="flex cursor-pointer items-center justify-between gap-3 border-b border-slate-100 bg-slate-50 px-4 py-2 text-sm">
                  <span className="font-mono text-xs font-medium text-slate-800">{f.path}</span>
                  <span className="text-xs">
                    {f.additions !== null ? (
                      <>
                        <span className="text-emerald-700">+{f.additions}</span>{" "}
                        <span className="text-red-700">−{f.deletions}</span>
                      </>
                    ) : null}
                  </span>
                </summary>
                {f.diff ? (
                  <UnifiedDiff diff={f.diff} />
                ) : (
                  <p className="px-4 py-3 text-sm text-slate-500">
                    {f.diff_omitted === "binary"
                      ? "Binary file changed"
                      : f.diff_omitted === "too_large"
                        ? "Too large to show a diff"
                        : "Too many changes to show a diff"}
                    : {f.from_size_bytes} → {f.to_size_bytes} bytes, sha256{" "}
                    {f.from_sha256.slice(0, 12)}… → {f.to_sha256.slice(0, 12)}…
                  </p>
                )}
              </details>
            </Card>
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
