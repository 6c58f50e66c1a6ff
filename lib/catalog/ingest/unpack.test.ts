// The two steps of ingest: bytes → files (unpack), files → validated version (ingestFiles). A
// promotion ingests files without an archive; it must get the version a push of them would.
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { ingestBundle, ingestFiles } from "./index";
import { defaultIngestLimits } from "./limits";
import { packTarGz, packZip } from "./pack";
import { unpackBundle } from "./unpack";

const files = [
  {
    path: "capability.yaml",
    data: Buffer.from("schema: 1\nname: two-steps\nversion: 1.0.0\ndescription: Two steps\n"),
  },
  { path: "agents/helper.md", data: Buffer.from("---\nname: helper\n---\nYou help.\n") },
  { path: "README.md", data: Buffer.from("# Two steps\n") },
];

describe("unpackBundle: bytes → files", () => {
  it("names the archive kind it detected, and strips a single top folder and packing debris", async () => {
    const inFolder = [
      ...files.map((f) => ({ path: `two-steps/${f.path}`, data: f.data })),
      { path: "two-steps/.DS_Store", data: "x" },
    ];
    const tar = await unpackBundle(packTarGz(inFolder), defaultIngestLimits);
    const zip = await unpackBundle(packZip(inFolder), defaultIngestLimits);
    expect(tar.kind).toBe("tar.gz");
    expect(zip.kind).toBe("zip");
    for (const u of [tar, zip])
      expect(u.files.map((f) => f.path).sort()).toEqual(files.map((f) => f.path).sort());
  });
});

describe("ingestFiles: files → validated version", () => {
  it("gives the version a push of the same files gives, whatever order they come in", async () => {
    const pushed = await ingestBundle(packTarGz(files), defaultIngestLimits);
    const direct = await ingestFiles([...files].reverse(), defaultIngestLimits);
    expect(direct.runtimeDigest).toBe(pushed.runtimeDigest);
    expect(direct.manifest).toEqual(pushed.manifest);
    expect(direct.components).toEqual(pushed.components);
    expect(direct.files.map((f) => [f.path, f.sha256])).toEqual(
      pushed.files.map((f) => [f.path, f.sha256]),
    );
    expect(pushed.kind).toBe("tar.gz");
  });

  it("refuses files without capability.yaml at the root with a 422 naming it", async () => {
    const err = await ingestFiles(files.slice(1), defaultIngestLimits).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(422);
    expect((err as ApiError).message).toBe("capability.yaml: missing at the root of the bundle");
  });
});
