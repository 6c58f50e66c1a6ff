// Runtimes and bindings in their API shapes (bindings: seeds/001).
import type { z } from "zod";
import type { WorkspaceCtx } from "@/lib/api/context";
import type { runtime, runtimeCapabilityBinding, toolDriftSummary } from "./schemas";
import {
  bindingName,
  latestFor,
  syncOf,
  toolDriftOf,
  upgradesAvailable,
  type RuntimeWithBindings,
  type StoredBinding,
} from "./service";

export function toRuntime(rt: RuntimeWithBindings): z.input<typeof runtime> {
  return {
    id: rt.id,
    name: rt.name,
    description: rt.description,
    binding_count: rt.bindings.length,
    enabled_count: rt.bindings.filter((b) => b.enabled).length,
    upgrades_available: upgradesAvailable(rt),
    runtime_digest: rt.resolvedDigest,
    sync: {
      status: syncOf(rt),
      reported_digest: rt.reportedDigest,
      reported_status: rt.reportedStatus,
      last_heartbeat_at: rt.lastHeartbeatAt?.toISOString() ?? null,
    },
    tool_drift: toolDriftSummaryOf(rt),
    created_at: rt.createdAt.toISOString(),
    updated_at: rt.updatedAt.toISOString(),
  };
}

function toolDriftSummaryOf(rt: RuntimeWithBindings): z.input<typeof toolDriftSummary> {
  const drift = toolDriftOf({ org: { id: rt.workspace.orgId } }, rt);
  return {
    status: drift.status,
    count: drift.count,
    observed_at: rt.observedToolsAt?.toISOString() ?? null,
    servers: drift.checked_servers.length,
  };
}

export function toBinding(
  ctx: Pick<WorkspaceCtx, "org">,
  b: StoredBinding,
): z.input<typeof runtimeCapabilityBinding> {
  return {
    id: b.id,
    artifact_id: b.version.id,
    capability_name: bindingName(ctx, b),
    version: b.version.version,
    enabled: b.enabled,
    flags: (b.flags ?? {}) as Record<string, boolean>,
    component_counts: b.version.componentCounts as Record<string, number>,
    description: b.version.description,
    latest_version: latestFor(ctx.org.id, b),
    source: b.capability.orgId === ctx.org.id ? "org" : "public",
  };
}
