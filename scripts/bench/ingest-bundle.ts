// The bundles of the ingest benchmark: 200 files, about 5 MB as a .tar.gz (packed by the CLI's
// packCapability), each a new version of one capability. Text files (manifest, README, agents,
// tools, skills, docs) are about a tenth of the bytes; the rest are binary assets that do not
// compress, so the bundle is as large as its contents. Every file differs from one push to the
// next (a worst case: no blob is shared with an earlier version).
import { randomBytes } from "node:crypto";
import { packCapability } from "@/lib/catalog/ingest/pack";
import { Random } from "./catalog-model";
import * as w from "./vocabulary";

const INGEST_FILES = 200;

function prose(rnd: Random, sentences: number): string {
  return Array.from(
    { length: sentences },
    () =>
      `${rnd.pick(w.verbs)} ${rnd.pick(w.objects)} ${rnd.pick(w.manners)} ${rnd.pick(w.outcomes)}, using ${rnd.pick(w.integrations)}.`,
  ).join(" ");
}

/** One bundle: `name` at `version`, 200 files, binary assets of `assetBytes` each. */
export function ingestBundle(
  name: string,
  version: string,
  seed: number,
  assetBytes = 97 * 1024,
): { bundle: Buffer; files: number; unpackedBytes: number } {
  const rnd = new Random(seed);
  const nonce = `${name} ${version} ${seed}`;
  const files: { path: string; data: Buffer }[] = [];
  const add = (path: string, text: string) => files.push({ path, data: Buffer.from(text, "utf8") });
  add(
    "capability.yaml",
    [
      "schema: 1",
      `name: ${name}`,
      `version: ${version}`,
      `description: ${prose(rnd, 1)}`,
      "author: Bench Team",
      "license: MIT",
      "keywords: [benchmark, ingest, support, triage]",
      "",
    ].join("\n"),
  );
  add("README.md", `# ${name}\n\n${nonce}\n\n${prose(rnd, 20)}\n`);
  for (let i = 0; i < 8; i++)
    add(
      `agents/agent-${i}.md`,
      `---\nname: agent-${i}\ndescription: ${prose(rnd, 1)}\nmodel: ${rnd.pick(w.models)}\n---\n${nonce}\n\n${prose(rnd, 12)}\n`,
    );
  for (let i = 0; i < 40; i++) {
    add(
      `tools/tool_${i}.py`,
      `"""${prose(rnd, 1)}"""\n# ${nonce}\nfrom quiver import tool\n\n\n@tool\ndef run_${i}(query: str) -> str:\n    """${prose(rnd, 2)}"""\n    return query\n`,
    );
  }
  for (let i = 0; i < 30; i++)
    add(
      `skills/skill-${i}/SKILL.md`,
      `---\nname: skill-${i}\ndescription: ${prose(rnd, 1)}\n---\n${nonce}\n\n${prose(rnd, 25)}\n`,
    );
  for (let i = 0; i < 70; i++)
    add(`docs/page-${i}.md`, `# Page ${i}\n\n${nonce}\n\n${prose(rnd, 30)}\n`);
  const assets = INGEST_FILES - files.length;
  for (let i = 0; i < assets; i++)
    files.push({ path: `assets/image-${i}.bin`, data: randomBytes(assetBytes) });
  return {
    bundle: packCapability(files),
    files: files.length,
    unpackedBytes: files.reduce((n, f) => n + f.data.length, 0),
  };
}
