// What an audit event changed, by name and with its page: resolved for a whole page of events at
// once, one query per target type on the page (never one per row), scoped to the org. A target
// that no longer exists keeps the name its event recorded (`name`, `email`, `slug`), if any.
import "server-only";
import type { OrgCtx } from "@/lib/api/context";
import type { Db } from "@/lib/db/client";
import { targetTypeWord } from "./actions";

interface Found {
  name: string;
  url: string | null;
}

interface EventRow {
  id: string;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: unknown;
}

export interface TargetView {
  type: string;
  id: string | null;
  name: string | null;
  label: string;
  url: string | null;
  deleted: boolean;
}

type Lookup = (db: Db, org: OrgCtx["org"], ids: string[]) => Promise<[string, Found][]>;

const enc = encodeURIComponent;
const wsScope = (orgId: string) => ({ workspace: { orgId } });
const wsSelect = { id: true, name: true, workspace: { select: { slug: true } } } as const;

/** A workspace-scoped target's rows as [id, {name, url}], its page under `/{org}/{ws}/…`. */
const inWorkspace =
  (page: (id: string) => string) =>
  (org: OrgCtx["org"], rows: { id: string; name: string; workspace: { slug: string } }[]) =>
    rows.map((r): [string, Found] => [
      r.id,
      { name: r.name, url: `/${enc(org.slug)}/${enc(r.workspace.slug)}/${page(r.id)}` },
    ]);

const settings = (org: OrgCtx["org"], tab: string) => `/${enc(org.slug)}/settings/${tab}`;

const lookups: Record<string, Lookup> = {
  organization: async (_db, org, ids) =>
    ids.includes(org.id) ? [[org.id, { name: org.name, url: settings(org, "workspaces") }]] : [],
  workspace: async (db, org, ids) =>
    (
      await db.workspace.findMany({
        where: { orgId: org.id, id: { in: ids } },
        select: { id: true, name: true },
      })
    ).map((w) => [w.id, { name: w.name, url: settings(org, "workspaces") }]),
  user: async (db, org, ids) =>
    (
      await db.membership.findMany({
        where: { orgId: org.id, userId: { in: ids } },
        select: { userId: true, user: { select: { email: true } } },
      })
    ).map((m) => [m.userId, { name: m.user.email, url: settings(org, "members") }]),
  invitation: async (db, org, ids) =>
    (
      await db.invitation.findMany({
        where: { orgId: org.id, id: { in: ids } },
        select: { id: true, email: true },
      })
    ).map((i) => [i.id, { name: i.email, url: settings(org, "members") }]),
  api_token: async (db, org, ids) =>
    (
      await db.apiToken.findMany({
        where: { orgId: org.id, id: { in: ids } },
        select: { id: true, name: true },
      })
    ).map((t) => [t.id, { name: t.name, url: settings(org, "tokens") }]),
  capability: async (db, org, ids) =>
    (
      await db.capability.findMany({
        where: { orgId: org.id, id: { in: ids } },
        select: { id: true, name: true },
      })
    ).map((c) => [c.id, { name: c.name, url: `/${enc(org.slug)}/catalog/${enc(c.name)}` }]),
  capability_version: async (db, org, ids) =>
    (
      await db.capabilityVersion.findMany({
        where: { id: { in: ids }, capability: { orgId: org.id } },
        select: { id: true, version: true, capability: { select: { name: true } } },
      })
    ).map((v) => [
      v.id,
      {
        name: `${v.capability.name} ${v.version}`,
        url: `/${enc(org.slug)}/catalog/${enc(v.capability.name)}?version=${enc(v.version)}`,
      },
    ]),
  runtime: async (db, org, ids) =>
    inWorkspace((id) => `runtimes/${id}`)(
      org,
      await db.runtime.findMany({
        where: { id: { in: ids }, ...wsScope(org.id) },
        select: wsSelect,
      }),
    ),
  prompt: async (db, org, ids) =>
    inWorkspace((id) => `prompts/${id}`)(
      org,
      await db.prompt.findMany({
        where: { id: { in: ids }, ...wsScope(org.id) },
        select: wsSelect,
      }),
    ),
  persona: async (db, org, ids) =>
    inWorkspace(() => "personas")(
      org,
      await db.persona.findMany({
        where: { id: { in: ids }, ...wsScope(org.id) },
        select: wsSelect,
      }),
    ),
  agent: async (db, org, ids) =>
    inWorkspace((id) => `agents/${id}`)(
      org,
      await db.agent.findMany({ where: { id: { in: ids }, ...wsScope(org.id) }, select: wsSelect }),
    ),
  optimization_job: async (db, org, ids) => {
    const jobs = await db.optimizationJob.findMany({
      where: { id: { in: ids }, ...wsScope(org.id) },
      select: {
        id: true,
        name: true,
        agentName: true,
        capabilityName: true,
        prompt: { select: { name: true } },
        workspace: { select: { slug: true } },
      },
    });
    const named = jobs.map((j) => ({
      id: j.id,
      name: j.name || (j.prompt?.name ?? j.agentName ?? j.capabilityName ?? j.id.slice(0, 8)),
      workspace: j.workspace,
    }));
    return inWorkspace((id) => `optimization/${id}`)(org, named);
  },
  model_provider: async (db, org, ids) =>
    (
      await db.modelProvider.findMany({
        where: { id: { in: ids }, ...wsScope(org.id) },
        select: { id: true, workspace: { select: { slug: true, name: true } } },
      })
    ).map((m) => [
      m.id,
      {
        name: `of ${m.workspace.name}`,
        url: `${settings(org, "model-provider")}?ws=${enc(m.workspace.slug)}`,
      },
    ]),
};

const text = (v: unknown) => (typeof v === "string" && v ? v : null);

/** The name an event recorded for its target, for one that is gone. */
function recordedName(row: EventRow): string | null {
  const s = (row.summary ?? {}) as Record<string, unknown>;
  if (row.targetType === "capability_version" && text(s.name) && text(s.version))
    return `${String(s.name)} ${String(s.version)}`;
  if (row.targetType === "optimization_job")
    return text(s.name) ?? text(s.agent) ?? text(s.capability) ?? text(s.prompt);
  if (row.targetType === "model_provider" && text(s.workspace)) return `of ${String(s.workspace)}`;
  return text(s.name) ?? text(s.email) ?? text(s.slug);
}

/** What the event adds to its target's name: the prompt version it created. */
function detail(row: EventRow): string {
  const s = (row.summary ?? {}) as Record<string, unknown>;
  if (row.targetType === "prompt" && typeof s.number === "number") return ` v${s.number}`;
  return "";
}

function view(row: EventRow, found: Found | undefined): TargetView {
  const name = found?.name ?? recordedName(row);
  const word = targetTypeWord(row.targetType);
  const label = name
    ? `${word} ${name}${detail(row)}`
    : `${word}${row.targetId ? ` ${row.targetId.slice(0, 8)}` : ""}`;
  return {
    type: row.targetType,
    id: row.targetId,
    name,
    label,
    url: found?.url ?? null,
    deleted: Boolean(row.targetId) && row.targetType in lookups && !found,
  };
}

/** The targets of a page of events, by event id. */
export async function resolveTargets(
  ctx: OrgCtx,
  rows: EventRow[],
): Promise<Map<string, TargetView>> {
  const byType = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!r.targetId || !(r.targetType in lookups)) continue;
    const ids = byType.get(r.targetType) ?? new Set<string>();
    ids.add(r.targetId);
    byType.set(r.targetType, ids);
  }
  const found = new Map<string, Map<string, Found>>();
  await Promise.all(
    [...byType].map(async ([type, ids]) => {
      found.set(type, new Map(await lookups[type]!(ctx.db, ctx.org, [...ids])));
    }),
  );
  return new Map(
    rows.map((r) => [
      r.id,
      view(r, r.targetId ? found.get(r.targetType)?.get(r.targetId) : undefined),
    ]),
  );
}
