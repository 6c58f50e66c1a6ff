// The bench's reference app (scripts/bench/scale-suite.ts): the smallest Next.js app of the same
// version as Quiver, resolving its packages from the repository's node_modules through parent
// folders. Built into data/bench-reference (never committed, never seen by the main app's tools)
// with webpack: Turbopack, given this folder inside Quiver's, also compiled Quiver's own
// instrumentation.ts and proxy.ts into it (Next.js 16.4).
import { realpathSync } from "node:fs";
import path from "node:path";

const repo = path.resolve(import.meta.dirname, "../../..");
// node_modules may be a link to another checkout: the file tracing root must contain both.
const modules = path.dirname(realpathSync(path.join(repo, "node_modules")));
let root = repo;
while (!modules.startsWith(root + path.sep) && modules !== root) root = path.dirname(root);

/** @type {import('next').NextConfig} */
const nextConfig = {
  distDir: path.relative(import.meta.dirname, path.join(repo, "data/bench-reference/next")),
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  outputFileTracingRoot: root,
};

export default nextConfig;
