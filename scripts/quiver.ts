// The Quiver CLI: `npm run quiver -- <command>`. Results go to stdout (a created token alone, so
// scripts can capture it with `npm run --silent`); messages go to stderr.
import { parseArgs } from "node:util";
import { closeDb, db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { collectBlobs } from "@/lib/db/blob-gc";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/api/errors";
import type { OrgCtx } from "@/lib/api/context";
import { roles, scopes as allScopes, type RoleName, type Scope } from "@/lib/auth/roles";
import { createToken } from "@/lib/tokens/service";
import { createUser } from "@/lib/users/service";
import { addMemberAudited, listMembers } from "@/lib/members/service";
import { toMember } from "@/lib/members/serializers";
import { pushFolder } from "@/lib/catalog/push-client";
import { watchResolved, WatchEnded } from "@/lib/runtimes/watch-client";
import { seedDemo } from "@/prisma/seed/demo";

const usage = `Usage: npm run quiver -- <command>

  db migrate                 apply pending migrations to DATABASE_URL
  db seed --demo             add the demo users, orgs and data (idempotent)
  db gc [--dry-run]          remove blobs no version refers to (older than
                             QUIVER_BLOB_GC_GRACE_MINUTES, default 60); --dry-run only counts them
  user create --email E --password P [--name N]
                             create a user with a personal org and a "main" workspace
  member add --org O --email E --role R
                             add an existing user to an org as viewer, member, admin or owner
                             (a member already: their role changes)
  member list --org O [--json]
                             list an org's members (a table, or the API's JSON with --json)
  token create --email E --org O [--workspace W] [--name N] [--scopes read,write,admin] [--expires-in-days D]
                             create an API token for a member of an org; prints the token alone
  push <dir> --org O         pack a capability folder and push it to QUIVER_URL with QUIVER_TOKEN
  runtime watch <runtime-id> --org O [--ws W]
                             print each new resolved view of a runtime (one JSON line each) as it
                             changes, from QUIVER_URL with QUIVER_TOKEN; reconnects by itself
                             (workspace: main unless --ws)

Environment: DATABASE_URL (default file:./data/quiver.db); for push and runtime watch, QUIVER_URL
(default http://localhost:3000) and QUIVER_TOKEN (push: the write scope; watch: read).`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

type Opts = Record<string, string | boolean | undefined>;

function need(opts: Opts, name: string): string {
  const v = opts[name];
  if (typeof v !== "string" || v === "") fail(`Missing --${name}\n\n${usage}`, 2);
  return v;
}

async function tokenCreate(opts: Opts) {
  const email = need(opts, "email").toLowerCase();
  const orgSlug = need(opts, "org");
  const scopes = String(opts.scopes ?? "read,write")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = scopes.find((s) => !allScopes.includes(s as Scope));
  if (bad) fail(`Unknown scope '${bad}': use read, write, admin`, 2);
  const user = await db().user.findUnique({ where: { email } });
  if (!user) fail(`No user with email ${email}`);
  const org = await db().organization.findUnique({
    where: { slug: orgSlug },
    include: { memberships: { where: { userId: user.id } } },
  });
  const membership = org?.memberships[0];
  if (!org || !membership) fail(`${email} is not a member of an organization '${orgSlug}'`);
  const ctx: OrgCtx = {
    db: db(),
    requestId: "cli",
    actor: { type: "user", userId: user.id, email: user.email, name: user.name, scopes: allScopes },
    org: { id: org.id, slug: org.slug, name: org.name },
    role: membership.role,
  };
  const days = opts["expires-in-days"] ? Number(opts["expires-in-days"]) : undefined;
  if (days !== undefined && !(days > 0)) fail("--expires-in-days must be a positive number", 2);
  const { secret } = await createToken(ctx, {
    name:
      typeof opts.name === "string"
        ? opts.name
        : `CLI token ${new Date().toISOString().slice(0, 10)}`,
    scopes: scopes as Scope[],
    workspace: typeof opts.workspace === "string" ? opts.workspace : undefined,
    expires_at: days ? new Date(Date.now() + days * 86_400_000).toISOString() : undefined,
  });
  console.log(secret);
}

async function findOrg(slug: string) {
  const org = await db().organization.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true },
  });
  if (!org) fail(`No organization '${slug}'`);
  return org;
}

const article = (role: string) => (/^[aeiou]/.test(role) ? "an" : "a");

async function memberAdd(opts: Opts) {
  const orgSlug = need(opts, "org");
  const email = need(opts, "email").trim().toLowerCase();
  const role = need(opts, "role");
  if (!roles.includes(role as RoleName)) fail(`Unknown role '${role}': use ${roles.join(", ")}`, 2);
  const org = await findOrg(orgSlug);
  const user = await db().user.findUnique({ where: { email }, select: { id: true, email: true } });
  if (!user)
    fail(
      `No user with email ${email}. Create the account first: npm run quiver -- user create --email ${email} --password P`,
    );
  const { change, from } = await addMemberAudited(
    db(),
    { actor: null, requestId: "cli" },
    org,
    user,
    role as RoleName,
  );
  const said = {
    added: `Added ${email} to '${org.slug}' as ${role}.`,
    updated: `Changed ${email}'s role in '${org.slug}' from ${from} to ${role}.`,
    unchanged: `${email} is already ${article(role)} ${role} in '${org.slug}'.`,
  };
  console.error(said[change]);
  console.log(user.id);
}

async function memberList(opts: Opts) {
  const org = await findOrg(need(opts, "org"));
  const ctx: OrgCtx = {
    db: db(),
    requestId: "cli",
    actor: { type: "user", userId: "", email: "cli", name: "cli", scopes: [] },
    org,
    role: "owner",
  };
  const items = [];
  for (let page = 1; ; page++) {
    const { rows, total } = await listMembers(ctx, { page, limit: 100 });
    items.push(...rows.map(toMember));
    if (items.length >= total || rows.length === 0) break;
  }
  if (opts.json) {
    console.log(JSON.stringify(items, null, 2));
    return;
  }
  const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "never");
  const table = [
    ["EMAIL", "NAME", "ROLE", "JOINED", "LAST ACTIVE"],
    ...items.map((m) => [m.email, m.name, m.role, day(m.joined_at), day(m.last_active_at)]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  for (const row of table)
    console.log(row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]!))).join("  "));
}

async function push(dir: string | undefined, opts: Opts) {
  if (!dir) fail(`Missing the folder to push\n\n${usage}`, 2);
  const org = need(opts, "org");
  const e = env();
  if (!e.QUIVER_TOKEN)
    fail("Set QUIVER_TOKEN to an API token with the write scope (Settings → API tokens)", 2);
  const { status, body } = await pushFolder(dir, {
    url: e.QUIVER_URL,
    token: e.QUIVER_TOKEN,
    org,
  }).catch((err: Error) => fail(`Could not push to ${e.QUIVER_URL}: ${err.message}`));
  if (status !== 200 && status !== 201)
    fail(`Push refused (${status}): ${body.detail ?? "unknown error"}`);
  console.log(`${body.name} ${body.version}`);
  console.log(`runtime_digest ${body.runtime_digest}`);
  console.log(status === 200 ? "up to date" : "pushed");
}

async function runtimeWatch(runtimeId: string | undefined, opts: Opts) {
  if (!runtimeId) fail(`Missing the runtime id\n\n${usage}`, 2);
  const org = need(opts, "org");
  const e = env();
  if (!e.QUIVER_TOKEN)
    fail("Set QUIVER_TOKEN to an API token with the read scope (Settings → API tokens)", 2);
  const stop = new AbortController();
  process.once("SIGINT", () => stop.abort());
  process.once("SIGTERM", () => stop.abort());
  await watchResolved({
    url: e.QUIVER_URL,
    token: e.QUIVER_TOKEN,
    org,
    workspace: typeof opts.ws === "string" && opts.ws ? opts.ws : "main",
    runtimeId,
    onView: (view) => console.log(JSON.stringify(view)),
    onStatus: (message) => console.error(`# ${new Date().toISOString()} ${message}`),
    signal: stop.signal,
  }).catch((err: unknown) => {
    if (err instanceof WatchEnded) fail(`Watch ended (${err.status}): ${err.message}`);
    throw err;
  });
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      demo: { type: "boolean" },
      "dry-run": { type: "boolean" },
      email: { type: "string" },
      password: { type: "string" },
      name: { type: "string" },
      org: { type: "string" },
      workspace: { type: "string" },
      ws: { type: "string" },
      scopes: { type: "string" },
      "expires-in-days": { type: "string" },
      role: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [group, command] = positionals;
  if (values.help || !group) {
    console.log(usage);
    return;
  }
  const cmd = `${group} ${command ?? ""}`.trim();
  switch (cmd) {
    case "db migrate": {
      const { applied, total } = await migrate(env().DATABASE_URL);
      console.error(
        applied.length
          ? `Applied ${applied.length} of ${total} migrations: ${applied.join(", ")}`
          : `Up to date (${total} migrations).`,
      );
      break;
    }
    case "db seed": {
      if (!values.demo) fail("Only demo data can be seeded: db seed --demo", 2);
      await migrate(env().DATABASE_URL);
      const { created } = await seedDemo(db());
      console.error(
        created
          ? "Demo data seeded. Sign in as demo@quiver.dev / quiver-demo."
          : "Demo data already present.",
      );
      break;
    }
    case "db gc": {
      const r = await collectBlobs(db(), { dryRun: values["dry-run"] });
      const size = `${r.blobs} blobs, ${r.bytes} bytes`;
      console.log(r.dryRun ? `would remove ${size} (dry run)` : `removed ${size}`);
      break;
    }
    case "user create": {
      const password = need(values, "password");
      if (password.length < 8) fail("--password must have at least 8 characters", 2);
      const { user, org } = await createUser(db(), {
        email: need(values, "email"),
        password,
        name: values.name,
      });
      console.error(`Created ${user.email} with organization '${org.slug}' (workspace 'main').`);
      console.log(user.id);
      break;
    }
    case "token create":
      await tokenCreate(values);
      break;
    case "member add":
      await memberAdd(values);
      break;
    case "member list":
      await memberList(values);
      break;
    default:
      if (group === "push") {
        await push(command, values);
        break;
      }
      if (group === "runtime" && command === "watch") {
        await runtimeWatch(positionals[2], values);
        break;
      }
      fail(`Unknown command '${cmd}'\n\n${usage}`, 2);
  }
}

main()
  .catch((err: unknown) => {
    if (err instanceof ApiError)
      fail(
        `Error: ${err.message}${err.errors ? ` (${err.errors.map((e) => `${e.loc.slice(1).join(".")}: ${e.msg}`).join("; ")})` : ""}`,
      );
    fail(`Error: ${(err as Error).message ?? String(err)}`);
  })
  .finally(() => closeDb());
