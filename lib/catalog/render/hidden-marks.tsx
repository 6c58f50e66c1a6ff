// Hidden characters (lib/catalog/trust/hidden-chars.ts) shown as visible markers, in the file
// viewer, rendered Markdown and the version diff, as React elements or as hast nodes for text that
// goes through the highlighter. The marker's "U+202E" label is CSS generated content and the
// character itself stays inside, hidden and isolated: what the reader sees cannot be reordered by
// a bidi override, and copying a line copies the file's exact text (as the Raw link serves it).
import type { ElementContent } from "hast";
import { hiddenParts, type HiddenChar } from "@/lib/catalog/trust/hidden-chars";

/** The marker's box; `[unicode-bidi:isolate]` ends an override at the marker's edge. */
const MARK_CLASS = [
  "mx-px",
  "rounded-sm",
  "bg-red-700",
  "px-0.5",
  "align-baseline",
  "font-sans",
  "text-[10px]",
  "font-semibold",
  "text-white",
  "[unicode-bidi:isolate]",
  "before:content-[attr(data-hidden-char)]",
];
/** The character inside the marker: present for copy and paste, never drawn. */
const CHAR_CLASS = ["inline-block", "w-0", "overflow-hidden", "align-top", "text-[0px]"];

const title = (h: HiddenChar) => `${h.name} (${h.label}), a hidden character`;

/** `text` with its hidden characters as marker elements (the text itself when it has none). */
export function MarkedText({ text }: { text: string }) {
  const parts = hiddenParts(text);
  if (parts.length === 1 && typeof parts[0] === "string") return <>{text}</>;
  return (
    <>
      {parts.map((p, i) =>
        typeof p === "string" ? (
          p
        ) : (
          <span
            key={i}
            data-hidden-char={p.label}
            title={title(p)}
            className={MARK_CLASS.join(" ")}
          >
            <span className={CHAR_CLASS.join(" ")}>{p.char}</span>
          </span>
        ),
      )}
    </>
  );
}

/** The same markers in a hast tree (highlighted tokens, rendered Markdown); returns new nodes. */
export function markHiddenNodes(nodes: ElementContent[]): ElementContent[] {
  return nodes.flatMap((node): ElementContent[] => {
    if (node.type === "element") return [{ ...node, children: markHiddenNodes(node.children) }];
    // `raw` is HTML written in Markdown, which react-markdown shows as text: marked like text.
    if (node.type !== "text" && (node as { type: string }).type !== "raw") return [node];
    return hiddenParts((node as { value: string }).value).map((p): ElementContent =>
      typeof p === "string"
        ? { type: "text", value: p }
        : {
            type: "element",
            tagName: "span",
            properties: { dataHiddenChar: p.label, title: title(p), className: MARK_CLASS },
            children: [
              {
                type: "element",
                tagName: "span",
                properties: { className: CHAR_CLASS },
                children: [{ type: "text", value: p.char }],
              },
            ],
          },
    );
  });
}
