// `npm start`: builds the app when the sources changed since the last build, then serves it.
// Migrations and the demo seed run inside the server at start (instrumentation.ts).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const inputs = ["app", "components", "lib", "prisma", "public", "instrumentation.ts", "next.config.mjs", "package.json", "postcss.config.mjs", "tsconfig.json"];
const skip = new Set(["node_modules", ".next", "generated"]);
const stampFile = path.join(root, ".next", "quiver-build-stamp");

function walk(p, out) {
  if (!existsSync(p)) return;
  const st = statSync(p);
  if (st.isDirectory()) {
    for (const name of readdirSync(p).sort()) if (!skip.has(name)) walk(path.join(p, name), out);
  } else if (!p.endsWith(".test.ts")) {
    out.push(`${path.relative(root, p)}:${st.size}:${st.mtimeMs}`);
  }
}

function fingerprint() {
  const files = [];
  for (const i of inputs) walk(path.join(root, i), files);
  return createHash("sha256").update(files.join("\n")).digest("hex");
}

const isBuilt = (stamp) =>
  existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp;

// Two `npm start`s at once must not build into one .next together: the build takes a lock (an
// atomic mkdir), and whoever waited for it re-checks whether the build is now current.
const lockDir = path.join(root, ".next-build.lock");
function withBuildLock(fn) {
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
      const age = Date.now() - statSync(lockDir).mtimeMs;
      if (age > 15 * 60_000) rmSync(lockDir, { recursive: true, force: true }); // left by a killed build
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lockDir}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

const stamp = fingerprint();
if (!isBuilt(stamp)) {
  const failed = withBuildLock(() => {
    if (isBuilt(stamp)) return null;
    console.log("Building Quiver (first start, or the sources changed)...");
    const result = spawnSync(path.join(root, "node_modules/.bin/next"), ["build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (result.status !== 0) return result.status ?? 1;
    writeFileSync(stampFile, stamp);
    return null;
  });
  if (failed !== null) process.exit(failed);
}

// Served in this process through Next's custom-server API rather than `next start`, for one
// reason: `next start` sets X-Forwarded-For from the socket only when the client sent none, so a
// client could name any address it likes. Here the socket's peer is appended to the header on
// every request, as a proxy does, and lib/api/client-address.ts reads the last entry as the peer
// (and entries before it only from QUIVER_TRUSTED_PROXIES).
const port = Number(process.env.PORT || "3000");
process.env.PORT = String(port);
process.env.NEXTAUTH_URL ||= `http://localhost:${port}`;
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.NODE_ENV ||= "production";

const { createServer } = await import("node:http");
const { default: next } = await import("next");
const app = next({ dev: false, dir: root, port });
await app.prepare();
const handle = app.getRequestHandler();

// TRACE and TRACK cannot become the Fetch Request that Next.js builds before any of our code runs
// (Next answered a plain-text 500), so they are answered here, as lib/api/malformed-request.ts
// answers other methods no route serves: a 400 in the error envelope of the path's surface.
const refusedMethods = new Set(["TRACE", "TRACK"]);
function refuseMethod(req, res) {
  const pathname = (req.url ?? "/").split("?")[0];
  const detail = `Unsupported HTTP method '${req.method}'; use GET, HEAD, OPTIONS, POST, PUT, PATCH or DELETE`;
  const headers = { "cache-control": "no-store", "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin" };
  if (!pathname.startsWith("/api/")) {
    res.writeHead(400, { ...headers, "content-type": "text/plain; charset=utf-8" }).end(`Bad request: ${detail}\n`);
    return;
  }
  const compat = /^\/api\/v1\/(optimizations|prompts)(\/|$)/.test(pathname);
  const body = compat ? { error: { code: "BAD_REQUEST", message: detail } } : { code: 400, detail, type: "invalid_error" };
  res.writeHead(400, { ...headers, "content-type": "application/json" }).end(JSON.stringify(body));
}

const server = createServer((req, res) => {
  if (refusedMethods.has(req.method ?? "")) return refuseMethod(req, res);
  const peer = req.socket.remoteAddress;
  if (peer) {
    const prior = req.headers["x-forwarded-for"];
    const list = [prior].flat().filter(Boolean).join(", ");
    req.headers["x-forwarded-for"] = list ? `${list}, ${peer}` : peer;
  }
  handle(req, res).catch((err) => {
    console.error(err);
    if (!res.headersSent) res.statusCode = 500;
    res.end("Internal Server Error");
  });
});
// CONNECT is not a request node:http hands to the handler above; without a listener the socket is
// dropped silently. Answer it plainly instead.
server.on("connect", (_req, socket) => {
  socket.end("HTTP/1.1 400 Bad Request\r\ncontent-type: text/plain; charset=utf-8\r\nconnection: close\r\n\r\nBad request: CONNECT is not served\n");
});
server.listen(port, () => console.log(`Listening on http://localhost:${port}`));
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
