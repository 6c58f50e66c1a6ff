// Every action the code records has words in lib/audit/actions.ts: the audit writers (every file
// that calls recordAudit, recordJobEvent or an area's audit helper) are read, and each string
// literal shaped like an action ("domain.verb", "domain.thing.verb") must be in the map.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { actionLabel, actionWords, auditActions } from "./actions";

const root = path.resolve(import.meta.dirname, "../..");
const SKIP = new Set(["node_modules", "generated", ".next", "data", "e2e", "test-results"]);
/** Shaped like an action but are not: file kinds. */
const NOT_ACTIONS = /\.(gz|zip|md|json|ya?ml|ts|tsx|js|mjs|txt|prisma|sql|png)$/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name) || name.startsWith(".")) return [];
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

/** The actions the audit writers record, by file. */
function writtenActions(): Map<string, string> {
  const found = new Map<string, string>();
  for (const dir of ["lib", "app", "prisma", "scripts"]) {
    for (const file of sources(path.join(root, dir))) {
      if (file.endsWith(path.join("lib", "audit", "actions.ts"))) continue;
      const text = readFileSync(file, "utf8");
      if (!/\b(recordAudit|recordJobEvent|audit)\(/.test(text)) continue;
      for (const m of text.matchAll(/["']([a-z_]+(?:\.[a-z_]+)+)["']/g)) {
        if (!NOT_ACTIONS.test(m[1]!)) found.set(m[1]!, path.relative(root, file));
      }
    }
  }
  return found;
}

describe("audit action words", () => {
  const written = writtenActions();

  it("finds the audit writers' actions (the scan itself works)", () => {
    for (const a of ["org.create", "member.leave", "optimization.start", "runtime.binding.update"])
      expect(written.has(a), a).toBe(true);
    expect(written.size).toBeGreaterThanOrEqual(45);
  });

  it("has words for every action the code writes", () => {
    const missing = [...written]
      .filter(([a]) => !(a in actionWords))
      .map(([a, f]) => `${a} (${f})`);
    expect(missing).toEqual([]);
  });

  it("words no action that nothing writes", () => {
    expect(auditActions.filter((a) => !written.has(a))).toEqual([]);
  });

  it("falls back to the action's parts for one it does not know", () => {
    expect(actionLabel("prompt.version.create")).toBe("Added a prompt version");
    expect(actionLabel("billing.card_update")).toBe("Billing: card update");
    expect(actionLabel("model_provider.rotate.key")).toBe("Model provider: rotate key");
    expect(actionLabel("heartbeat")).toBe("Heartbeat");
    expect(actionLabel("")).toBe("Unknown action");
  });
});
