// Fills a Quiver database with the audit bench's org: by default 100,000 audit events over a year
// in the org `bench-audit`, owned by an existing user, written with bulk inserts straight through
// the drivers (the sinks of catalog-data.ts). The events are shaped as the writers record them:
// the actions of lib/audit/actions.ts, people, their tokens and the built-in executor as actors,
// summaries with names, and the `search` column as lib/audit/service.ts writes it. Workspaces are
// real rows (their events resolve to names); the other targets' rows do not exist, so the log
// shows them by their recorded names, as it does for deleted targets.
import { randomUUID } from "node:crypto";
import { auditActions, type AuditAction } from "@/lib/audit/actions";
import { postgresSink, sqliteSink, type Sink } from "./catalog-data";
import { Random } from "./catalog-model";

export interface AuditDataOptions {
  databaseUrl: string;
  ownerEmail: string;
  org?: string;
  events?: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface AuditData {
  org: string;
  events: number;
  /** Events per action, for the suite's checks. */
  perAction: Map<string, number>;
  seconds: number;
}

/** The target type an action's events name. */
function targetTypeOf(action: AuditAction): string {
  const domain = action.split(".")[0]!;
  if (action === "capability.push" || action === "capability.delete_version")
    return "capability_version";
  if (domain === "member") return "user";
  if (domain === "token") return "api_token";
  if (domain === "org") return "organization";
  if (domain === "optimization") return "optimization_job";
  return domain;
}

async function createOrg(sink: Sink, slug: string, ownerId: string, now: Date) {
  const taken = await sink.query(`SELECT "id" FROM "Organization" WHERE "slug" = ?`, [slug]);
  if (taken.length)
    throw new Error(`The org '${slug}' exists: run the audit bench on a fresh database`);
  const id = randomUUID();
  await sink.insert(
    "Organization",
    ["id", "slug", "name", "createdAt", "updatedAt"],
    [[id, slug, "Audit bench", now, now]],
  );
  await sink.insert(
    "Membership",
    ["id", "userId", "orgId", "role", "createdAt"],
    [[randomUUID(), ownerId, id, "owner", now]],
  );
  const workspaces = Array.from({ length: 20 }, (_, i) => ({
    id: randomUUID(),
    slug: `ws-${i}`,
    name: `Workspace ${i}`,
  }));
  await sink.insert(
    "Workspace",
    ["id", "orgId", "slug", "name", "createdAt", "updatedAt"],
    workspaces.map((w) => [w.id, id, w.slug, w.name, now, now]),
  );
  return { id, workspaces };
}

const COLUMNS = [
  "id",
  "orgId",
  "workspaceId",
  "actorType",
  "actorId",
  "actorLabel",
  "action",
  "targetType",
  "targetId",
  "requestId",
  "summary",
  "search",
  "createdAt",
];

const names = Array.from({ length: 500 }, (_, i) => `bench-target-${i}`);
const targetIds = names.map(() => randomUUID());
const YEAR_MS = 365 * 86_400_000;

type Org = Awaited<ReturnType<typeof createOrg>>;
type Person = { id: string; token: string; email: string };

/** The i-th event: an action, a person, their token or the executor, a target, a time in the year. */
function eventRow(rnd: Random, i: number, org: Org, people: Person[], now: Date): unknown[] {
  const action = rnd.pick(auditActions);
  const type = targetTypeOf(action);
  const ws = rnd.pick(org.workspaces);
  const t = rnd.int(0, names.length - 1);
  const who = rnd.int(0, 11);
  const person = people[who % people.length]!;
  const [actorType, actorId, actorLabel] =
    who >= 10
      ? (["system", null, "system"] as const)
      : who >= 7
        ? (["token", person.token, `${person.email} (token "ci")`] as const)
        : (["user", person.id, person.email] as const);
  const summary =
    type === "workspace"
      ? { slug: ws.slug, name: ws.name }
      : { name: names[t], version: `1.${rnd.int(0, 19)}.0`, n: i };
  return [
    randomUUID(),
    org.id,
    ws.id,
    actorType,
    actorId,
    actorLabel,
    action,
    type,
    type === "workspace" ? ws.id : type === "organization" ? org.id : targetIds[t],
    null,
    { json: summary },
    `${actorLabel} ${action} ${JSON.stringify(summary)}`.toLowerCase(),
    new Date(now.getTime() - rnd.int(0, YEAR_MS - 1)),
  ];
}

export async function generateAuditEvents(o: AuditDataOptions): Promise<AuditData> {
  const started = Date.now();
  const slug = o.org ?? "bench-audit";
  const count = o.events ?? 100_000;
  const rnd = new Random(o.seed ?? 7);
  const now = new Date();
  const sink = o.databaseUrl.startsWith("file:")
    ? sqliteSink(o.databaseUrl)
    : await postgresSink(o.databaseUrl);
  const perAction = new Map<string, number>();
  try {
    const [owner] = await sink.query<{ id: string }>(`SELECT "id" FROM "User" WHERE "email" = ?`, [
      o.ownerEmail,
    ]);
    if (!owner) throw new Error(`No user ${o.ownerEmail}: start the server once (demo seed)`);
    const org = await createOrg(sink, slug, owner.id, now);
    // Ten people (ids only: their events are filtered by actor id) and a token each.
    const people = Array.from({ length: 10 }, (_, i) => ({
      id: i === 0 ? owner.id : randomUUID(),
      token: randomUUID(),
      email: i === 0 ? o.ownerEmail : `person-${i}@bench.quiver`,
    }));
    const rows = Array.from({ length: count }, (_, i) => {
      const row = eventRow(rnd, i, org, people, now);
      perAction.set(String(row[6]), (perAction.get(String(row[6])) ?? 0) + 1);
      return row;
    });
    await sink.transaction(async () => {
      for (let i = 0; i < rows.length; i += 5000)
        await sink.insert("AuditEvent", COLUMNS, rows.slice(i, i + 5000) as never);
    });
    await sink.finish();
    o.log?.(`audit: ${count} events in ${slug}`);
  } finally {
    await sink.close();
  }
  return { org: slug, events: count, perAction, seconds: (Date.now() - started) / 1000 };
}
