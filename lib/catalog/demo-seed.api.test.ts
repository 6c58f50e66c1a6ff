// The demo catalog on a fresh database of the provider under test: every fixture folder ingests
// and is stored as a version, across both demo orgs, with public ones, a capability with four
// versions, a risky one for the trust card, and a second seed that pushes nothing.
import { afterAll, describe, expect, it } from "vitest";
import { freshDatabases } from "@/lib/testing/fresh-db";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { seedDemo } from "@/prisma/seed/demo";
import { demoFixtures, publicDemoCapabilities, seedDemoCapabilities } from "@/prisma/seed/catalog";
import type { Component } from "./ingest/components";

const freshUrl = freshDatabases();
const clients: { $disconnect: () => Promise<void> }[] = [];
afterAll(async () => {
  for (const c of clients) await c.$disconnect();
});

describe("demo catalog seed", () => {
  it("pushes every fixture through ingest, once", async () => {
    const url = await freshUrl();
    await migrate(url);
    const client = createDb(url);
    clients.push(client);

    expect((await seedDemo(client)).created).toBe(true);

    const caps = await client.capability.findMany({ include: { org: true, versions: true } });
    const fixtures = demoFixtures();
    // Every fixture folder is stored as exactly that version, and nothing else is.
    const stored = caps
      .flatMap((c) => c.versions.map((v) => `${c.org.slug}/${c.name}@${v.version}`))
      .sort();
    expect(stored).toEqual(fixtures.map((f) => `${f.org}/${f.name}@${f.version}`).sort());
    expect(caps.length).toBeGreaterThanOrEqual(12);
    expect(new Set(caps.map((c) => c.org.slug))).toEqual(new Set(["acme", "globex"]));
    for (const c of caps) {
      expect(c.versionCount).toBe(c.versions.length);
      const newest = fixtures.filter((f) => f.org === c.org.slug && f.name === c.name).at(-1)!;
      expect(c.latestVersion, c.name).toBe(newest.version);
      for (const v of c.versions) expect(v.origin).toMatchObject({ type: "push", via: "seed" });
    }

    // Owners pushed them: demo@quiver.dev in acme, ops@globex.dev in globex.
    const emails = new Map((await client.user.findMany()).map((u) => [u.id, u.email]));
    const pushers = caps.flatMap((c) =>
      c.versions.map((v) => `${c.org.slug}:${emails.get(v.createdById ?? "")}`),
    );
    expect(new Set(pushers)).toEqual(new Set(["acme:demo@quiver.dev", "globex:ops@globex.dev"]));

    expect(new Set(caps.filter((c) => c.isPublic).map((c) => `${c.org.slug}/${c.name}`))).toEqual(
      publicDemoCapabilities,
    );
    expect(Math.max(...caps.map((c) => c.versionCount))).toBeGreaterThanOrEqual(4);
    expect(caps.filter((c) => c.versionCount >= 2).length).toBeGreaterThan(caps.length / 2);
    const licenses = new Set(caps.map((c) => c.license));
    for (const l of [
      "MIT",
      "Apache-2.0",
      "BSD-3-Clause",
      "MIT OR Apache-2.0",
      "Acme-Proprietary-1.0",
      null,
    ])
      expect(licenses.has(l), String(l)).toBe(true);

    // The risky fixture carries what a trust card should flag.
    const risky = caps.find((c) => c.org.slug === "acme" && c.name === "legacy-ops-bridge")!;
    const latest = risky.versions.find((v) => v.id === risky.latestVersionId)!;
    const components = latest.components as unknown as Component[];
    expect(components).toContainEqual(
      expect.objectContaining({
        type: "mcp_server",
        metadata: expect.objectContaining({
          url: expect.stringMatching(/^http:\/\/(?!localhost|127\.)/),
        }),
      }),
    );
    expect(components).toContainEqual(
      expect.objectContaining({
        type: "worker",
        metadata: expect.objectContaining({ command: "bash" }),
      }),
    );
    const files = await client.capabilityFile.findMany({ where: { versionId: latest.id } });
    const text = async (p: string) => {
      const f = files.find((x) => x.path === p)!;
      return Buffer.from(
        (await client.blob.findUniqueOrThrow({ where: { sha256: f.sha256 } })).data,
      ).toString("utf8");
    };
    expect(await text("tools/aws_inventory.py")).toMatch(/AKIA[A-Z]{16}/);
    expect(await text("agents/operator.md")).toMatch(/[\u200b\u202e]/);
    expect(await text("skills/runbook/SKILL.md")).toMatch(/ignore all previous instructions/i);

    // A second run pushes nothing and changes nothing.
    const counts = async () => [
      await client.capability.count(),
      await client.capabilityVersion.count(),
      await client.auditEvent.count(),
      await client.blob.count(),
    ];
    const before = await counts();
    expect((await seedDemo(client)).created).toBe(false);
    expect(await seedDemoCapabilities(client)).toBe(0);
    expect(await counts()).toEqual(before);
  }, 120_000);
});
