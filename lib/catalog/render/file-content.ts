// What the file viewer makes of a stored file's bytes: text (UTF-8, no NUL) or binary. The file
// route already answers text/plain for text and application/octet-stream for the rest; the bytes
// are checked again so that a binary file with a text-like name is not shown as garbage.

/** Files bigger than this are not fetched for preview: the viewer offers the download instead. */
export const PREVIEW_LIMIT_BYTES = 2 * 1024 * 1024;

export type FileContent = { kind: "text"; text: string } | { kind: "binary"; size: number };

export function decodeFileContent(
  contentType: string,
  bytes: ArrayBuffer | Uint8Array,
): FileContent {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const textual = /^(text\/|application\/(json|x-yaml|yaml|toml|xml|javascript))/i.test(
    contentType.trim(),
  );
  if (!textual || view.includes(0)) return { kind: "binary", size: view.byteLength };
  try {
    return {
      kind: "text",
      text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(view),
    };
  } catch {
    return { kind: "binary", size: view.byteLength };
  }
}
