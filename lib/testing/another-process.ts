// Run by tests as a second Node process (tsx): changes a runtime binding through the service,
// with its own database client, so that a watcher in the test's process must hear of it through
// the database (PostgreSQL NOTIFY, SQLite's change counter), not through memory.
// Argument: JSON {org: {id, slug, name}, workspace: {id, slug, name}, userId, runtimeId, bindingId, enabled}.
import { closeDb, db } from "@/lib/db/client";
import { updateBinding } from "@/lib/runtimes/service";

const input = JSON.parse(process.argv[2] ?? "{}") as {
  org: { id: string; slug: string; name: string };
  workspace: { id: string; slug: string; name: string };
  userId: string;
  runtimeId: string;
  bindingId: string;
  enabled: boolean;
};
await updateBinding(
  {
    db: db(),
    requestId: "another-process",
    actor: { type: "user", userId: input.userId, email: "", name: "", scopes: ["write"] },
    org: input.org,
    role: "owner",
    workspace: input.workspace,
  },
  input.runtimeId,
  input.bindingId,
  { enabled: input.enabled },
);
await closeDb();
process.stdout.write(`pid ${process.pid}\n`);
