// The agents run of `npm run bench`: deploying a draft (p95 ≤ 100 ms) and an agent's release
// history with 1,000 releases (p95 ≤ 20 ms), over HTTP with a workspace token, set up through the
// API as a user would.
//
// - deploy: an agent whose draft is changed before each deploy (PUT …/draft with a new system
//   prompt, not timed), then POST …/draft/deploy, timed alone; warm-up deploys first.
// - release list: an agent given 1,000 releases through the seeds/003 deployDraft (one request
//   per release: the body's configuration written to the draft, then deployed), then the first
//   page and a middle page (offset 500) of GET …/agents/{id}/releases?limit=20 and the seeds/003
//   GET /api/v1/ai/releases/list?agentUuid=…&limit=20, each in a closed loop (load.ts) on one
//   keep-alive connection; and deploys of that agent, whose history is now long. On PostgreSQL the
//   table's statistics are refreshed after the fill, as autovacuum would.
import http from "node:http";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { closedLoop, request, summarize, type LoadResult } from "./load";

export interface AgentsSuiteOptions {
  base: string;
  /** The server's database: on PostgreSQL, its statistics are refreshed after the fill (see below). */
  databaseUrl: string;
  /** read,write, with a default workspace (the seeds/003 surface takes its workspace from it). */
  token: string;
  org: string;
  workspace: string;
  /** A capability of the org's catalog the drafts reference. */
  capability: string;
  seconds: number;
  warmupSeconds: number;
  deploys: number;
  releases: number;
  log: (line: string) => void;
}

export interface AgentsRow {
  route: string;
  result: LoadResult;
  target: number;
  load: number;
  note?: string;
}

async function api(
  agent: http.Agent,
  o: AgentsSuiteOptions,
  method: string,
  path: string,
  body?: unknown,
) {
  const res = await request(agent, new URL(path, o.base), {
    method,
    headers: { authorization: `Bearer ${o.token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : Buffer.from(JSON.stringify(body)),
  });
  if (res.status >= 300)
    throw new Error(`${method} ${path}: ${res.status} ${res.body.toString("utf8").slice(0, 300)}`);
  return JSON.parse(res.body.toString("utf8") || "null") as Record<string, unknown>;
}

/** A complete configuration in the seed's shape (camelCase), every field set; secrets are placeholders. */
function config(capability: string, systemPrompt: string) {
  return {
    actions: [
      {
        name: "Create lead",
        slug: "create-lead",
        description: "Creates a lead in the CRM",
        isBulkAllowed: true,
        config: { pipelineId: "p-1" },
        kind: "tool",
        toolUuid: "tool-42",
        waitUntilFinished: true,
      },
    ],
    mcpClients: [
      {
        kind: "http",
        name: "crm",
        url: "https://mcp.bench.example/crm",
        authentication: {
          issuedAt: "2026-01-01T00:00:00Z",
          accessToken: "bench-token-not-real-0123456789",
          expiresIn: 3600,
          refreshToken: "bench-refresh-not-real-9876",
          scope: "crm.read crm.write",
          tokenType: "Bearer",
          clientId: "bench",
        },
        disabledToolSlugs: ["delete-account"],
      },
    ],
    resources: [
      {
        kind: "model",
        name: "Accounts",
        slug: "accounts",
        description: "CRM accounts",
        integrationSlug: "hubspot",
        modelUuid: "model-1",
        filter: {
          groups: [{ conditions: [{ columnSlug: "country", operator: "eq", value: "FR" }] }],
        },
        selectedColumnSlugs: ["name", "country"],
        limit: 100,
        isReadOnly: true,
      },
    ],
    capabilities: [{ slug: capability, config: { depth: 2 } }],
    suggestedActions: [{ text: "Find my top accounts", actions: [{ slug: "create-lead" }] }],
    integrationSlug: "hubspot",
    languageModelSlug: "gpt-4.1",
    systemPrompt,
    withReasoning: true,
    temperature: 0.3,
    maxSteps: 12,
    connectorUuid: "3c90c3cc-0d44-4b50-8888-8dd25736052a",
    output: { type: "text" },
    heartbeat: { intervalMinutes: 60, maxMessages: 5, prompt: "Anything new?" },
    evaluator: { rubric: "Answers cite the CRM record.", threshold: 0.5 },
  };
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
/** The canonical API's names (free-form `config` and `filter` values keep theirs). */
function toSnake(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toSnake);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        snake(k),
        k === "config" || k === "filter" ? v : toSnake(v),
      ]),
    );
  return value;
}

const PROMPT =
  "You are the sales assistant of Acme. Answer from the CRM, cite the record, and keep it short.";

/** Deploys `count` times after `warmup` untimed ones, changing the draft (untimed) before each. */
async function timedDeploys(
  agent: http.Agent,
  o: AgentsSuiteOptions,
  agentPath: string,
  label: string,
  warmup: number,
  count: number,
): Promise<LoadResult> {
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < warmup + count; i++) {
    const draft = await api(agent, o, "GET", `${agentPath}/draft`);
    await api(agent, o, "PUT", `${agentPath}/draft`, {
      ...(toSnake(config(o.capability, `${PROMPT}\n(${label} ${i})`)) as object),
      revision: draft.revision,
    });
    const t0 = performance.now();
    const release = await api(agent, o, "POST", `${agentPath}/draft/deploy`, {});
    const dt = performance.now() - t0;
    if (release.status !== "deployed")
      throw new Error(`deploy: got status ${String(release.status)}`);
    if (i >= warmup) times.push(dt);
  }
  return summarize(times, (performance.now() - start) / 1000);
}

export async function runAgentsSuite(o: AgentsSuiteOptions): Promise<AgentsRow[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const ws = `/api/v1/org/${o.org}/ws/${o.workspace}/agents`;
  const stamp = Date.now().toString(36);
  const rows: AgentsRow[] = [];

  // 1. Deploys of a draft changed before each.
  o.log(`agents: ${o.deploys} deploys (after 5 warm-up deploys)`);
  const a = await api(agent, o, "POST", ws, {
    name: `bench-deploy-${stamp}`,
    description: "Deploy benchmark",
  });
  const deploys = await timedDeploys(agent, o, `${ws}/${String(a.id)}`, "deploy", 5, o.deploys);
  rows.push({
    route: `POST …/draft/deploy (draft changed before each; ${o.deploys} deploys, 1 at a time)`,
    result: deploys,
    target: 100,
    load: loadavg()[0]!,
  });

  // 2. An agent with 1,000 releases, through the seeds/003 deployDraft.
  const busy = await api(agent, o, "POST", ws, {
    name: `bench-history-${stamp}`,
    description: "Release list benchmark",
  });
  const id = String(busy.id);
  await api(agent, o, "GET", `/api/v1/ai/releases/getDraft?agentUuid=${id}`);
  o.log(`agents: deploying ${o.releases} releases through POST /api/v1/ai/releases/deployDraft`);
  const fillStart = performance.now();
  for (let i = 0; i < o.releases; i++) {
    const version = `1.${Math.floor(i / 100)}.${i % 100}`;
    await api(agent, o, "POST", "/api/v1/ai/releases/deployDraft", {
      agentUuid: id,
      ...config(o.capability, `${PROMPT}\n(release ${i})`),
      version,
      description: `Release ${version}`,
    });
  }
  const fillSeconds = (performance.now() - fillStart) / 1000;
  o.log(
    `agents: ${o.releases} releases deployed in ${fillSeconds.toFixed(1)} s (${((fillSeconds * 1000) / o.releases).toFixed(1)} ms each)`,
  );
  if (o.databaseUrl.startsWith("postgres")) {
    // What autovacuum does shortly after a table grows like this (1,000 rows where there were
    // dozens); the bench's PostgreSQL may run without it (the catalog data gets VACUUM ANALYZE).
    // Without statistics the planner takes the agent's 1,000 rows for 25 (docs/benchmarks.md).
    const client = new pg.Client({ connectionString: o.databaseUrl });
    await client.connect();
    const autovacuum = (await client.query<{ autovacuum: string }>("SHOW autovacuum")).rows[0]!
      .autovacuum;
    await client.query('ANALYZE "Release"');
    await client.end();
    o.log(`agents: ANALYZE "Release" (autovacuum is ${autovacuum} on this server)`);
  }
  const last = `1.${Math.floor((o.releases - 1) / 100)}.${(o.releases - 1) % 100}`;
  const mid = Math.floor(o.releases / 2);
  const midVersion = `1.${Math.floor((o.releases - 1 - mid) / 100)}.${(o.releases - 1 - mid) % 100}`;

  // What the pages say, before timing them.
  const first = await api(agent, o, "GET", `${ws}/${id}/releases?limit=20`);
  const firstReleases = first.releases as { version: string; status: string }[];
  if (
    first.total !== o.releases ||
    firstReleases.length !== 20 ||
    firstReleases[0]!.version !== last ||
    firstReleases[0]!.status !== "deployed"
  ) {
    throw new Error(
      `release list: expected ${o.releases} releases, ${last} deployed first; got total ${String(first.total)}, first ${JSON.stringify(firstReleases[0])}`,
    );
  }
  const middle = await api(agent, o, "GET", `${ws}/${id}/releases?limit=20&offset=${mid}`);
  if ((middle.releases as { version: string }[])[0]!.version !== midVersion)
    throw new Error(
      `release list: offset ${mid} starts at ${JSON.stringify((middle.releases as unknown[])[0])}, not ${midVersion}`,
    );
  const compat = await api(
    agent,
    o,
    "GET",
    `/api/v1/ai/releases/list?agentUuid=${id}&limit=20&offset=${mid}`,
  );
  if (
    (compat.releases as { version: string }[])[0]!.version !== midVersion ||
    compat.total !== o.releases
  )
    throw new Error("compat release list: wrong page");
  agent.destroy();

  const loop = (path: string) =>
    closedLoop({
      base: o.base,
      path: () => path,
      headers: { authorization: `Bearer ${o.token}` },
      connections: 1,
      seconds: o.seconds,
      warmupSeconds: o.warmupSeconds,
    });
  const lists: [string, string][] = [
    [
      `GET …/agents/{id}/releases?limit=20 (1,000 releases; first page)`,
      `${ws}/${id}/releases?limit=20`,
    ],
    [
      `GET …/agents/{id}/releases?limit=20&offset=${mid} (middle page)`,
      `${ws}/${id}/releases?limit=20&offset=${mid}`,
    ],
    [
      `GET /api/v1/ai/releases/list?agentUuid=…&limit=20 (seeds/003, first page)`,
      `/api/v1/ai/releases/list?agentUuid=${id}&limit=20`,
    ],
    [
      `GET /api/v1/ai/releases/list?…&limit=20&offset=${mid} (seeds/003, middle page)`,
      `/api/v1/ai/releases/list?agentUuid=${id}&limit=20&offset=${mid}`,
    ],
  ];
  for (const [route, path] of lists) {
    o.log(`agents: ${route}`);
    rows.push({ route, result: await loop(path), target: 20, load: loadavg()[0]! });
  }

  // 3. Deploys of the agent with the long history.
  const again = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const longDeploys = await timedDeploys(again, o, `${ws}/${id}`, "long history", 3, 20);
  again.destroy();
  rows.push({
    route: `POST …/draft/deploy on the agent with ${o.releases} releases (20 deploys)`,
    result: longDeploys,
    target: 100,
    load: loadavg()[0]!,
    note: `its ${o.releases} releases were deployed through seeds/003 deployDraft in ${fillSeconds.toFixed(1)} s`,
  });
  return rows;
}

export function agentsTable(rows: AgentsRow[]): string {
  const ms = (n: number) => n.toFixed(1);
  const lines = [
    [
      "measure",
      "samples",
      "errors",
      "p50 ms",
      "p95 ms",
      "p99 ms",
      "max ms",
      "req/s",
      "load",
      "target p95",
      "result",
    ],
  ];
  for (const r of rows) {
    const x = r.result;
    const pass = x.p95 <= r.target && x.errors === 0;
    lines.push([
      r.route,
      String(x.requests),
      String(x.errors),
      ms(x.p50),
      ms(x.p95),
      ms(x.p99),
      ms(x.max),
      x.rps.toFixed(1),
      r.load.toFixed(2),
      `≤ ${r.target} ms`,
      pass ? "PASS" : `MISS (${(x.p95 / r.target).toFixed(2)}×)`,
    ]);
  }
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  const notes = rows
    .filter((r) => r.note || r.result.firstError)
    .map(
      (r) =>
        `  ${r.route}: ${[r.note, r.result.firstError && `first error: ${r.result.firstError}`].filter(Boolean).join("; ")}`,
    );
  return [
    ...lines.map((l) =>
      l.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  "),
    ),
    ...notes,
  ].join("\n");
}
