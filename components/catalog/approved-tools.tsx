// The tools an MCP server declares it is approved to expose, on a version's page: each with its
// description (hidden characters marked) and its fingerprint, shortened, with the whole of it to copy.
import { CopyButton } from "@/components/ui/copy";
import type { ApprovedTool } from "@/lib/catalog/tools/fingerprint";
import { MarkedText } from "@/lib/catalog/render/hidden-marks";
import { shortFingerprint } from "./tool-changes";

export function ApprovedTools({ server, tools }: { server: string; tools: ApprovedTool[] }) {
  return (
    <div className="mt-2" data-testid={`approved-tools-${server}`}>
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        Approved tools ({tools.length})
      </p>
      {tools.length ? (
        <ul className="mt-1 space-y-1.5">
          {tools.map((t) => (
            <li
              key={t.name}
              className="rounded border border-slate-100 px-3 py-2"
              data-tool={t.name}
            >
              <div className="flex flex-wrap items-center justify-between gap-2">
                <code className="font-mono text-xs font-medium text-slate-900">{t.name}</code>
                <span className="flex items-center gap-2">
                  <code
                    className="font-mono text-xs text-slate-500"
                    title={t.fingerprint}
                    data-fingerprint={t.fingerprint}
                  >
                    sha256 {shortFingerprint(t.fingerprint)}
                  </code>
                  <CopyButton text={t.fingerprint} label={`Copy the fingerprint of ${t.name}`} />
                </span>
              </div>
              {t.description ? (
                <p className="mt-1 whitespace-pre-wrap text-xs text-slate-600">
                  <MarkedText text={t.description} />
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-xs text-slate-600">
          Declares no tools: any tool it exposes is not approved.
        </p>
      )}
    </div>
  );
}
