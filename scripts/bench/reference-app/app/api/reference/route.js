// GET /api/reference: one indexed read (a row by primary key) through better-sqlite3, as JSON.
// The table is made by the bench (scripts/bench/scale-suite.ts); REFERENCE_DB names its file.
import Database from "better-sqlite3";

export const dynamic = "force-dynamic";

let read = null;

/** Opened at the first request (not at build time, when the file need not exist). */
function reader() {
  const db = new Database(process.env.REFERENCE_DB ?? "reference.db", { readonly: true });
  const byId = db.prepare("SELECT id, name, value FROM item WHERE id = ?");
  const { n } = db.prepare("SELECT COUNT(*) AS n FROM item").get();
  return () => byId.get(1 + Math.floor(Math.random() * n));
}

export function GET() {
  read ??= reader();
  return Response.json(read());
}
