// Approved MCP tools added, removed or changed (lib/catalog/tools/compare.ts), as the version diff
// and the upgrade preview show them: what changed in each tool, a changed description word by word
// with hidden characters marked. No hooks: renders on the server and in the browser alike.
import type { ReactNode } from "react";
import type { ToolComparison } from "@/lib/catalog/tools/compare";
import { MarkedText } from "@/lib/catalog/render/hidden-marks";

const fieldWords: Record<string, string> = {
  description: "description",
  input_schema: "input schema",
  output_schema: "output schema",
  annotations: "annotations",
};

/** The first 12 hex digits of a fingerprint, the whole of it in the title. */
export const shortFingerprint = (fp: string) => `${fp.slice(0, 12)}…`;

function Fingerprint({ value }: { value: string }) {
  return (
    <code title={value} className="font-mono text-xs text-slate-500">
      {shortFingerprint(value)}
    </code>
  );
}

function Words({
  words,
}: {
  words: NonNullable<ToolComparison["changed"][number]["description_diff"]>["words"];
}) {
  if (!words) return null;
  return (
    <p className="whitespace-pre-wrap break-words text-xs leading-5" data-testid="description-diff">
      {words.map((w, i) =>
        w.op === "equal" ? (
          <MarkedText key={i} text={w.text} />
        ) : w.op === "added" ? (
          <ins key={i} className="bg-emerald-100 text-emerald-900 no-underline">
            <MarkedText text={w.text} />
          </ins>
        ) : (
          <del key={i} className="bg-red-100 text-red-900">
            <MarkedText text={w.text} />
          </del>
        ),
      )}
    </p>
  );
}

const Row = ({ sign, children, id }: { sign: ReactNode; children: ReactNode; id: string }) => (
  <li className="px-4 py-2.5" data-tool={id}>
    {sign}
    {children}
  </li>
);

/** A changed tool: which fields, the fingerprints, and a changed description word by word. */
function Changed({ t }: { t: ToolComparison["changed"][number] }) {
  return (
    <Row
      id={`${t.server}/${t.name}`}
      sign={<span className="mr-2 font-semibold text-amber-700">~</span>}
    >
      <span className="font-mono font-medium">{t.name}</span>{" "}
      <span className="text-slate-500">on {t.server}</span>:{" "}
      {t.fields.length
        ? `${t.fields.map((f) => fieldWords[f] ?? f).join(", ")} changed`
        : "fingerprint changed"}{" "}
      <span className="whitespace-nowrap">
        <Fingerprint value={t.from_fingerprint} /> <span aria-hidden="true">→</span>{" "}
        <Fingerprint value={t.to_fingerprint} />
      </span>
      {t.description_diff ? (
        <div className="mt-1 rounded border border-slate-200 bg-slate-50 px-3 py-2">
          {t.description_diff.words ? (
            <Words words={t.description_diff.words} />
          ) : (
            <pre className="overflow-x-auto whitespace-pre-wrap text-xs">
              <MarkedText text={t.description_diff.diff ?? "Too different to show"} />
            </pre>
          )}
        </div>
      ) : null}
    </Row>
  );
}

/** The changes as a list (empty when there are none). */
export function ToolChanges({ tools }: { tools: ToolComparison }) {
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid="tool-changes">
      {tools.added.map((t) => (
        <Row
          key={`a-${t.server}-${t.name}`}
          id={`${t.server}/${t.name}`}
          sign={<span className="mr-2 font-semibold text-emerald-700">+</span>}
        >
          <span className="font-mono font-medium">{t.name}</span>{" "}
          <span className="text-slate-500">on {t.server}</span>{" "}
          <Fingerprint value={t.fingerprint} />
          {t.description ? (
            <p className="mt-0.5 text-xs text-slate-600">
              <MarkedText text={t.description} />
            </p>
          ) : null}
        </Row>
      ))}
      {tools.removed.map((t) => (
        <Row
          key={`r-${t.server}-${t.name}`}
          id={`${t.server}/${t.name}`}
          sign={<span className="mr-2 font-semibold text-red-700">−</span>}
        >
          <span className="font-mono font-medium">{t.name}</span>{" "}
          <span className="text-slate-500">on {t.server}</span>{" "}
          <Fingerprint value={t.fingerprint} />
        </Row>
      ))}
      {tools.changed.map((t) => (
        <Changed key={`c-${t.server}-${t.name}`} t={t} />
      ))}
    </ul>
  );
}
