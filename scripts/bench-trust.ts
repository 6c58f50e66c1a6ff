// `npm run bench:trust`: the trust card's scanners scored on public corpora (../shared/corpora, or
// QUIVER_CORPORA_DIR). Each case is wrapped in a minimal capability (scripts/bench/trust-corpora.ts),
// pushed through the push's own code path (pushBundle) into a throwaway SQLite database, and its
// card read as GET .../trust reads it (getVersion + trustCardOf). Prints, per corpus and category,
// tp/fp/tn/fn, precision, recall and pairs told apart, then the issue's targets with PASS/FAIL,
// and the demo catalog's cards. Exits non-zero only when the harness itself fails.
//
//   npm run bench:trust                      every corpus and the demo catalog
//   npm run bench:trust -- --corpus secrets  one corpus (repeatable); --no-demo skips the demo check
//   npm run bench:trust -- --verbose         every case's verdict and signals
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  capabilityName,
  caseManifest,
  CORPORA,
  corporaDir,
  flaggedSignals,
  inRightCategory,
  loadCorpus,
  pct,
  placeCase,
  ratio,
  stubSkill,
  tally,
  type CardLike,
  type CaseResult,
  type Corpus,
  type CorpusName,
  type Tally,
} from "./bench/trust-corpora";
import { demoCheck, type DemoRow } from "./bench/trust-demo";

const root = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    corpus: { type: "string", multiple: true },
    "no-demo": { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
  },
});

// A throwaway database and data folder, set before anything reads the settings.
const work = mkdtempSync(path.join(tmpdir(), "quiver-bench-trust-"));
process.env.DATABASE_URL = `file:${path.join(work, "bench.db")}`;
process.env.QUIVER_DATA_DIR = work;
process.env.QUIVER_LOG_LEVEL ??= "silent";

type Services = Awaited<ReturnType<typeof services>>;

async function services() {
  const [{ migrate }, { createDb }, { pushBundle }, { getVersion }, { trustCardOf }, pack, users] =
    await Promise.all([
      import("@/lib/db/migrate"),
      import("@/lib/db/client"),
      import("@/lib/catalog/push"),
      import("@/lib/catalog/service"),
      import("@/lib/catalog/trust"),
      import("@/lib/catalog/ingest/pack"),
      import("@/lib/users/service"),
    ]);
  const url = process.env.DATABASE_URL!;
  await migrate(url);
  const db = createDb(url);
  const { user, org } = await users.createUser(db, {
    email: "bench-trust@bench.quiver",
    password: "bench-trust-password",
    name: "Trust bench",
    org: { slug: "bench-trust", name: "Trust bench" },
  });
  const ctx = {
    db,
    requestId: "bench-trust",
    actor: {
      type: "user" as const,
      userId: user.id,
      email: user.email,
      name: user.name,
      scopes: ["read", "write", "admin"] as ("read" | "write" | "admin")[],
    },
    org: { id: org.id, slug: org.slug, name: org.name },
    role: "owner" as const,
  };
  /** Pushes files as a bundle and reads the stored version's trust card, as the routes do. */
  const pushAndCard = async (files: { path: string; data: Buffer }[]): Promise<CardLike> => {
    const { version } = await pushBundle(ctx, pack.packCapability(files), "cli");
    const v = await getVersion(ctx, version.capability.name, version.version);
    return trustCardOf(ctx, v);
  };
  return { db, ctx, pushAndCard };
}

async function runCorpus(s: Services, corpus: Corpus): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  for (const c of corpus.cases) {
    const placed = placeCase(c);
    const files = [
      { path: "capability.yaml", data: Buffer.from(caseManifest(c), "utf8") },
      ...placed.map((p) => ({ path: p.path, data: readFileSync(path.join(corpus.dir, p.source)) })),
    ];
    const stub = stubSkill(c, placed);
    if (stub) files.push({ path: stub.path, data: Buffer.from(stub.text, "utf8") });
    let card: CardLike;
    try {
      card = await s.pushAndCard(files);
    } catch (err) {
      throw new Error(
        `${corpus.name}/${c.id} (${capabilityName(c.id)}): ${err instanceof Error ? err.message : String(err)}`,
        { cause: err },
      );
    }
    const signals = flaggedSignals(
      card,
      placed.map((p) => p.path),
    );
    const r: CaseResult = {
      id: c.id,
      category: c.category ?? null,
      provider: c.provider ?? null,
      pair: c.pair ?? null,
      positive: c.label === corpus.positiveLabel,
      flagged: signals.length > 0,
      signals,
      rightCategory: corpus.name === "skills" && inRightCategory(c.category, signals),
    };
    if (values.verbose)
      console.log(
        `  ${r.positive ? "+" : "-"} ${r.flagged ? "flagged" : "clean  "} ${c.id}${signals.length ? `  [${signals.join(", ")}]` : ""}`,
      );
    out.push(r);
  }
  return out;
}

function row(label: string, t: Tally, skills: boolean): string[] {
  const pos = t.tp + t.fn;
  return [
    label,
    String(t.tp),
    String(t.fp),
    String(t.tn),
    String(t.fn),
    pct(ratio(t.tp, t.tp + t.fp)),
    pct(ratio(t.tp, pos)),
    pct(ratio(t.fp, t.fp + t.tn)),
    t.pairs ? `${t.pairsTold}/${t.pairs}` : "—",
    ...(skills ? [pos ? `${t.right}/${pos}` : "—"] : []),
  ];
}

function printTable(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(r));
}

function report(corpus: CorpusName, results: CaseResult[]): Tally {
  const skills = corpus === "skills";
  const head = [
    corpus === "secrets" ? "rule" : "category",
    "tp",
    "fp",
    "tn",
    "fn",
    "precision",
    "recall",
    "fp rate",
    "pairs",
    ...(skills ? ["right category"] : []),
  ];
  const groups = new Map<string, CaseResult[]>();
  for (const r of results) {
    const key = r.category ?? "(no category)";
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const total = tally(results);
  const rows = [...groups.keys()].sort().map((k) => row(k, tally(groups.get(k)!), skills));
  rows.push(row("**all**", total, skills));
  console.log(`\n## ${corpus} (${results.length} cases)\n`);
  printTable(head, rows);
  if (corpus === "secrets") {
    const providers = new Map<string, CaseResult[]>();
    for (const r of results) {
      const key = r.provider ?? "(none)";
      providers.set(key, [...(providers.get(key) ?? []), r]);
    }
    console.log(`\n### secrets per provider (${providers.size})\n`);
    printTable(
      head.map((h, i) => (i === 0 ? "provider" : h)),
      [...providers.keys()].sort().map((k) => row(k, tally(providers.get(k)!), false)),
    );
  }
  const missed = results.filter((r) => r.positive !== r.flagged);
  if (missed.length && !values.verbose) {
    console.log(`\nWrong verdicts (${missed.length}):`);
    for (const r of missed.slice(0, 40))
      console.log(
        `  ${r.positive ? "missed  " : "false + "} ${r.id}${r.signals.length ? `  [${r.signals.join(", ")}]` : ""}`,
      );
    if (missed.length > 40) console.log(`  … and ${missed.length - 40} more (--verbose)`);
  }
  return total;
}

interface Target {
  name: string;
  pass: boolean;
  detail: string;
}

function targets(totals: Map<CorpusName, Tally>, demo: DemoRow[] | null): Target[] {
  const out: Target[] = [];
  const hu = totals.get("hidden-unicode");
  if (hu)
    out.push({
      name: "hidden Unicode: every positive flagged, no negative",
      pass: hu.fn === 0 && hu.fp === 0,
      detail: `${hu.tp}/${hu.tp + hu.fn} positives flagged, ${hu.fp}/${hu.fp + hu.tn} negatives flagged`,
    });
  const se = totals.get("secrets");
  if (se) {
    const recall = ratio(se.tp, se.tp + se.fn) ?? 0;
    const fpRate = ratio(se.fp, se.fp + se.tn) ?? 0;
    out.push({
      name: "secrets: recall >= 90%",
      pass: recall >= 0.9,
      detail: `${se.tp}/${se.tp + se.fn} = ${pct(recall)}`,
    });
    out.push({
      name: "secrets: false positives <= 5% (of the not-secret examples)",
      pass: fpRate <= 0.05,
      detail: `${se.fp}/${se.fp + se.tn} = ${pct(fpRate)}; of all flags, ${se.fp}/${se.tp + se.fp} = ${pct(ratio(se.fp, se.tp + se.fp))} are false`,
    });
  }
  const sk = totals.get("skills");
  if (sk) {
    const right = ratio(sk.right, sk.tp + sk.fn) ?? 0;
    out.push({
      name: "skills: >= 80% of malicious flagged in the right category",
      pass: right >= 0.8,
      detail: `${sk.right}/${sk.tp + sk.fn} = ${pct(right)} (flagged at all: ${sk.tp})`,
    });
    out.push({
      name: "skills: no safe case at warn or worse",
      pass: sk.fp === 0,
      detail: `${sk.fp}/${sk.fp + sk.tn} safe cases flagged`,
    });
  }
  if (demo) {
    const dirty = demo.filter((d) => d.expectClean && d.flagged.length > 0);
    out.push({
      name: "demo catalog: clean capabilities stay clean",
      pass: dirty.length === 0,
      detail: dirty.length
        ? dirty.map((d) => `${d.name}@${d.version} [${d.flagged.join(", ")}]`).join("; ")
        : `${demo.filter((d) => d.expectClean).length} clean versions clean`,
    });
  }
  return out;
}

async function main() {
  const dir = corporaDir(root);
  const wanted = (values.corpus ?? [...CORPORA]) as CorpusName[];
  for (const w of wanted)
    if (!CORPORA.includes(w)) throw new Error(`--corpus ${w}: one of ${CORPORA.join(", ")}`);
  const corpora = wanted.map((n) => loadCorpus(dir, n));
  const s = await services();
  const started = Date.now();
  console.log(`# Trust scanners on public corpora (${new Date().toISOString().slice(0, 10)})`);
  console.log(`corpora: ${dir}`);
  const totals = new Map<CorpusName, Tally>();
  try {
    for (const c of corpora) {
      if (values.verbose) console.log(`\n${c.name}:`);
      totals.set(c.name, report(c.name, await runCorpus(s, c)));
    }
    let demo: DemoRow[] | null = null;
    if (!values["no-demo"]) {
      demo = await demoCheck(s.ctx, path.join(root, "prisma/seed/capabilities"));
      console.log(`\n## demo catalog (${demo.length} versions)\n`);
      printTable(
        [
          "capability",
          "version",
          "expected",
          "scanner signals at warn/fail",
          "card",
          "other warn/fail",
        ],
        demo.map((d) => [
          d.name,
          d.version,
          d.expectClean ? "clean" : "risky",
          d.flagged.join(", ") || "—",
          d.level,
          d.other.join(", ") || "—",
        ]),
      );
    }
    console.log("\n## targets\n");
    for (const t of targets(totals, demo))
      console.log(`${t.pass ? "PASS" : "FAIL"}  ${t.name}: ${t.detail}`);
    console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    await s.db.$disconnect();
  }
}

main()
  .catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exitCode = 1;
  })
  .finally(() => rmSync(work, { recursive: true, force: true }));
