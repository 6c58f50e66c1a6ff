// `npm start`: builds the app when the sources changed since the last build, then serves it with
// QUIVER_WEB_CONCURRENCY server processes (default: one per core) on one port, through Node's
// cluster module: this primary process builds, forks the server processes and replaces one that
// crashes; it also keeps the request limits of all of them when there is no Redis (over IPC,
// lib/api/memory-limits.mjs). Migrations and the demo seed run inside the first server process at
// start (instrumentation.ts); the others start once it serves, and skip them. With 1, the primary
// serves by itself, as a single process.
import { spawnSync } from "node:child_process";
import cluster from "node:cluster";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { fileURLToPath } from "node:url";
import { runPrimary } from "./start-cluster.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const inputs = [
  "app",
  "components",
  "lib",
  "prisma",
  "public",
  "instrumentation.ts",
  "instrumentation-client.ts",
  "proxy.ts",
  "next.config.mjs",
  "package.json",
  "postcss.config.mjs",
  "tsconfig.json",
];
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
  existsSync(path.join(root, ".next", "BUILD_ID")) &&
  existsSync(stampFile) &&
  readFileSync(stampFile, "utf8") === stamp;

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

/** QUIVER_WEB_CONCURRENCY: `auto` or unset for one process per core, else a whole number. */
function concurrency() {
  const raw = (process.env.QUIVER_WEB_CONCURRENCY ?? "").trim();
  if (raw === "" || raw === "auto") return availableParallelism();
  if (!/^[1-9][0-9]{0,2}$/.test(raw)) {
    console.error(
      `QUIVER_WEB_CONCURRENCY must be auto (one server process per core) or a whole number of processes from 1 to 999, not '${raw}'`,
    );
    process.exit(1);
  }
  return Number(raw);
}

/**
 * QUIVER_HEAP_GROWTH_PERCENT (default 50): how far a server process's JavaScript heap may grow past
 * what its last full collection kept before the next one, as V8's --heap-growing-percent; `0`
 * leaves it to V8, which grows the heap by up to four times while the process runs fast. A change
 * that wakes thousands of watches makes that much garbage in a second or two: with V8's own growth
 * 10,000 watchers on the two server processes held 700 MB more at its peak, with 50% 360–390 MB
 * more, for the same CPU (docs/benchmarks.md, §3).
 */
function heapGrowthPercent() {
  const raw = (process.env.QUIVER_HEAP_GROWTH_PERCENT ?? "").trim() || "50";
  if (!/^[0-9]{1,3}$/.test(raw)) {
    console.error(`QUIVER_HEAP_GROWTH_PERCENT must be a whole number from 0 to 999, not '${raw}'`);
    process.exit(1);
  }
  return Number(raw);
}

function buildIfNeeded() {
  const stamp = fingerprint();
  if (isBuilt(stamp)) return;
  const failed = withBuildLock(() => {
    if (isBuilt(stamp)) return null;
    console.log("Building Quiver (first start, or the sources changed)...");
    const result = spawnSync(path.join(root, "node_modules/.bin/next"), ["build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
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

// Requests that never become a request object, answered here as lib/api/malformed-request.ts answers
// the rest (through the front door, below): a 400 in the error envelope of the path's API surface,
// or plain text for a page.
// - a method Node's HTTP parser does not know (TRACK) or a request it cannot parse ends in
//   'clientError', which Node answers with a bare 400;
// - CONNECT is handed to 'connect', without which the socket is dropped silently.
const refusalHeaders = {
  "cache-control": "no-store",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  connection: "close",
};
function refusal(target, detail) {
  const pathname = (target || "/").split("?")[0];
  if (!pathname.startsWith("/api/"))
    return {
      headers: { ...refusalHeaders, "content-type": "text/plain; charset=utf-8" },
      body: `Bad request: ${detail}\n`,
    };
  const compat = /^\/api\/v1\/(optimizations|prompts)(\/|$)/.test(pathname);
  const body = compat
    ? { error: { code: "BAD_REQUEST", message: detail } }
    : { code: 400, detail, type: "invalid_error" };
  return {
    headers: { ...refusalHeaders, "content-type": "application/json" },
    body: JSON.stringify(body),
  };
}
const unsupported = (method) =>
  `Unsupported HTTP method '${String(method).slice(0, 20)}'; use GET, HEAD, OPTIONS, POST, PUT, PATCH or DELETE`;
/** The 400 as raw HTTP, for a socket no response object was made for. */
function rawRefusal(target, detail) {
  const { headers, body } = refusal(target, detail);
  const lines = Object.entries({ ...headers, "content-length": Buffer.byteLength(body) }).map(
    ([k, v]) => `${k}: ${v}`,
  );
  return `HTTP/1.1 400 Bad Request\r\n${lines.join("\r\n")}\r\n\r\n${body}`;
}

/** A server process (or the only process): Next.js behind a plain Node HTTP server. */
async function serve() {
  if (heapGrowth > 0) v8.setFlagsFromString(`--heap-growing-percent=${heapGrowth}`);
  const worker = cluster.isWorker ? Number(process.env.QUIVER_CLUSTER_WORKER) : 0;
  const { createServer } = await import("node:http");
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: root, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  // Installed by instrumentation.ts during prepare(): answers what never needs Next.js
  // (lib/api/front-door.ts), such as the malformed-request check.
  const frontDoor = globalThis[Symbol.for("quiver.frontDoor")];
  if (typeof frontDoor !== "function")
    throw new Error("instrumentation.ts did not install the front door");

  const server = createServer((req, res) => {
    // Which server process answered a health check (its index, 1 to QUIVER_WEB_CONCURRENCY).
    if (worker && req.url?.startsWith("/api/health"))
      res.setHeader("x-quiver-process", String(worker));
    const peer = req.socket.remoteAddress;
    if (peer) {
      const prior = req.headers["x-forwarded-for"];
      const list = [prior].flat().filter(Boolean).join(", ");
      req.headers["x-forwarded-for"] = list ? `${list}, ${peer}` : peer;
    }
    if (frontDoor(req, res)) return;
    handle(req, res).catch((err) => {
      console.error(err);
      if (!res.headersSent) res.statusCode = 500;
      res.end("Internal Server Error");
    });
  });
  server.on("connect", (req, socket) => {
    socket.end(rawRefusal("/", unsupported(req.method)));
  });
  server.on("clientError", (err, socket) => {
    if (err.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    // The request line, when the parser got that far: its method and target choose the answer.
    const [method, target] = (err.rawPacket?.toString("latin1").split("\r\n")[0] ?? "").split(" ");
    const detail =
      err.code === "HPE_INVALID_METHOD"
        ? unsupported(method)
        : err.code === "HPE_HEADER_OVERFLOW"
          ? "The request's headers are too large"
          : "The request is not valid HTTP";
    socket.end(rawRefusal(target?.startsWith("/") ? target : "/", detail));
  });
  server.listen(port, () => {
    if (cluster.isWorker) process.send?.({ type: "quiver:listening" });
    else console.log(`Listening on http://localhost:${port}`);
  });
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      server.close();
      process.exit(0);
    });
  }
}

const heapGrowth = heapGrowthPercent();
if (cluster.isPrimary) {
  const processes = concurrency();
  buildIfNeeded();
  if (processes === 1) await serve();
  else runPrimary(processes, port);
} else {
  await serve();
}
