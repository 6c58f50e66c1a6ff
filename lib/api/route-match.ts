// Matching a request path to an app route file's pattern as Next.js's app router does, for the
// routes the front door serves itself (./front-door.ts): at each segment a static name before a
// `[param]`, and a `[param]` before a `[...catchAll]`, the first complete match winning; params
// are the path's segments, decoded (a catch-all's as a list).

/** What the front door calls of an app route file. */
export interface RouteModule {
  GET?: RouteHandler;
  HEAD?: RouteHandler;
}

export type RouteHandler = (
  req: Request,
  context: { params: Promise<Record<string, string | string[]>> },
) => Response | Promise<Response>;

export interface RouteMatch {
  /** The pattern's index in the list given to routeMatcher. */
  index: number;
  params: Record<string, string | string[]>;
}

interface Node {
  statics: Map<string, Node>;
  param?: { name: string; node: Node };
  catchAll?: { name: string; index: number };
  index?: number;
}

const newNode = (): Node => ({ statics: new Map() });

function insert(root: Node, pattern: string, index: number): void {
  let node = root;
  for (const segment of pattern.split("/").filter(Boolean)) {
    const catchAll = /^\[\.\.\.(\w+)\]$/.exec(segment);
    if (catchAll) {
      node.catchAll = { name: catchAll[1]!, index };
      return;
    }
    const param = /^\[(\w+)\]$/.exec(segment);
    if (param) {
      node.param ??= { name: param[1]!, node: newNode() };
      node = node.param.node;
      continue;
    }
    let next = node.statics.get(segment);
    if (!next) node.statics.set(segment, (next = newNode()));
    node = next;
  }
  node.index = index;
}

function walk(
  node: Node,
  segments: string[],
  at: number,
  params: RouteMatch["params"],
): RouteMatch | null {
  if (at === segments.length)
    return node.index === undefined ? null : { index: node.index, params: { ...params } };
  const segment = segments[at]!;
  const byName = node.statics.get(segment);
  const found = byName ? walk(byName, segments, at + 1, params) : null;
  if (found) return found;
  if (node.param) {
    params[node.param.name] = decodeURIComponent(segment);
    const viaParam = walk(node.param.node, segments, at + 1, params);
    delete params[node.param.name];
    if (viaParam) return viaParam;
  }
  if (node.catchAll)
    return {
      index: node.catchAll.index,
      params: { ...params, [node.catchAll.name]: segments.slice(at).map(decodeURIComponent) },
    };
  return null;
}

/**
 * A matcher over route patterns ("/api/v1/org/[org]/workspaces"). It takes a path whose segments
 * all decode (the malformed-request check comes first) and answers null for a path it leaves to
 * Next.js: no match, a trailing slash (Next.js redirects it), an empty, `.` or `..` segment.
 */
export function routeMatcher(patterns: readonly string[]): (pathname: string) => RouteMatch | null {
  const root = newNode();
  patterns.forEach((p, i) => insert(root, p, i));
  return (pathname) => {
    const segments = pathname.split("/").slice(1);
    if (segments.some((s) => s === "" || s === "." || s === "..")) return null;
    return walk(root, segments, 0, {});
  };
}
