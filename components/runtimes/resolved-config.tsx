"use client";
// What the runtime should load (GET .../capabilities/resolved) with its digest, and how a runtime
// fetches it (a conditional GET: If-None-Match with the digest it has → 304 while nothing changed)
// and reports what it loaded (POST .../heartbeat).
import Link from "next/link";
import { ErrorState, LoadingRows } from "@/components/ui/card";
import { CodeBlock, CopyButton } from "@/components/ui/copy";
import { runtimesBase } from "@/lib/api/paths";
import { useBindings, useResolved, type BindingView, type ResolvedView, type Where } from "./hooks";

export function ResolvedConfig({
  where,
  runtimeId,
  origin,
  initial,
  initialBindings,
}: {
  where: Where;
  runtimeId: string;
  origin: string;
  initial: ResolvedView;
  initialBindings: { items: BindingView[] };
}) {
  const resolved = useResolved(where, runtimeId, initial);
  const bindings = useBindings(where, runtimeId, initialBindings);
  const disabledCount = bindings.data?.items.filter((b) => !b.enabled).length ?? 0;
  const url = `${origin}${runtimesBase(where)}/${runtimeId}`;
  if (resolved.isPending) return <LoadingRows rows={3} />;
  if (resolved.isError)
    return (
      <ErrorState
        message={`Could not load the resolved configuration: ${resolved.error.message}`}
        onRetry={() => resolved.refetch()}
      />
    );
  const r = resolved.data;
  const fetchCmd = [
    `curl -sS -H "Authorization: Bearer $QUIVER_TOKEN" \\`,
    `  -H 'If-None-Match: "${r.runtime_digest}"' \\`,
    `  ${url}/capabilities/resolved`,
  ].join("\n");
  const beatCmd = [
    `curl -sS -X POST -H "Authorization: Bearer $QUIVER_TOKEN" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{"runtime_digest": "${r.runtime_digest}", "status": "ok"}' \\`,
    `  ${url}/heartbeat`,
  ].join("\n");
  return (
    <section
      aria-labelledby="resolved-heading"
      className="rounded-lg border border-slate-200 bg-white shadow-sm"
    >
      <header className="border-b border-slate-100 px-5 py-3">
        <h2 id="resolved-heading" className="text-base font-semibold text-slate-900">
          Resolved configuration
        </h2>
        <p className="text-sm text-slate-600">
          What the runtime should load: its enabled capabilities at their bound versions, with
          effective flags.
        </p>
      </header>
      <div className="space-y-5 px-5 py-4">
        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">
            Resolved digest
          </p>
          <div className="mt-1 flex items-center gap-2">
            <code
              className="min-w-0 break-all font-mono text-xs text-slate-900"
              data-testid="resolved-digest"
            >
              {r.runtime_digest}
            </code>
            <CopyButton text={r.runtime_digest} label="Copy the resolved digest" />
          </div>
        </div>
        {r.capabilities.length ? (
          <ul
            className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200"
            aria-label="What it loads"
          >
            {r.capabilities.map((c) => {
              const flags = Object.entries(c.flags);
              return (
                <li
                  key={c.name}
                  className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-3 py-2 text-sm"
                >
                  <span>
                    <span className="font-medium text-slate-900">{c.name}</span>{" "}
                    <span className="font-mono text-xs text-slate-600">{c.version}</span>
                  </span>
                  <span
                    className="flex flex-wrap gap-1.5 font-mono text-xs"
                    data-testid="resolved-flags"
                  >
                    {flags.length ? (
                      flags.map(([f, v]) => (
                        <span key={f} className={v ? "text-emerald-700" : "text-slate-500"}>
                          {f}={String(v)}
                        </span>
                      ))
                    ) : (
                      <span className="text-slate-500">no flags</span>
                    )}
                  </span>
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">
            Nothing enabled: the runtime loads no capabilities. The digest is that of an empty
            configuration.
          </p>
        )}
        {disabledCount ? (
          <p className="text-xs text-slate-500">
            {disabledCount} disabled {disabledCount === 1 ? "capability is" : "capabilities are"}{" "}
            bound but left out.
          </p>
        ) : null}
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-700">The JSON a runtime receives</summary>
          <div className="mt-2">
            <CodeBlock code={JSON.stringify(r, null, 2)} label="Copy the JSON" />
          </div>
        </details>
        <div>
          <h3 className="text-sm font-semibold text-slate-900">Fetch it from the runtime</h3>
          <p className="mb-2 mt-0.5 text-sm text-slate-600">
            With a token of this org (
            <Link
              href={`/${where.org}/settings/tokens`}
              className="text-indigo-700 underline hover:no-underline"
            >
              Settings → API tokens
            </Link>
            ; <code className="text-xs">read</code> is enough). Send the digest you last loaded as{" "}
            <code className="text-xs">If-None-Match</code>: the answer is{" "}
            <code className="text-xs">304 Not Modified</code> while nothing changed, so polling is
            cheap; otherwise the new configuration, with its digest as{" "}
            <code className="text-xs">ETag</code>.
          </p>
          <CodeBlock code={fetchCmd} label="Copy the fetch command" testId="fetch-command" />
        </div>
        <div>
          <h3 className="text-sm font-semibold text-slate-900">Report what it loaded</h3>
          <p className="mb-2 mt-0.5 text-sm text-slate-600">
            After loading, and then every minute or so, POST the{" "}
            <code className="text-xs">runtime_digest</code> it actually loaded. The runtime shows as
            in sync when that is the resolved digest above, in drift otherwise.{" "}
            <code className="text-xs">status</code> is free text (say, the error it hit). Add{" "}
            <code className="text-xs">observed_tools</code>, the tools each MCP server&apos;s{" "}
            <code className="text-xs">tools/list</code> returned (
            <code className="text-xs">{"{server, name, description, input_schema}"}</code> or{" "}
            <code className="text-xs">{"{server, name, fingerprint}"}</code>), to have them checked
            against the approved ones (Tool drift).
          </p>
          <CodeBlock code={beatCmd} label="Copy the heartbeat command" testId="heartbeat-command" />
        </div>
      </div>
    </section>
  );
}
