// Runtimes and their capability bindings. Every change to a runtime's bindings runs in one
// transaction that first locks the runtime row, then writes the change, the runtime's new combined
// digest and the audit event; so concurrent changes serialize per runtime and the stored digest
// always matches the bindings. Audit events of a runtime and its bindings target the runtime.
import type { Prisma } from "@/lib/db/types";
import type { Tx } from "@/lib/db/client";
import type { WorkspaceCtx } from "@/lib/api/context";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import type { Component } from "@/lib/catalog/ingest/components";
import { inScope, sharedWith, versionScope } from "@/lib/catalog/access";
import { redactJson, redactManifest } from "@/lib/catalog/redact";
import { resolveCapability } from "@/lib/catalog/service";
import { compareTools } from "@/lib/catalog/tools/compare";
import { approvedToolsOf } from "@/lib/catalog/tools/fingerprint";
import { versionKey } from "@/lib/versions";
import { surface } from "@/lib/catalog/trust/card";
import { trustOf } from "@/lib/catalog/trust";
import { unpinnedAfterUpgrade } from "@/lib/catalog/trust/unpinned-fetches";
import { notifyChange } from "./changes";
import { combinedDigest, effectiveFlags, type FlagSpec, type ResolvedCapability } from "./digest";
import {
  normalizeObserved,
  toolDrift,
  type ObservedTool,
  type ObservedToolInput,
  type ToolDriftResult,
} from "./tool-drift";

const EMPTY_DIGEST = combinedDigest([]);

const bindingInclude = {
  capability: {
    select: {
      id: true,
      name: true,
      orgId: true,
      isPublic: true,
      latestVersion: true,
      org: { select: { slug: true } },
    },
  },
  version: {
    select: {
      id: true,
      version: true,
      versionKey: true,
      description: true,
      componentCounts: true,
      manifest: true,
      runtimeDigest: true,
      artifactSha256: true,
      components: true,
    },
  },
} as const;

export type StoredBinding = Prisma.RuntimeBindingGetPayload<{ include: typeof bindingInclude }>;

/** What resolving needs, and no more: runtimes poll it (no components, descriptions or counts). */
const resolveInclude = {
  capability: { select: { name: true, orgId: true, org: { select: { slug: true } } } },
  version: { select: { version: true, manifest: true, runtimeDigest: true, artifactSha256: true } },
} as const;
type ResolvableBinding = Prisma.RuntimeBindingGetPayload<{ include: typeof resolveInclude }>;

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The resolved view adds the approved tools, read from the components (not needed for digests). */
const resolvedViewInclude = {
  capability: resolveInclude.capability,
  version: { select: { ...resolveInclude.version.select, components: true } },
} as const;

/** The capability's name as this org sees it: its own by name, another org's as owner/name. */
export function bindingName(
  ctx: { org: { id: string } },
  b: { capability: Pick<StoredBinding["capability"], "name" | "orgId" | "org"> },
): string {
  return b.capability.orgId === ctx.org.id
    ? b.capability.name
    : `${b.capability.org.slug}/${b.capability.name}`;
}

const declaredFlags = (manifest: unknown) =>
  (manifest as { flags?: Record<string, FlagSpec> }).flags ?? {};
const overrides = (b: { flags: unknown }) => (b.flags ?? {}) as Record<string, boolean>;

/** What a runtime loads from its enabled bindings, in name order, with the combined digest. */
function resolve(
  ctx: Pick<WorkspaceCtx, "org">,
  bindings: ResolvableBinding[],
): { capabilities: (ResolvedCapability & { artifact_digest: string })[]; runtime_digest: string } {
  const capabilities = bindings
    .filter((b) => b.enabled)
    .map((b) => ({
      name: bindingName(ctx, b),
      version: b.version.version,
      artifact_digest: b.version.artifactSha256,
      runtime_digest: b.version.runtimeDigest,
      flags: effectiveFlags(declaredFlags(b.version.manifest), overrides(b)),
    }))
    .sort((a, b) => Buffer.compare(Buffer.from(a.name, "utf8"), Buffer.from(b.name, "utf8")));
  return { capabilities, runtime_digest: combinedDigest(capabilities) };
}

async function runtimeIn(
  ctx: WorkspaceCtx,
  runtimeId: string,
  db: Tx | WorkspaceCtx["db"] = ctx.db,
) {
  const rt = await db.runtime.findFirst({
    where: { id: runtimeId, workspaceId: ctx.workspace.id },
  });
  if (!rt) throw runtimeNotFound(ctx, runtimeId);
  return rt;
}

const runtimeNotFound = (ctx: WorkspaceCtx, runtimeId: string) =>
  new ApiError(
    "not_found",
    `Runtime '${runtimeId}' not found in workspace '${ctx.workspace.slug}'`,
  );

/**
 * Takes the runtime's row lock for the rest of the transaction (PostgreSQL: a row lock; SQLite
 * writes are serialized anyway), so that concurrent binding changes of one runtime do not compute
 * its digest from each other's stale reads. 404 when it is not in the workspace.
 */
async function lockRuntime(tx: Tx, ctx: WorkspaceCtx, runtimeId: string) {
  const locked = await tx.runtime.updateMany({
    where: { id: runtimeId, workspaceId: ctx.workspace.id },
    data: { updatedAt: new Date() },
  });
  if (locked.count === 0)
    throw new ApiError(
      "not_found",
      `Runtime '${runtimeId}' not found in workspace '${ctx.workspace.slug}'`,
    );
}

async function refreshDigest(
  tx: Tx,
  ctx: WorkspaceCtx,
  runtimeId: string,
): Promise<{ before: string; after: string }> {
  const [rt, bindings] = await Promise.all([
    tx.runtime.findUniqueOrThrow({ where: { id: runtimeId }, select: { resolvedDigest: true } }),
    tx.runtimeBinding.findMany({ where: { runtimeId }, include: resolveInclude }),
  ]);
  const after = resolve(ctx, bindings).runtime_digest;
  if (after !== rt.resolvedDigest) {
    await tx.runtime.update({ where: { id: runtimeId }, data: { resolvedDigest: after } });
    // Watchers of the resolved view wake when this commits (lib/runtimes/changes.ts).
    await notifyChange(tx, ctx.org.id);
  }
  return { before: rt.resolvedDigest, after };
}

const audit = (
  tx: Tx,
  ctx: WorkspaceCtx,
  runtimeId: string,
  action: string,
  summary: Record<string, unknown>,
) =>
  recordAudit(tx, ctx, {
    orgId: ctx.org.id,
    workspaceId: ctx.workspace.id,
    action,
    targetType: "runtime",
    targetId: runtimeId,
    summary,
  });

// ---- runtimes ---------------------------------------------------------------------------------

const runtimeInclude = {
  workspace: { select: { orgId: true } },
  bindings: {
    select: {
      enabled: true,
      // components: the approved MCP tools, for the tool drift status
      version: { select: { version: true, versionKey: true, components: true } },
      capability: {
        select: {
          name: true,
          orgId: true,
          isPublic: true,
          latestVersion: true,
          org: { select: { slug: true } },
        },
      },
    },
  },
} as const;
export type RuntimeWithBindings = Prisma.RuntimeGetPayload<{ include: typeof runtimeInclude }>;

const observedOf = (rt: { observedTools: unknown }) =>
  (rt.observedTools ?? null) as ObservedTool[] | null;

/** Tool drift of a runtime against its enabled bindings' approved tools (lib/runtimes/tool-drift.ts). */
export function toolDriftOf(
  ctx: { org: { id: string } },
  rt: {
    observedTools: unknown;
    bindings: {
      enabled: boolean;
      version: { version: string; components: unknown };
      capability: Pick<StoredBinding["capability"], "name" | "orgId" | "org">;
    }[];
  },
): ToolDriftResult {
  return toolDrift(
    rt.bindings
      .filter((b) => b.enabled)
      .map((b) => ({
        capability: bindingName(ctx, b),
        version: b.version.version,
        components: b.version.components as unknown as Component[],
      })),
    observedOf(rt),
  );
}

/**
 * The newest version a binding may move to, as the org sees it: the capability's latest, or the
 * pinned version itself when the capability is no longer shared with the org (lib/catalog/access.ts).
 */
export function latestFor(
  orgId: string,
  b: {
    capability: { orgId: string; isPublic: boolean; latestVersion: string | null };
    version: { version: string };
  },
): string | null {
  return sharedWith(orgId, b.capability) ? b.capability.latestVersion : b.version.version;
}

export function upgradesAvailable(rt: RuntimeWithBindings): number {
  return rt.bindings.filter((b) => {
    const latest = latestFor(rt.workspace.orgId, b);
    return latest && versionKey(latest) > b.version.versionKey;
  }).length;
}

export async function listRuntimes(ctx: WorkspaceCtx): Promise<RuntimeWithBindings[]> {
  return ctx.db.runtime.findMany({
    where: { workspaceId: ctx.workspace.id },
    include: runtimeInclude,
    orderBy: { name: "asc" },
  });
}

export async function getRuntime(
  ctx: WorkspaceCtx,
  runtimeId: string,
): Promise<RuntimeWithBindings> {
  const rt = await ctx.db.runtime.findFirst({
    where: { id: runtimeId, workspaceId: ctx.workspace.id },
    include: runtimeInclude,
  });
  if (!rt) throw runtimeNotFound(ctx, runtimeId);
  return rt;
}

const duplicateName = (ctx: WorkspaceCtx, name: string) =>
  new ApiError(
    "already_exists",
    `A runtime named '${name}' already exists in workspace '${ctx.workspace.slug}'`,
  );

export async function createRuntime(
  ctx: WorkspaceCtx,
  input: { name: string; description: string },
): Promise<RuntimeWithBindings> {
  const id = await ctx.db
    .$transaction(async (tx) => {
      if (
        await tx.runtime.findUnique({
          where: { workspaceId_name: { workspaceId: ctx.workspace.id, name: input.name } },
          select: { id: true },
        })
      )
        throw duplicateName(ctx, input.name);
      const rt = await tx.runtime.create({
        data: {
          workspaceId: ctx.workspace.id,
          name: input.name,
          description: input.description,
          resolvedDigest: EMPTY_DIGEST,
          createdById: ctx.actor.userId,
        },
      });
      await audit(tx, ctx, rt.id, "runtime.create", { name: rt.name });
      return rt.id;
    })
    .catch((err: unknown) => {
      if ((err as { code?: string }).code === "P2002") throw duplicateName(ctx, input.name);
      throw err;
    });
  return getRuntime(ctx, id);
}

export async function updateRuntime(
  ctx: WorkspaceCtx,
  runtimeId: string,
  input: { name?: string; description?: string },
): Promise<RuntimeWithBindings> {
  await ctx.db
    .$transaction(async (tx) => {
      const rt = await runtimeIn(ctx, runtimeId, tx);
      if (
        input.name &&
        input.name !== rt.name &&
        (await tx.runtime.findUnique({
          where: { workspaceId_name: { workspaceId: ctx.workspace.id, name: input.name } },
          select: { id: true },
        }))
      ) {
        throw duplicateName(ctx, input.name);
      }
      await tx.runtime.update({ where: { id: rt.id }, data: input });
      await audit(tx, ctx, rt.id, "runtime.update", {
        ...(input.name !== undefined ? { name: input.name, was: rt.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
      });
    })
    .catch((err: unknown) => {
      if ((err as { code?: string }).code === "P2002") throw duplicateName(ctx, input.name ?? "");
      throw err;
    });
  return getRuntime(ctx, runtimeId);
}

export async function deleteRuntime(ctx: WorkspaceCtx, runtimeId: string): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const rt = await runtimeIn(ctx, runtimeId, tx);
    const bindings = await tx.runtimeBinding.count({ where: { runtimeId } });
    await tx.runtime.delete({ where: { id: rt.id } });
    await audit(tx, ctx, rt.id, "runtime.delete", { name: rt.name, bindings });
    // Its watchers stop (404).
    await notifyChange(tx, ctx.org.id);
  });
}

export function syncOf(rt: {
  resolvedDigest: string;
  reportedDigest: string | null;
  lastHeartbeatAt: Date | null;
}): "in_sync" | "drift" | "unknown" {
  if (!rt.lastHeartbeatAt || !rt.reportedDigest) return "unknown";
  return rt.reportedDigest === rt.resolvedDigest ? "in_sync" : "drift";
}

/** The observed tools as a comparable key: which tools, with which fingerprints. */
const observationKey = (tools: ObservedTool[] | null) =>
  tools === null
    ? null
    : tools
        .map((t) => `${t.server}\u0000${t.name}\u0000${t.fingerprint}`)
        .sort()
        .join("\n");

/** The tool drift after a heartbeat, and whether the tools it reports changed since the last. */
async function toolsAfterHeartbeat(
  tx: Tx,
  ctx: WorkspaceCtx,
  rt: { id: string; observedTools: unknown },
  observed: ObservedTool[] | null,
) {
  if (observed === null && observedOf(rt) === null) {
    // Never reported: nothing to compare, so no differences to name. The answer still lists the
    // servers that would be checked (as GET .../tool-drift does): the enabled versions'
    // components, without the capabilities and orgs that only name differences.
    const versions = await tx.runtimeBinding.findMany({
      where: { runtimeId: rt.id, enabled: true },
      select: { version: { select: { version: true, components: true } } },
    });
    const drift = toolDrift(
      versions.map(({ version }) => ({
        capability: "",
        version: version.version,
        components: version.components as unknown as Component[],
      })),
      null,
    );
    return { drift, changed: false };
  }
  const bindings = await tx.runtimeBinding.findMany({
    where: { runtimeId: rt.id, enabled: true },
    select: runtimeInclude.bindings.select,
  });
  const drift = toolDriftOf(ctx, { observedTools: observed ?? observedOf(rt), bindings });
  const changed = observed !== null && observationKey(observed) !== observationKey(observedOf(rt));
  return { drift, changed };
}

/**
 * What the runtime reports it loaded and, with `observed_tools`, which tools its MCP servers
 * expose. Stored on the runtime; omitting `observed_tools` keeps the last observation. An audit
 * event only when what it reports changes (a thousand runtimes heartbeating every second must not
 * flood the audit log).
 */
export async function heartbeat(
  ctx: WorkspaceCtx,
  runtimeId: string,
  input: { runtime_digest: string; status?: string; observed_tools?: ObservedToolInput[] },
) {
  return ctx.db.$transaction(async (tx) => {
    const rt = await runtimeIn(ctx, runtimeId, tx);
    const now = new Date();
    const observed = input.observed_tools ? normalizeObserved(input.observed_tools) : null;
    await tx.runtime.update({
      where: { id: rt.id },
      data: {
        reportedDigest: input.runtime_digest,
        reportedStatus: input.status ?? null,
        lastHeartbeatAt: now,
        ...(observed
          ? { observedTools: observed as unknown as Prisma.InputJsonValue, observedToolsAt: now }
          : {}),
        updatedAt: rt.updatedAt,
      },
    });
    const sync = syncOf({
      resolvedDigest: rt.resolvedDigest,
      reportedDigest: input.runtime_digest,
      lastHeartbeatAt: now,
    });
    const { drift, changed: toolsChanged } = await toolsAfterHeartbeat(tx, ctx, rt, observed);
    if (
      rt.reportedDigest !== input.runtime_digest ||
      (rt.reportedStatus ?? null) !== (input.status ?? null) ||
      toolsChanged
    ) {
      await audit(tx, ctx, rt.id, "runtime.heartbeat", {
        reported_digest: input.runtime_digest,
        status: input.status ?? null,
        sync,
        was: rt.reportedDigest,
        ...(toolsChanged
          ? {
              observed_tools: observed!.length,
              tool_drift: drift.status,
              tool_differences: drift.count,
            }
          : {}),
      });
    }
    return {
      sync,
      runtime_digest: rt.resolvedDigest,
      received_at: now.toISOString(),
      tool_drift: {
        ...drift,
        observed_at: (observed ? now : rt.observedToolsAt)?.toISOString() ?? null,
      },
    };
  });
}

/** The runtime's tool drift with every difference explained (GET .../tool-drift). */
export async function toolDriftReportOf(ctx: WorkspaceCtx, runtimeId: string) {
  const rt = await getRuntime(ctx, runtimeId);
  return { ...toolDriftOf(ctx, rt), observed_at: rt.observedToolsAt?.toISOString() ?? null };
}

// ---- bindings ---------------------------------------------------------------------------------

export async function listBindings(ctx: WorkspaceCtx, runtimeId: string): Promise<StoredBinding[]> {
  await runtimeIn(ctx, runtimeId);
  const bindings = await ctx.db.runtimeBinding.findMany({
    where: { runtimeId },
    include: bindingInclude,
  });
  return bindings.sort((a, b) => bindingName(ctx, a).localeCompare(bindingName(ctx, b)));
}

async function bindingIn(tx: Tx, runtimeId: string, bindingId: string): Promise<StoredBinding> {
  const b = await tx.runtimeBinding.findFirst({
    where: { id: bindingId, runtimeId },
    include: bindingInclude,
  });
  if (!b) throw new ApiError("not_found", `Binding '${bindingId}' not found on this runtime`);
  return b;
}

/**
 * What the runtime should load, and for each capability the tools its MCP servers are approved to
 * expose (servers that declare tools only), so that a runtime can refuse a changed tool itself.
 * The combined digest is as before: the tools come from the version's files, which its
 * runtime_digest already covers, so the ETag changes whenever they do.
 */
export async function resolvedOf(ctx: WorkspaceCtx, runtimeId: string) {
  await runtimeIn(ctx, runtimeId);
  const bindings = await ctx.db.runtimeBinding.findMany({
    where: { runtimeId },
    include: resolvedViewInclude,
  });
  const resolved = resolve(ctx, bindings);
  const toolsOf = new Map(
    bindings.map((b) => [
      bindingName(ctx, b),
      approvedToolsOf(b.version.components as unknown as Component[]),
    ]),
  );
  return {
    capabilities: resolved.capabilities.map((c) => {
      const { servers, tools } = toolsOf.get(c.name) ?? { servers: [], tools: [] };
      return {
        ...c,
        approved_tool_servers: [...servers].sort(byText),
        approved_tools: tools
          .map((t) => ({ server: t.server, name: t.name, fingerprint: t.fingerprint }))
          .sort((a, b) => byText(a.server, b.server) || byText(a.name, b.name)),
      };
    }),
    runtime_digest: resolved.runtime_digest,
  };
}

/**
 * The stored combined digest (the ETag of the resolved view), or 404: one indexed read, through
 * the driver (lib/db/direct.ts), since every long-poll of the view reads it and thousands are
 * re-issued after each change.
 */
export async function resolvedDigestOf(ctx: WorkspaceCtx, runtimeId: string): Promise<string> {
  const [row] = await ctx.db.direct.rows<{ resolvedDigest: string }>(
    `SELECT "resolvedDigest" FROM "Runtime" WHERE "id" = ? AND "workspaceId" = ?`,
    [runtimeId, ctx.workspace.id],
  );
  if (!row) throw runtimeNotFound(ctx, runtimeId);
  return row.resolvedDigest;
}

/** A version (the latest when omitted) among those `scope` allows (lib/catalog/access.ts), or 404. */
async function versionOf(
  tx: Tx,
  capabilityId: string,
  name: string,
  version: string | undefined,
  scope: "all" | string[],
) {
  const v = await tx.capabilityVersion.findFirst({
    where: { capabilityId, ...inScope(scope), ...(version ? { version } : {}) },
    orderBy: { versionKey: "desc" },
    select: { id: true, version: true, manifest: true },
  });
  if (!v)
    throw new ApiError(
      "not_found",
      version ? `Capability '${name}' has no version ${version}` : `Capability '${name}' not found`,
    );
  return v;
}

export async function addBinding(
  ctx: WorkspaceCtx,
  runtimeId: string,
  input: { name: string; version?: string },
): Promise<StoredBinding> {
  const cap = await resolveCapability(ctx, input.name);
  const id = await ctx.db
    .$transaction(async (tx) => {
      await lockRuntime(tx, ctx, runtimeId);
      const v = await versionOf(tx, cap.id, cap.name, input.version, cap.scope);
      if (
        await tx.runtimeBinding.findUnique({
          where: { runtimeId_capabilityId: { runtimeId, capabilityId: cap.id } },
          select: { id: true },
        })
      ) {
        throw new ApiError(
          "already_exists",
          `This runtime already binds '${cap.name}'; change its version instead`,
        );
      }
      const b = await tx.runtimeBinding.create({
        data: { runtimeId, capabilityId: cap.id, versionId: v.id, flags: {} },
      });
      const digest = await refreshDigest(tx, ctx, runtimeId);
      await audit(tx, ctx, runtimeId, "runtime.binding.create", {
        binding_id: b.id,
        capability: cap.name,
        version: v.version,
        runtime_digest: digest.after,
      });
      return b.id;
    })
    .catch((err: unknown) => {
      if ((err as { code?: string }).code === "P2002")
        throw new ApiError(
          "already_exists",
          `This runtime already binds '${cap.name}'; change its version instead`,
        );
      throw err;
    });
  return bindingIn(ctx.db, runtimeId, id);
}

export type BindingChange =
  { enabled: boolean } | { flags: Record<string, boolean | null> } | { version: string };

/**
 * One kind of change to a binding. The update names the revision it read: of two concurrent
 * changes both apply (one after the other) or the second gets 409, never a lost update.
 */
export async function updateBinding(
  ctx: WorkspaceCtx,
  runtimeId: string,
  bindingId: string,
  change: BindingChange,
): Promise<StoredBinding> {
  await ctx.db.$transaction(async (tx) => {
    await lockRuntime(tx, ctx, runtimeId);
    const b = await bindingIn(tx, runtimeId, bindingId);
    const name = bindingName(ctx, b);
    let data: Prisma.RuntimeBindingUpdateManyMutationInput & { versionId?: string };
    let summary: Record<string, unknown>;
    if ("enabled" in change) {
      data = { enabled: change.enabled };
      summary = { enabled: change.enabled, was: b.enabled };
    } else if ("flags" in change) {
      const declared = declaredFlags(b.version.manifest);
      const unknown = Object.keys(change.flags).filter((f) => !(f in declared));
      if (unknown.length) {
        const list = Object.keys(declared).sort();
        throw new ApiError(
          "validation",
          `${name} ${b.version.version} declares no flag ${unknown.map((f) => `'${f}'`).join(", ")}; its flags are ${list.length ? list.map((f) => `'${f}'`).join(", ") : "none"}`,
          {
            errors: unknown.map((f) => ({
              loc: ["body", "flags", f],
              msg: `undeclared flag; declared: ${list.join(", ") || "none"}`,
              type: "invalid_flag",
            })),
          },
        );
      }
      const next = { ...overrides(b) };
      for (const [f, v] of Object.entries(change.flags)) {
        if (v === null) delete next[f];
        else next[f] = v;
      }
      data = { flags: next };
      summary = { flags: change.flags, overrides: next, was: overrides(b) };
    } else {
      // A capability made private since this binding was made: it keeps its version, and moves nowhere.
      const v = await versionOf(
        tx,
        b.capabilityId,
        name,
        change.version,
        await versionScope(tx, ctx.org.id, b.capability, b),
      );
      // Overrides of flags the new version does not declare are dropped.
      const declared = declaredFlags(v.manifest);
      const kept = Object.fromEntries(Object.entries(overrides(b)).filter(([f]) => f in declared));
      const dropped = Object.keys(overrides(b)).filter((f) => !(f in declared));
      data = { versionId: v.id, flags: kept };
      summary = { version: v.version, was: b.version.version, dropped_overrides: dropped };
    }
    const updated = await tx.runtimeBinding.updateMany({
      where: { id: b.id, revision: b.revision },
      data: { ...data, revision: { increment: 1 } },
    });
    if (updated.count === 0)
      throw new ApiError(
        "conflict",
        `The binding of '${name}' was changed by someone else a moment ago; reload it and try again`,
      );
    const digest = await refreshDigest(tx, ctx, runtimeId);
    await audit(tx, ctx, runtimeId, "runtime.binding.update", {
      binding_id: b.id,
      capability: name,
      ...summary,
      runtime_digest: digest.after,
    });
  });
  return bindingIn(ctx.db, runtimeId, bindingId);
}

export async function removeBinding(
  ctx: WorkspaceCtx,
  runtimeId: string,
  bindingId: string,
): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    await lockRuntime(tx, ctx, runtimeId);
    const b = await bindingIn(tx, runtimeId, bindingId);
    await tx.runtimeBinding.delete({ where: { id: b.id } });
    const digest = await refreshDigest(tx, ctx, runtimeId);
    await audit(tx, ctx, runtimeId, "runtime.binding.delete", {
      binding_id: b.id,
      capability: bindingName(ctx, b),
      version: b.version.version,
      runtime_digest: digest.after,
    });
  });
}

/** What upgrading (or moving) a binding to another version would change for this runtime. */
export async function upgradePreview(
  ctx: WorkspaceCtx,
  runtimeId: string,
  bindingId: string,
  to?: string,
) {
  await runtimeIn(ctx, runtimeId);
  const b = await bindingIn(ctx.db, runtimeId, bindingId);
  const name = bindingName(ctx, b);
  const scope = await versionScope(ctx.db, ctx.org.id, b.capability, b);
  const target = await ctx.db.capabilityVersion.findFirst({
    where: { capabilityId: b.capabilityId, ...inScope(scope), ...(to ? { version: to } : {}) },
    orderBy: { versionKey: "desc" },
    include: { capability: true, files: { orderBy: { path: "asc" } } },
  });
  if (!target)
    throw new ApiError(
      "not_found",
      to ? `Capability '${name}' has no version ${to}` : `Capability '${name}' not found`,
    );
  const fromComponents = b.version.components as unknown as Component[];
  const toComponents = target.components as unknown as Component[];
  const key = (c: Component) => `${c.type}\u0000${c.name}`;
  const had = new Set(fromComponents.map(key));
  const has = new Set(toComponents.map(key));
  // Command lines and URLs as the catalog shows them: secrets redacted (lib/catalog/redact.ts).
  const before = surface({
    components: redactJson(fromComponents),
    manifest: redactManifest(b.version.manifest),
  });
  const after = surface({
    components: redactJson(toComponents),
    manifest: redactManifest(target.manifest),
  });
  const oldFlags = declaredFlags(b.version.manifest);
  const newFlags = declaredFlags(target.manifest);
  const dropped = Object.entries(overrides(b))
    .filter(([f]) => !(f in newFlags))
    .map(([flag, value]) => ({ flag, value }));

  // The runtime's digest with this binding moved, overrides of removed flags dropped.
  const all = await ctx.db.runtimeBinding.findMany({
    where: { runtimeId },
    include: bindingInclude,
  });
  const moved = all.map((x) =>
    x.id !== b.id
      ? x
      : {
          ...x,
          flags: Object.fromEntries(Object.entries(overrides(x)).filter(([f]) => f in newFlags)),
          version: {
            ...x.version,
            version: target.version,
            manifest: target.manifest,
            runtimeDigest: target.runtimeDigest,
            artifactSha256: target.artifactSha256,
          },
        },
  );
  const [fromTrust, toTrust] = await Promise.all([
    ctx.db.capabilityVersion
      .findUniqueOrThrow({
        where: { id: b.versionId },
        include: { capability: true, files: { orderBy: { path: "asc" } } },
      })
      .then((v) => trustOf(ctx, v)),
    trustOf(ctx, target),
  ]);
  const [fromCard, toCard] = [fromTrust.card, toTrust.card];
  return {
    binding_id: b.id,
    capability_name: name,
    from: b.version.version,
    to: target.version,
    components: {
      added: toComponents
        .filter((c) => !had.has(key(c)))
        .map((c) => ({ type: c.type, name: c.name })),
      removed: fromComponents
        .filter((c) => !has.has(key(c)))
        .map((c) => ({ type: c.type, name: c.name })),
    },
    new_mcp_servers: [...after.servers].filter((s) => !before.servers.has(s)),
    new_hosts: [...after.hosts].filter((h) => !before.hosts.has(h)),
    new_commands: [...after.commands].filter((c) => !before.commands.has(c)),
    flags: {
      added: Object.entries(newFlags)
        .filter(([f]) => !(f in oldFlags))
        .map(([f, spec]) => ({
          name: f,
          default: spec.default === true,
          description: spec.description ?? "",
        })),
      removed: Object.keys(oldFlags).filter((f) => !(f in newFlags)),
    },
    dropped_overrides: dropped,
    // Compared as stored, shown redacted like the catalog's diff.
    tools: redactJson(
      compareTools(approvedToolsOf(fromComponents).tools, approvedToolsOf(toComponents).tools),
    ),
    runtime_digest_after: resolve(ctx, moved).runtime_digest,
    trust: { from_status: fromCard.status, to_status: toCard.status, risks: toCard.summary.risks },
    unpinned_fetches: unpinnedAfterUpgrade(
      fromTrust.analysis.unpinned_fetches,
      toTrust.analysis.unpinned_fetches,
    ),
  };
}
