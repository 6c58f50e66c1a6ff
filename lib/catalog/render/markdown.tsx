// Markdown of capability bundles (READMEs, agent prompts, skills) rendered as React elements,
// on the server for the README's first paint and in the browser for the file viewer.
//
// Safety, since bundles are written by anyone who can push:
// - Raw HTML is never rendered: react-markdown turns it into visible text (HTML comments are
//   dropped), so `<script>`, `<img onerror>` and `<iframe>` are inert. No rehype-raw.
// - URLs pass react-markdown's allowlist (http, https, mailto, irc, xmpp, relative); anything else
//   (`javascript:`, `data:`, `vbscript:`) becomes empty and is rendered as plain text.
// - Links carry rel="noopener noreferrer nofollow"; links to other sites open in a new tab.
// - Images: a relative image that names a file of this version is loaded from the file API of the
//   same version; remote images are NOT loaded (tracking pixels), they become a link to the image.
// - Code blocks are highlighted as a hast tree (lib/catalog/render/highlight.ts), never as HTML.
import type { Element, ElementContent, Root, RootContent } from "hast";
import type { ComponentPropsWithoutRef, JSX, ReactNode } from "react";
import Markdown, { defaultUrlTransform, type Components, type ExtraProps } from "react-markdown";
import remarkGfm from "remark-gfm";
import { HighlightedTokens } from "./code-view";
import { readFrontmatter, type Frontmatter } from "./frontmatter";
import { markHiddenNodes, MarkedText } from "./hidden-marks";
import { highlightedCodeElement, languageForFence } from "./highlight";
import { linkKind, resolveBundlePath } from "./paths";

/** Where relative links and images of a Markdown file of a bundle lead. */
export interface BundleLinks {
  /** Folder of the Markdown file in the bundle ("" at the root): relative paths start there. */
  baseDir: string;
  /** Paths of the version's files: a relative link or image must name one of them. */
  files: ReadonlySet<string>;
  /** The page that shows a bundle file (the capability page's viewer). */
  fileHref: (path: string) => string;
  /** The URL an image of the bundle is loaded from (the file API of the same version). */
  imageSrc: (path: string) => string;
}

const linkRel = "noopener noreferrer nofollow";
const linkClass =
  "font-medium text-indigo-700 underline decoration-indigo-300 underline-offset-2 hover:decoration-indigo-700";

// ---- rehype step: drop HTML comments, highlight fenced code ---------------------------------

function textOf(node: ElementContent): string {
  if (node.type === "text") return node.value;
  return node.type === "element" ? node.children.map(textOf).join("") : "";
}

function fenceLanguage(code: Element): string | null {
  const classes = Array.isArray(code.properties.className)
    ? code.properties.className.map(String)
    : [];
  const lang = classes.find((c) => c.startsWith("language-"))?.slice("language-".length);
  return languageForFence(lang);
}

function transform(parent: Root | Element): void {
  const kept: RootContent[] = [];
  for (const child of parent.children as RootContent[]) {
    // `raw` is HTML written in the Markdown; react-markdown shows it as text. Comments would only
    // be noise there (they are invisible on GitHub too).
    if ((child as { type: string }).type === "raw") {
      const value = (child as unknown as { value: string }).value;
      if (/^\s*<!--[\s\S]*-->\s*$/.test(value)) continue;
      // An HTML block is shown as its source, set apart; inline HTML stays in its sentence as text.
      if (parent.type === "root") {
        kept.push({
          type: "element",
          tagName: "pre",
          properties: { title: "HTML, shown as source" },
          children: [{ type: "text", value: value.replace(/\n+$/, "") }],
        });
        continue;
      }
    }
    if (child.type === "element") {
      const code =
        child.tagName === "pre" && child.children.length === 1 ? child.children[0] : undefined;
      if (code && code.type === "element" && code.tagName === "code") {
        const lang = fenceLanguage(code);
        child.children = [highlightedCodeElement(textOf(code).replace(/\n$/, ""), lang)];
      } else {
        transform(child);
      }
    }
    kept.push(child);
  }
  (parent as Root).children = kept;
}

/** With `marks`, hidden characters anywhere in the text show as markers. */
const rehypeBundleMarkdown =
  ({ marks }: { marks: boolean }) =>
  (tree: Root) => {
    transform(tree);
    if (marks) tree.children = markHiddenNodes(tree.children as ElementContent[]);
  };

// ---- elements --------------------------------------------------------------------------------

type Props<T extends keyof JSX.IntrinsicElements> = ComponentPropsWithoutRef<T> & ExtraProps;

const headingStyles = [
  "mt-6 mb-3 border-b border-slate-200 pb-1 text-xl font-semibold text-slate-900",
  "mt-6 mb-3 border-b border-slate-100 pb-1 text-lg font-semibold text-slate-900",
  "mt-5 mb-2 text-base font-semibold text-slate-900",
  "mt-4 mb-2 text-sm font-semibold text-slate-900",
  "mt-4 mb-2 text-sm font-semibold text-slate-700",
  "mt-4 mb-2 text-xs font-semibold uppercase tracking-wide text-slate-600",
];

function heading(level: number, offset: number) {
  const Tag = `h${Math.min(6, level + offset)}` as "h1";
  function Heading({ node: _node, ...props }: Props<"h1">) {
    return <Tag {...props} className={headingStyles[level - 1]} />;
  }
  return Heading;
}

function Anchor({
  href = "",
  children,
  links,
  title,
}: {
  href?: string;
  children?: ReactNode;
  links?: BundleLinks;
  title?: string;
}) {
  const kind = linkKind(href);
  if (kind === "external") {
    return (
      <a href={href} title={title} target="_blank" rel={linkRel} className={linkClass}>
        {children}
        <span className="sr-only"> (opens in a new tab)</span>
      </a>
    );
  }
  if (kind === "anchor") {
    return (
      <a href={href} title={title} rel={linkRel} className={linkClass}>
        {children}
      </a>
    );
  }
  const path = kind === "bundle" && links ? resolveBundlePath(links.baseDir, href) : null;
  if (path && links?.files.has(path)) {
    return (
      <a
        href={links.fileHref(path)}
        data-file-path={path}
        title={title ?? path}
        rel={linkRel}
        className={linkClass}
      >
        {children}
      </a>
    );
  }
  // An unsafe URL (emptied by the allowlist) or a path that is no file of this version.
  return (
    <span
      className="text-slate-700 underline decoration-dotted decoration-slate-400"
      title={href ? `${href}: not a file of this version` : "link removed"}
    >
      {children}
    </span>
  );
}

function Image({
  src,
  alt,
  title,
  links,
}: {
  src?: string | Blob;
  alt?: string;
  title?: string;
  links?: BundleLinks;
}) {
  const url = typeof src === "string" ? src : "";
  const label = alt || title || "";
  const kind = linkKind(url);
  if (kind === "external") {
    // Remote images are not fetched: an image request tells its host who read the README.
    return (
      <a
        href={url}
        target="_blank"
        rel={linkRel}
        className={`${linkClass} text-sm`}
        title="Remote image, not loaded"
      >
        [image{label ? `: ${label}` : ""}]
        <span className="sr-only"> (remote image, not loaded; opens in a new tab)</span>
      </a>
    );
  }
  const path = kind === "bundle" && links ? resolveBundlePath(links.baseDir, url) : null;
  if (path && links?.files.has(path)) {
    // A file of the same version, same origin. eslint: next/image's optimiser is for known images.

    return (
      <img
        src={links.imageSrc(path)}
        alt={label}
        title={title}
        loading="lazy"
        referrerPolicy="no-referrer"
        className="my-2 inline-block max-w-full"
      />
    );
  }
  return <span className="text-sm italic text-slate-500">[image{label ? `: ${label}` : ""}]</span>;
}

function elements(links: BundleLinks | undefined, headingOffset: number): Components {
  return {
    h1: heading(1, headingOffset),
    h2: heading(2, headingOffset),
    h3: heading(3, headingOffset),
    h4: heading(4, headingOffset),
    h5: heading(5, headingOffset),
    h6: heading(6, headingOffset),
    p: ({ node: _node, ...props }: Props<"p">) => <p {...props} className="my-3 leading-relaxed" />,
    a: ({ href, title, children }: Props<"a">) => (
      <Anchor href={href} title={title} links={links}>
        {children}
      </Anchor>
    ),
    img: ({ src, alt, title }: Props<"img">) => (
      <Image src={src} alt={alt} title={title} links={links} />
    ),
    ul: ({ node: _node, className, ...props }: Props<"ul">) => (
      <ul
        {...props}
        className={
          className?.includes("contains-task-list")
            ? "my-3 space-y-1 pl-1"
            : "my-3 list-disc space-y-1 pl-6"
        }
      />
    ),
    ol: ({ node: _node, className: _c, ...props }: Props<"ol">) => (
      <ol {...props} className="my-3 list-decimal space-y-1 pl-6" />
    ),
    li: ({ node: _node, className, ...props }: Props<"li">) => (
      <li {...props} className={className?.includes("task-list-item") ? "list-none" : "pl-1"} />
    ),
    // Only GFM task-list checkboxes reach here (raw HTML is text); they are shown, not edited.
    input: ({ checked }: Props<"input">) => (
      <input type="checkbox" checked={!!checked} disabled readOnly className="mr-2 align-middle" />
    ),
    blockquote: ({ node: _node, ...props }: Props<"blockquote">) => (
      <blockquote {...props} className="my-3 border-l-4 border-slate-200 pl-4 text-slate-600" />
    ),
    hr: () => <hr className="my-6 border-slate-200" />,
    pre: ({ node: _node, ...props }: Props<"pre">) => (
      <pre
        {...props}
        className="my-4 overflow-x-auto rounded-md bg-slate-50 px-4 py-3 font-mono text-xs leading-5 text-slate-800 ring-1 ring-inset ring-slate-200"
      />
    ),
    code: ({ node: _node, className, ...props }: Props<"code">) =>
      className?.split(" ").includes("hljs") ? (
        <code {...props} className={className} />
      ) : (
        <code
          {...props}
          className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-800"
        />
      ),
    table: ({ node: _node, ...props }: Props<"table">) => (
      <div className="my-4 overflow-x-auto">
        <table {...props} className="min-w-full border-collapse text-sm" />
      </div>
    ),
    th: ({ node: _node, ...props }: Props<"th">) => (
      <th
        {...props}
        className="border border-slate-200 bg-slate-50 px-3 py-1.5 text-left font-semibold"
      />
    ),
    td: ({ node: _node, ...props }: Props<"td">) => (
      <td {...props} className="border border-slate-200 px-3 py-1.5 align-top" />
    ),
  };
}

// ---- frontmatter -----------------------------------------------------------------------------

function FrontmatterTable({ frontmatter, marks }: { frontmatter: Frontmatter; marks: boolean }) {
  const text = (t: string) => (marks ? <MarkedText text={t} /> : t);
  if (!frontmatter.rows) {
    return (
      <pre
        aria-label="Frontmatter"
        className="mb-4 overflow-x-auto rounded-md bg-slate-50 px-4 py-3 font-mono text-xs leading-5 text-slate-800 ring-1 ring-inset ring-slate-200"
      >
        <code className="hljs language-yaml">
          <HighlightedTokens code={frontmatter.raw} language="yaml" marks={marks} />
        </code>
      </pre>
    );
  }
  return (
    <table
      aria-label="Frontmatter"
      className="mb-4 w-full table-fixed border-collapse overflow-hidden rounded-md text-xs ring-1 ring-inset ring-slate-200"
    >
      <tbody>
        {frontmatter.rows.map((r) => (
          <tr key={r.key} className="border-b border-slate-100 last:border-0">
            <th
              scope="row"
              className="w-32 break-words bg-slate-50 px-3 py-1.5 text-left align-top font-mono font-medium text-slate-600"
            >
              {text(r.key)}
            </th>
            <td className="break-words px-3 py-1.5 align-top text-slate-800">
              {Array.isArray(r.value) ? (
                <span className="flex flex-wrap gap-1">
                  {r.value.map((v, i) => (
                    <code key={`${i}-${v}`} className="rounded bg-slate-100 px-1 py-0.5 font-mono">
                      {text(v)}
                    </code>
                  ))}
                </span>
              ) : (
                text(r.value)
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// ---- the renderer --------------------------------------------------------------------------

/**
 * A Markdown document of a bundle. `headingOffset` shifts its headings down (a README's `#` under
 * the page's own h1 and h2 becomes an h3), keeping the page's outline intact. `marks` shows
 * hidden characters as markers.
 */
export function MarkdownView({
  source,
  links,
  headingOffset = 2,
  className = "",
  marks = false,
}: {
  source: string;
  links?: BundleLinks;
  headingOffset?: number;
  className?: string;
  marks?: boolean;
}) {
  const { frontmatter, body } = readFrontmatter(source);
  return (
    <div
      className={`min-w-0 break-words text-sm text-slate-800 [&>*:first-child]:mt-0 ${className}`}
      data-testid="markdown"
    >
      {frontmatter ? <FrontmatterTable frontmatter={frontmatter} marks={marks} /> : null}
      <Markdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[[rehypeBundleMarkdown, { marks }]]}
        components={elements(links, headingOffset)}
        urlTransform={defaultUrlTransform}
      >
        {body}
      </Markdown>
    </div>
  );
}
