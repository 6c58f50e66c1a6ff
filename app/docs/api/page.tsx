// /docs/api: a readable reference of the OpenAPI document, rendered on the server (no CDN).
import type { Metadata } from "next";
import { Logo } from "@/components/shell/logo";
import { SkipLink } from "@/components/shell/skip-link";
import { openApiDocument } from "@/lib/api/openapi";

export const metadata: Metadata = { title: "API reference" };
// Rendered per request, like every page, so that its scripts carry the request's CSP nonce.
export const dynamic = "force-dynamic";

type Json = Record<string, unknown>;

/** A section's anchor: `section-` and its name in lower case, words joined by `-`. */
const sectionId = (name: string) => `section-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

const methodTone: Record<string, string> = {
  get: "bg-sky-100 text-sky-800",
  post: "bg-emerald-100 text-emerald-800",
  put: "bg-amber-100 text-amber-800",
  patch: "bg-amber-100 text-amber-800",
  delete: "bg-red-100 text-red-800",
};

function refName(schema: unknown): string | null {
  const ref = (schema as Json | undefined)?.$ref;
  return typeof ref === "string" ? (ref.split("/").pop() ?? null) : null;
}

/** A plain parameter schema in words (`integer · 1–100 · default 50`); null when it is not plain. */
function schemaSummary(schema: unknown): string | null {
  const s = schema as Json | undefined;
  if (!s) return null;
  // A union of plain schemas and constants (`"draft" or "deployed" or string (uuid)`).
  if (Array.isArray(s.anyOf) || Array.isArray(s.oneOf)) {
    const parts = ((s.anyOf ?? s.oneOf) as unknown[]).map((x) =>
      (x as Json).const !== undefined ? JSON.stringify((x as Json).const) : schemaSummary(x),
    );
    if (parts.some((x) => x === null)) return null;
    return [
      parts.join(" or "),
      ...(s.default !== undefined ? [`default ${JSON.stringify(s.default)}`] : []),
    ].join(" · ");
  }
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (typeof s.type !== "string") return null;
  const bits = [typeof s.format === "string" ? `${s.type} (${s.format})` : s.type];
  if (Array.isArray(s.enum)) bits.push(`one of ${s.enum.join(", ")}`);
  const min = typeof s.minimum === "number" ? s.minimum : null;
  const max =
    typeof s.maximum === "number" && s.maximum < Number.MAX_SAFE_INTEGER ? s.maximum : null;
  if (min !== null && max !== null) bits.push(`${min}–${max}`);
  else if (min !== null) bits.push(`≥ ${min}`);
  else if (max !== null) bits.push(`≤ ${max}`);
  if (typeof s.pattern === "string" && typeof s.format !== "string")
    bits.push(`matching ${s.pattern}`);
  if (s.default !== undefined) bits.push(`default ${JSON.stringify(s.default)}`);
  return bits.join(" · ");
}

function SchemaRef({ schema }: { schema: unknown }) {
  const name = refName(schema);
  if (name)
    return (
      <a href={`#schema-${name}`} className="font-mono text-indigo-700 hover:underline">
        {name}
      </a>
    );
  const summary = schemaSummary(schema);
  if (summary) return <span className="font-mono text-xs text-slate-700">{summary}</span>;
  // Anything else as its JSON Schema; its descriptions are prose shown elsewhere, not schema.
  return (
    <code className="break-all font-mono text-xs text-slate-700">
      {JSON.stringify(schema, (k, v: unknown) => (k === "description" ? undefined : v))}
    </code>
  );
}

/** The descriptions' inline Markdown: `code` and **bold**; everything else is text. */
function Inline({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`\n]+`|\*\*[^*\n]+\*\*)/g).map((part, i) =>
        part.length > 2 && part.startsWith("`") && part.endsWith("`") ? (
          <code key={i} className="rounded bg-slate-100 px-1 font-mono text-[0.9em] text-slate-800">
            {part.slice(1, -1)}
          </code>
        ) : part.length > 4 && part.startsWith("**") && part.endsWith("**") ? (
          <strong key={i} className="font-semibold text-slate-800">
            {part.slice(2, -2)}
          </strong>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** A response's body: its JSON schema, or for another media type (an event stream) the type and what it is. */
function ResponseBody({ response }: { response: Json }) {
  const media = Object.entries((response.content ?? {}) as Record<string, Json>);
  const json = media.find(([type]) => type === "application/json");
  if (json) return <SchemaRef schema={json[1].schema} />;
  return (
    <span className="text-slate-500">
      {media.length ? <code className="font-mono">{media[0]![0]}</code> : null}
      {media.length ? " " : null}
      <Inline text={String(response.description)} />
    </span>
  );
}

export default function ApiReference() {
  const doc = openApiDocument() as {
    info: Json;
    paths: Record<string, Record<string, Json>>;
    tags: { name: string }[];
    components: { schemas: Record<string, Json> };
  };
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  return (
    <>
      <SkipLink />
      <div className="mx-auto max-w-5xl px-4 py-10 [overflow-wrap:anywhere] sm:px-6">
        <header className="mb-8 flex items-center justify-between">
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full page load, not a client navigation: the next page gets its own nonced policy */}
          <a href="/">
            <Logo />
          </a>
          <nav aria-label="Downloads">
            <a
              href="/api/v1/openapi.json"
              className="text-sm font-medium text-indigo-700 underline hover:no-underline"
            >
              openapi.json
            </a>
          </nav>
        </header>
        <main id="content" tabIndex={-1}>
          <h1 className="text-3xl font-semibold tracking-tight">
            {String(doc.info.title)}{" "}
            <span className="text-base font-normal text-slate-500">
              v{String(doc.info.version)}
            </span>
          </h1>
          <p className="mt-2 max-w-3xl text-slate-700">
            <Inline text={String(doc.info.description)} />
          </p>
          <section className="mt-6 rounded-lg border border-slate-200 bg-white p-5 text-sm text-slate-700">
            <h2 className="font-semibold text-slate-900">Errors</h2>
            <p className="mt-1">
              Every error is an{" "}
              <a
                href="#schema-APIErrorPayload"
                className="text-indigo-700 underline hover:no-underline"
              >
                APIErrorPayload
              </a>
              : <code className="font-mono">{`{code, detail, type, errors?}`}</code>. Invalid input
              is a 422 <code>validation_error</code> whose <code>errors[].loc</code> names the part
              and field, e.g. <code>[&quot;query&quot;, &quot;limit&quot;]</code>. Every response
              carries an <code>X-Request-Id</code>; a 429 carries <code>Retry-After</code>.
            </p>
          </section>
          <nav aria-label="Sections" className="mt-6 text-sm">
            <ul className="flex flex-wrap gap-x-4 gap-y-1">
              {[...doc.tags.map((t) => t.name), "Schemas"].map((name) => (
                <li key={name}>
                  <a
                    href={`#${sectionId(name)}`}
                    className="text-indigo-700 underline hover:no-underline"
                  >
                    {name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {doc.tags.map((tag) => (
            <section
              key={tag.name}
              id={sectionId(tag.name)}
              aria-labelledby={`${sectionId(tag.name)}-h`}
              className="mt-10 scroll-mt-4"
            >
              <h2 id={`${sectionId(tag.name)}-h`} className="text-xl font-semibold">
                {tag.name}
              </h2>
              <div className="mt-4 space-y-4">
                {ops
                  .filter((o) => (o.op.tags as string[])[0] === tag.name)
                  .map(({ path, method, op }) => (
                    <article
                      key={`${method} ${path}`}
                      id={String(op.operationId)}
                      className="rounded-lg border border-slate-200 bg-white p-5"
                    >
                      <div className="flex flex-wrap items-center gap-3">
                        <span
                          className={`rounded px-2 py-0.5 font-mono text-xs font-bold uppercase ${methodTone[method] ?? ""}`}
                        >
                          {method}
                        </span>
                        <code className="font-mono text-sm">{path}</code>
                      </div>
                      <h3 className="mt-2 font-medium">
                        <Inline text={String(op.summary)} />
                      </h3>
                      {op.description ? (
                        <p className="mt-1 whitespace-pre-line text-sm text-slate-600">
                          <Inline text={String(op.description)} />
                        </p>
                      ) : null}
                      {(op.parameters as Json[]).length ? (
                        <table className="mt-3 w-full text-left text-sm">
                          <thead className="text-xs uppercase text-slate-500">
                            <tr>
                              <th className="py-1 pr-6">Parameter</th>
                              <th className="pr-6">In</th>
                              <th>Schema</th>
                            </tr>
                          </thead>
                          <tbody>
                            {(op.parameters as Json[]).map((p) => (
                              <tr key={`${p.in}-${p.name}`} className="border-t border-slate-100">
                                <td className="whitespace-nowrap py-1 pr-6 align-baseline font-mono">
                                  {String(p.name)}
                                  {p.required ? <span className="text-red-600">*</span> : null}
                                </td>
                                <td className="whitespace-nowrap py-1 pr-6 align-baseline text-slate-600">
                                  {String(p.in)}
                                </td>
                                <td className="w-full py-1 align-baseline">
                                  <SchemaRef schema={p.schema} />
                                </td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      ) : null}
                      {op.requestBody ? (
                        <p className="mt-3 text-sm">
                          Body:{" "}
                          <SchemaRef
                            schema={
                              ((op.requestBody as Json).content as Json)["application/json"] &&
                              (
                                ((op.requestBody as Json).content as Json)[
                                  "application/json"
                                ] as Json
                              ).schema
                            }
                          />
                        </p>
                      ) : null}
                      <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
                        {Object.entries(op.responses as Record<string, Json>).map(([code, r]) => (
                          <li key={code}>
                            <span
                              className={`font-mono ${code.startsWith("2") ? "text-emerald-700" : "text-slate-500"}`}
                            >
                              {code}
                            </span>{" "}
                            <ResponseBody response={r} />
                          </li>
                        ))}
                      </ul>
                    </article>
                  ))}
              </div>
            </section>
          ))}
          <section
            id={sectionId("Schemas")}
            aria-labelledby="section-schemas-h"
            className="mt-12 scroll-mt-4"
          >
            <h2 id="section-schemas-h" className="text-xl font-semibold">
              Schemas
            </h2>
            <div className="mt-4 space-y-4">
              {Object.entries(doc.components.schemas).map(([name, schema]) => (
                <article
                  key={name}
                  id={`schema-${name}`}
                  className="rounded-lg border border-slate-200 bg-white p-5"
                >
                  <h3 className="font-mono font-medium">{name}</h3>
                  {schema.description ? (
                    <p className="text-sm text-slate-600">
                      <Inline text={String(schema.description)} />
                    </p>
                  ) : null}
                  {/* Wrapped, not scrolled sideways: nothing hides beyond a keyboard's reach. */}
                  <pre className="mt-2 whitespace-pre-wrap break-words rounded bg-slate-50 p-3 text-xs">
                    {JSON.stringify(schema, null, 2)}
                  </pre>
                </article>
              ))}
            </div>
          </section>
        </main>
      </div>
    </>
  );
}
