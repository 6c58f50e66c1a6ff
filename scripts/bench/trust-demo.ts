// The demo catalog's part of `npm run bench:trust`: every demo fixture version
// (prisma/seed/capabilities, as the seed finds them) pushed in order through pushBundle, as the seed
// does, and its trust card read. "Clean stays clean" is judged on the signals of the scanners and
// analyses scored on the corpora (the content section and issue 19's capability signals): the
// provenance, license and change signals of the demo data are by design and not scored here.
import type { OrgCtx } from "@/lib/api/context";
import { packCapability } from "@/lib/catalog/ingest/pack";
import { collectFiles } from "@/lib/catalog/push-client";
import { pushBundle } from "@/lib/catalog/push";
import { getVersion } from "@/lib/catalog/service";
import { trustCardOf } from "@/lib/catalog/trust";
import { levelOf } from "@/lib/catalog/trust/level";
import { demoFixtures } from "@/prisma/seed/catalog";

/** The demo fixture made to carry what a trust card should flag (lib/catalog/demo-seed.api.test.ts). */
const RISKY_DEMO = new Set(["acme/legacy-ops-bridge"]);
const SCANNED_CAPABILITY_SIGNALS = new Set([
  "capabilities.undeclared_behaviour",
  "capabilities.permissions",
  "capabilities.unpinned_fetch",
]);

export interface DemoRow {
  name: string;
  version: string;
  expectClean: boolean;
  level: string;
  /** Ids of the card's warn and fail signals from the scanners scored here. */
  flagged: string[];
  /** Ids of its other warn and fail signals (provenance, license, changes...). */
  other: string[];
}

export async function demoCheck(ctx: OrgCtx, fixtureRoot: string): Promise<DemoRow[]> {
  const out: DemoRow[] = [];
  for (const f of demoFixtures(fixtureRoot)) {
    const { version } = await pushBundle(ctx, packCapability(collectFiles(f.dir)), "seed");
    const v = await getVersion(ctx, version.capability.name, version.version);
    const card = await trustCardOf(ctx, v);
    const flagged: string[] = [];
    const other: string[] = [];
    for (const section of card.sections)
      for (const s of section.signals) {
        if (s.status !== "warn" && s.status !== "fail") continue;
        if (section.id === "content" || SCANNED_CAPABILITY_SIGNALS.has(s.id)) flagged.push(s.id);
        else other.push(s.id);
      }
    const name = `${f.org}/${f.name}`;
    out.push({
      name,
      version: f.version,
      expectClean: !RISKY_DEMO.has(name),
      level: levelOf(card.status),
      flagged,
      other,
    });
  }
  return out;
}
