// Pushing hostile bundle contents through the real route, on each database: zip links whatever the
// host byte, deep paths, YAML tags and deep nesting are refused with a 422 that stores nothing;
// versions with numbers past 99,999 are stored and sorted as numbers.
import { beforeAll, describe, expect, it } from "vitest";
import { crc32 } from "node:zlib";
import { db } from "@/lib/db/client";
import { capabilityArtifactDetail } from "@/lib/catalog/schemas";
import { packTarGz, packZip, type PackEntry } from "@/lib/catalog/ingest/pack";
import {
  call,
  expectBody,
  expectError,
  newOwner,
  tokenFor,
  uid,
  type TestMember,
} from "@/lib/testing/api";
import { POST } from "./route";
import { GET as getLatest } from "./[name]/route";
import * as versionsRoute from "./[name]/versions/route";

let owner: TestMember;
let token: string;

beforeAll(async () => {
  owner = await newOwner();
  token = (await tokenFor(owner, ["write"])).secret;
});

const manifestOf = (name: string, version: string, extra = "") =>
  `schema: 1\nname: ${name}\nversion: ${version}\ndescription: Test capability\n${extra}`;

function capability(
  name: string,
  version: string,
  extra: Record<string, string> = {},
  manifestExtra = "",
): PackEntry[] {
  const files: Record<string, string> = {
    "capability.yaml": manifestOf(name, version, manifestExtra),
    "agents/helper.md": "---\ndescription: Helps\n---\nYou help.\n",
    ...extra,
  };
  return Object.entries(files).map(([path, data]) => ({ path, data }));
}

const push = (bundle: Buffer, type = "application/gzip") =>
  call(POST, {
    method: "POST",
    params: { org: owner.org.slug },
    token,
    bytes: bundle,
    headers: { "content-type": type },
  });

/** A push refused with a 422 whose detail is `detail`, leaving no capability behind. */
async function refused422(name: string, bundle: Buffer, detail: string | RegExp, type?: string) {
  const before = await db().capabilityVersion.count();
  const err = expectError(await push(bundle, type), 422, "validation_error");
  if (typeof detail === "string") expect(err.detail).toBe(detail);
  else expect(err.detail).toMatch(detail);
  expect(await db().capabilityVersion.count()).toBe(before);
  expect(await db().capability.count({ where: { name, orgId: owner.org.id } })).toBe(0);
  return err;
}

/** A stored zip whose last entry's central-directory record says `host` and Unix `mode`. */
function zipWithEntry(
  files: PackEntry[],
  entry: { path: string; host: number; mode: number; data: string },
): Buffer {
  const zip = packZip([...files, { path: entry.path, data: entry.data }], { store: true });
  // packZip writes every record as made by Unix (3) with a regular file's mode: patch the last one.
  const eocd = zip.length - 22;
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < files.length; i++)
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  expect(zip.toString("utf8", p + 46, p + 46 + zip.readUInt16LE(p + 28))).toBe(entry.path);
  expect(zip.readUInt32LE(p + 16)).toBe(crc32(Buffer.from(entry.data)) >>> 0);
  zip.writeUInt8(entry.host, p + 5);
  zip.writeUInt32LE((entry.mode << 16) >>> 0, p + 38);
  return zip;
}

describe("POST /capabilities: entries that are not regular files or folders", () => {
  it.each([
    [16, "BeOS", 0o120777, "symbolic links are not allowed"],
    [30, "AtheOS", 0o120777, "symbolic links are not allowed"],
    [6, "OS/2 HPFS", 0o020644, "device files and FIFOs are not allowed"],
    [19, "OS X", 0o010644, "device files and FIFOs are not allowed"],
    [0, "MS-DOS", 0o120777, "symbolic links are not allowed"],
  ])(
    "refuses a zip entry made on host %i (%s) whose mode is a link or device: 422 naming it",
    async (host, _os, mode, rule) => {
      const name = `cap-${uid()}`;
      const bundle = zipWithEntry(capability(name, "1.0.0"), {
        path: "agents/evil.md",
        host,
        mode,
        data: "/etc/passwd",
      });
      const err = await refused422(name, bundle, `agents/evil.md: ${rule}`, "application/zip");
      expect(err.errors?.[0]?.loc).toEqual(["bundle", "agents/evil.md"]);
    },
  );

  it("accepts a regular file made on BeOS", async () => {
    const name = `cap-${uid()}`;
    const bundle = zipWithEntry(capability(name, "1.0.0"), {
      path: "README.md",
      host: 16,
      mode: 0o100644,
      data: "# hi\n",
    });
    const d = expectBody(await push(bundle, "application/zip"), 201, capabilityArtifactDetail);
    expect(d.file_manifest.map((f) => f.path)).toContain("README.md");
  });
});

describe("POST /capabilities: paths, YAML and JSON that used to pass or answer 500", () => {
  it("refuses 1,000 nested folders and a path past 32 segments with a 422 naming the path", async () => {
    const name = `cap-${uid()}`;
    const dirs: PackEntry[] = Array.from({ length: 1000 }, (_, i) => ({
      path: Array(i + 1)
        .fill("a")
        .join("/"),
      kind: "dir",
    }));
    await refused422(
      name,
      packZip([...capability(name, "1.0.0"), ...dirs]),
      `${Array(33).fill("a").join("/")}: nested 33 levels deep; a path may have at most 32 segments`,
      "application/zip",
    );
    const deep = `${Array.from({ length: 33 }, (_, i) => `d${i}`).join("/")}.md`;
    await refused422(
      name,
      packTarGz([...capability(name, "1.0.0"), { path: deep, data: "x" }]),
      `${deep}: nested 33 levels deep; a path may have at most 32 segments`,
    );
  });

  it("refuses executable YAML tags in capability.yaml and agent frontmatter, naming tag and line", async () => {
    const name = `cap-${uid()}`;
    await refused422(
      name,
      packTarGz(capability(name, "1.0.0", {}, 'run: !!python/object/apply:os.system ["id"]\n')),
      "capability.yaml: line 5: the YAML tag '!!python/object/apply:os.system' is not allowed (only plain strings, numbers, booleans, null, lists and mappings)",
    );
    await refused422(
      name,
      packTarGz(
        capability(name, "1.0.0", { "agents/helper.md": "---\ndescription: !foo x\n---\n" }),
      ),
      /^agents\/helper.md: line 2: the YAML tag '!foo' is not allowed/,
    );
  });

  it("refuses YAML and JSON nested 300 levels deep with a 422", async () => {
    const name = `cap-${uid()}`;
    const deep = `${"[".repeat(300)}1${"]".repeat(300)}`;
    await refused422(
      name,
      packTarGz(capability(name, "1.0.0", {}, `x: ${deep}\n`)),
      "capability.yaml: line 5: lists and mappings are nested more than 64 levels deep",
    );
    await refused422(
      name,
      packTarGz(capability(name, "1.0.0", { "agents/helper.md": `---\nx: ${deep}\n---\n` })),
      "agents/helper.md: line 2: lists and mappings are nested more than 64 levels deep",
    );
    const mcp = JSON.stringify({ mcpServers: { s: { command: "x", args: JSON.parse(deep) } } });
    await refused422(
      name,
      packTarGz(capability(name, "1.0.0", { ".mcp.json": mcp })),
      ".mcp.json: lists and mappings are nested more than 64 levels deep",
    );
  });
});

describe("versions with numbers past 99,999", () => {
  it("stores them, and serves latest and the version list in numeric order", async () => {
    const name = `cap-${uid()}`;
    for (const v of ["1.99999.0", "1.100000.0", "1.2.0", "1.100000.10", "1.100000.9"])
      expect((await push(packTarGz(capability(name, v)))).status).toBe(201);
    const params = { org: owner.org.slug, name };
    const latest = expectBody(
      await call(getLatest, { params, token }),
      200,
      capabilityArtifactDetail,
    );
    expect(latest.version).toBe("1.100000.10");
    expect(latest.versions).toEqual([
      "1.100000.10",
      "1.100000.9",
      "1.100000.0",
      "1.99999.0",
      "1.2.0",
    ]);
    const list = await call(versionsRoute.GET, { params, token });
    expect(list.status).toBe(200);
    expect(
      (list.json as { versions: { version: string }[] }).versions.map((v) => v.version),
    ).toEqual(["1.100000.10", "1.100000.9", "1.100000.0", "1.99999.0", "1.2.0"]);
  });

  it("refuses a number of 16 digits with a 422 naming the limit", async () => {
    const name = `cap-${uid()}`;
    const err = await refused422(
      name,
      packTarGz(capability(name, "1.1234567890123456.0")),
      "capability.yaml (version): each number of a version has at most 15 digits",
    );
    expect(err.errors?.[0]?.loc).toEqual(["bundle", "capability.yaml", "version"]);
  });
});
