// `quiver runtime watch` against the real stream route behind a local HTTP server: it prints each
// new resolved view as one JSON line, reconnects after the connection drops and resumes with
// Last-Event-ID (so the view it has is not printed twice), and exits non-zero with the reason when
// the runtime is deleted.
import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolvedConfiguration } from "@/lib/runtimes/schemas";
import { call, newOwner, tokenFor } from "@/lib/testing/api";
import { runtimeWithBinding } from "@/lib/testing/runtimes";
import { GET as stream } from "@/app/api/v1/org/[org]/ws/[workspace]/runtimes/[runtime_id]/capabilities/resolved/stream/route";
import { DELETE as deleteRuntime } from "@/app/api/v1/org/[org]/ws/[workspace]/runtimes/[runtime_id]/route";
import { PATCH as patchBinding } from "@/app/api/v1/org/[org]/ws/[workspace]/runtimes/[runtime_id]/capabilities/[binding_id]/route";

const root = path.resolve(import.meta.dirname, "..");

/** The stream route behind HTTP; the first connection is ended after its first event. */
async function streamServer(params: Record<string, string>) {
  const lastEventIds: (string | null)[] = [];
  const server = http.createServer(async (req, res) => {
    const first = lastEventIds.length === 0;
    lastEventIds.push((req.headers["last-event-id"] as string | undefined) ?? null);
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    const response = await stream(
      new Request(`http://localhost${req.url}`, {
        headers: new Headers(
          Object.entries(req.headers).map(([k, v]): [string, string] => [k, String(v)]),
        ),
        signal: abort.signal,
      }),
      { params: Promise.resolve(params) },
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) return res.end();
    const reader = response.body.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return res.end();
      res.write(value);
      if (first && Buffer.from(value).toString().includes("event: resolved")) {
        void reader.cancel();
        return res.end();
      }
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    lastEventIds,
    close: () => server.closeAllConnections() ?? server.close(),
  };
}

describe("quiver runtime watch", () => {
  it("prints each new view once, reconnects with Last-Event-ID, and stops when the runtime goes", async () => {
    const owner = await newOwner();
    const token = (await tokenFor(owner, ["write"])).secret;
    const rt = await runtimeWithBinding(owner, token);
    const server = await streamServer(rt.params);
    const child = spawn(
      path.join(root, "node_modules/.bin/tsx"),
      ["scripts/quiver.ts", "runtime", "watch", rt.params.runtime_id, "--org", owner.org.slug],
      { cwd: root, env: { ...process.env, QUIVER_URL: server.url, QUIVER_TOKEN: token } },
    );
    const lines: string[] = [];
    let stderr = "";
    let waiter: (() => void) | null = null;
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      lines.push(...d.split("\n").filter(Boolean));
      waiter?.();
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    const lineCount = (n: number) =>
      new Promise<void>((resolve) => {
        waiter = () => lines.length >= n && resolve();
        waiter();
      });
    try {
      await lineCount(1);
      const first = resolvedConfiguration.parse(JSON.parse(lines[0]!));
      expect(first.capabilities).toHaveLength(1);
      // The first connection was ended: wait for the second, which resumes after the view it has.
      await expect.poll(() => server.lastEventIds.length, { timeout: 15_000 }).toBe(2);
      expect(server.lastEventIds).toEqual([null, first.runtime_digest]);
      await new Promise((r) => setTimeout(r, 300));
      const patched = await call(patchBinding, {
        method: "PATCH",
        params: { ...rt.params, binding_id: rt.bindingId },
        token,
        body: { enabled: false },
      });
      expect(patched.status).toBe(200);
      await lineCount(2);
      const second = resolvedConfiguration.parse(JSON.parse(lines[1]!));
      expect(second.capabilities).toEqual([]);
      expect(second.runtime_digest).not.toBe(first.runtime_digest);

      const deleted = await call(deleteRuntime, { method: "DELETE", params: rt.params, token });
      expect(deleted.status).toBe(204);
      expect(await exited).toBe(1);
      expect(stderr).toMatch(/Watch ended \(404\): Runtime '.*' not found/);
      expect(stderr).toMatch(/reconnected/);
      expect(lines).toHaveLength(2);
    } finally {
      child.kill();
      server.close();
    }
  });
});
