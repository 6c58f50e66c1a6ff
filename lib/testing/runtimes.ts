// For the watch tests of the resolved view: a runtime with one bound capability, made through the
// real routes, and a change to it made by another Node process (lib/testing/another-process.ts).
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect } from "vitest";
import { db } from "@/lib/db/client";
import { packTarGz } from "@/lib/catalog/ingest/pack";
import { call, uid, type TestMember } from "@/lib/testing/api";
import { POST as pushCapability } from "@/app/api/v1/org/[org]/capabilities/route";
import { POST as createRuntime } from "@/app/api/v1/org/[org]/ws/[workspace]/runtimes/route";
import { POST as bind } from "@/app/api/v1/org/[org]/ws/[workspace]/runtimes/[runtime_id]/capabilities/route";
import { PATCH as patchBinding } from "@/app/api/v1/org/[org]/ws/[workspace]/runtimes/[runtime_id]/capabilities/[binding_id]/route";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

export interface WatchedRuntime {
  params: { org: string; workspace: string; runtime_id: string };
  bindingId: string;
}

/** A runtime in the member's `main` workspace binding a new capability (1.0.0, one flag). */
export async function runtimeWithBinding(m: TestMember, token: string): Promise<WatchedRuntime> {
  const name = `watch-${uid()}`;
  const pushed = await call(pushCapability, {
    method: "POST",
    params: { org: m.org.slug },
    token,
    bytes: packTarGz([
      {
        path: "capability.yaml",
        data: `schema: 1\nname: ${name}\nversion: 1.0.0\ndescription: Watch test\nflags:\n  verbose:\n    description: Say more\n`,
      },
      { path: "agents/a.md", data: "You help." },
    ]),
    headers: { "content-type": "application/gzip" },
  });
  expect(pushed.status, JSON.stringify(pushed.json)).toBe(201);
  const ws = { org: m.org.slug, workspace: "main" };
  const rt = await call(createRuntime, {
    method: "POST",
    params: ws,
    token,
    body: { name: `rt-${uid()}` },
  });
  expect(rt.status, JSON.stringify(rt.json)).toBe(201);
  const params = { ...ws, runtime_id: (rt.json as { id: string }).id };
  const b = await call(bind, { method: "POST", params, token, body: { name } });
  expect(b.status, JSON.stringify(b.json)).toBe(201);
  return { params, bindingId: (b.json as { id: string }).id };
}

/** Enables or disables the runtime's binding through its route (a change that moves its digest). */
export const setBindingEnabled = (rt: WatchedRuntime, token: string, enabled: boolean) =>
  call(patchBinding, {
    method: "PATCH",
    params: { ...rt.params, binding_id: rt.bindingId },
    token,
    body: { enabled },
  });

/** Enables or disables the binding from a second Node process with its own database client. */
export async function changeFromAnotherProcess(
  m: TestMember,
  rt: WatchedRuntime,
  enabled: boolean,
): Promise<void> {
  const ws = await db().workspace.findFirstOrThrow({ where: { orgId: m.org.id, slug: "main" } });
  const child = await run(
    path.join(root, "node_modules/.bin/tsx"),
    [
      "lib/testing/another-process.ts",
      JSON.stringify({
        org: m.org,
        workspace: { id: ws.id, slug: ws.slug, name: ws.name },
        userId: m.user.id,
        runtimeId: rt.params.runtime_id,
        bindingId: rt.bindingId,
        enabled,
      }),
    ],
    { cwd: root, env: process.env },
  );
  expect(child.stdout).toMatch(/^pid \d+/);
  expect(Number(child.stdout.split(" ")[1])).not.toBe(process.pid);
}
