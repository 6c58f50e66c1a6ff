// The compare grid: one column per capability version, one row per property; a row whose values
// differ is marked, and within list cells the entries not shared by every column are highlighted.
import { TableScroll } from "@/components/ui/table";
import Link from "next/link";
import type { ReactNode } from "react";
import type { Component } from "@/lib/catalog/ingest/components";
import type { StoredVersion } from "@/lib/catalog/version-shape";
import type { TrustCard, TrustSectionId, TrustStatus } from "@/lib/catalog/trust/card";
import { StatusIcon } from "./trust-card";

export interface CompareColumn {
  name: string;
  version: string;
  detail: StoredVersion;
  trust: TrustCard;
}

interface Row {
  label: string;
  /** One value per column; the row differs when they are not all equal. */
  values: string[];
  render?: (i: number) => ReactNode;
}

const TYPES: [string, string][] = [
  ["agent", "Agents"],
  ["tool", "Tools"],
  ["skill", "Skills"],
  ["mcp_server", "MCP servers"],
  ["worker", "Workers"],
];

/** A list cell: entries not in every column are highlighted. */
function ListCell({ items, shared }: { items: string[]; shared: Set<string> }) {
  if (!items.length) return <span className="text-slate-500">none</span>;
  return (
    <ul className="space-y-0.5">
      {items.map((x) => (
        <li
          key={x}
          className={
            shared.has(x)
              ? "text-slate-700"
              : "rounded bg-amber-100 px-1 font-medium text-amber-900"
          }
          title={shared.has(x) ? undefined : "not in every column"}
        >
          {x}
        </li>
      ))}
    </ul>
  );
}

function listRow(label: string, lists: string[][]): Row {
  const shared = new Set(lists[0]!.filter((x) => lists.every((l) => l.includes(x))));
  return {
    label,
    values: lists.map((l) => [...l].sort().join("\n")),
    render: (i) => <ListCell items={lists[i]!} shared={shared} />,
  };
}

function trustSection(card: TrustCard, id: string): { status: TrustStatus; risks: string[] } {
  const s = card.sections.find((x) => x.id === id);
  return {
    status: s?.status ?? "info",
    risks: (s?.signals ?? [])
      .filter((x) => x.status === "fail" || x.status === "warn")
      .map((x) => x.title),
  };
}

export function CompareTable({ org, columns }: { org: string; columns: CompareColumn[] }) {
  const comps = columns.map((c) => c.detail.components as unknown as Component[]);
  const flags = columns.map(
    (c) =>
      (c.detail.manifest as { flags?: Record<string, { default?: boolean; description?: string }> })
        .flags ?? {},
  );
  const flagNames = [...new Set(flags.flatMap((f) => Object.keys(f)))].sort();
  // Every section of the cards, so that the rows add up to the overall counts above them.
  const trustLabels: Record<TrustSectionId, string> = {
    integrity: "Integrity",
    provenance: "Provenance",
    license: "License",
    capabilities: "What it may do",
    content: "Content scans",
    changes: "Changes since the version before",
  };
  const trustIds = Object.entries(trustLabels);

  const groups: { title: string; rows: Row[] }[] = [
    {
      title: "Overview",
      rows: [
        { label: "Version", values: columns.map((c) => c.version) },
        { label: "Description", values: columns.map((c) => c.detail.description) },
        { label: "Author", values: columns.map((c) => c.detail.authorName ?? "unknown") },
        {
          label: "License",
          values: columns.map((c) => c.detail.license ?? "none declared"),
          render: (i) => {
            const c = columns[i]!;
            return (
              <span className="flex items-center gap-1.5">
                <StatusIcon status={trustSection(c.trust, "license").status} />
                {c.detail.license ?? "none declared"}
              </span>
            );
          },
        },
        {
          label: "Visibility",
          values: columns.map((c) => (c.detail.capability.isPublic ? "public" : "private")),
        },
        {
          label: "Files",
          values: columns.map(
            (c) =>
              `${c.detail.fileCount} files, ${c.detail.totalBytes.toLocaleString("en-US")} bytes`,
          ),
        },
        {
          label: "Runtime digest",
          values: columns.map((c) => c.detail.runtimeDigest),
          render: (i) => (
            <code className="text-xs" title={columns[i]!.detail.runtimeDigest}>
              {columns[i]!.detail.runtimeDigest.slice(0, 16)}…
            </code>
          ),
        },
      ],
    },
    {
      title: "Components",
      rows: TYPES.map(([type, label]) =>
        listRow(
          label,
          comps.map((list) => list.filter((c) => c.type === type).map((c) => c.name)),
        ),
      ),
    },
    {
      title: "Flags",
      rows: flagNames.length
        ? flagNames.map((name) => ({
            label: name,
            values: flags.map((f) =>
              f[name] ? (f[name]!.default ? "on by default" : "off by default") : "not declared",
            ),
            render: (i: number) =>
              flags[i]![name] ? (
                <span title={flags[i]![name]!.description}>
                  {flags[i]![name]!.default ? "on by default" : "off by default"}
                </span>
              ) : (
                <span className="text-slate-500">not declared</span>
              ),
          }))
        : [
            {
              label: "Flags",
              values: columns.map(() => "none"),
              render: () => <span className="text-slate-500">none</span>,
            },
          ],
    },
    {
      title: "Trust",
      rows: [
        {
          label: "Overall",
          values: columns.map((c) => c.trust.status),
          render: (i) => (
            <span className="flex items-center gap-1.5">
              <StatusIcon status={columns[i]!.trust.status} />
              {columns[i]!.trust.counts.fail} fail, {columns[i]!.trust.counts.warn} warn
            </span>
          ),
        },
        ...trustIds.map(([id, label]) => {
          const sections = columns.map((c) => trustSection(c.trust, id));
          const shared = new Set(
            sections[0]!.risks.filter((r) => sections.every((s) => s.risks.includes(r))),
          );
          return {
            label,
            values: sections.map((s) => `${s.status}\n${[...s.risks].sort().join("\n")}`),
            render: (i: number) => (
              <div className="flex gap-1.5">
                <StatusIcon status={sections[i]!.status} />
                {sections[i]!.risks.length ? (
                  <ListCell items={sections[i]!.risks} shared={shared} />
                ) : (
                  <span className="text-slate-500">nothing flagged</span>
                )}
              </div>
            ),
          };
        }),
      ],
    },
  ];

  return (
    <TableScroll label="Compared capabilities">
      <table className="min-w-full table-fixed text-sm" data-testid="compare-table">
        <thead>
          <tr className="border-b border-slate-200 bg-slate-50 text-left">
            <th className="w-44 px-4 py-3 text-xs font-medium uppercase text-slate-500">
              <span className="sr-only">Property</span>
            </th>
            {columns.map((c, i) => (
              <th key={i} className="px-4 py-3 align-top">
                <Link
                  href={`/${org}/catalog/${encodeURIComponent(c.name)}?version=${c.version}`}
                  className="font-semibold text-indigo-700 hover:underline"
                >
                  {c.name}
                </Link>
                <span className="ml-1.5 font-mono text-xs text-slate-500">{c.version}</span>
              </th>
            ))}
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody key={g.title} className="border-b border-slate-200">
            <tr>
              <th
                colSpan={columns.length + 1}
                className="bg-slate-50/60 px-4 pt-3 pb-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-500"
              >
                {g.title}
              </th>
            </tr>
            {g.rows.map((row) => {
              const differs = new Set(row.values).size > 1;
              return (
                <tr
                  key={row.label}
                  data-differs={differs ? "true" : undefined}
                  className={differs ? "bg-amber-50/50" : undefined}
                >
                  <th
                    scope="row"
                    className="px-4 py-2 text-left align-top font-medium text-slate-600"
                  >
                    <span className="flex items-center gap-1.5">
                      {row.label}
                      {differs ? (
                        <span className="rounded bg-amber-200 px-1 text-[10px] font-semibold uppercase text-amber-900">
                          differs
                        </span>
                      ) : null}
                    </span>
                  </th>
                  {row.values.map((v, i) => (
                    <td key={i} className="px-4 py-2 align-top break-words text-slate-800">
                      {row.render ? row.render(i) : v}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
    </TableScroll>
  );
}
