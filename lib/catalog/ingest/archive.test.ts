// Reading archives: entry types whatever the zip host byte, path depth and length, and decompression
// bombs refused at their limits without holding up the event loop.
import { crc32, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { readArchive } from "./archive";
import { defaultIngestLimits, type IngestLimits } from "./limits";
import { packTarGz, packZip, tarHeader, writeZip, type PackEntry } from "./pack";

async function refusal(
  bundle: Buffer,
  limits: IngestLimits = defaultIngestLimits,
): Promise<ApiError> {
  const err = await readArchive(bundle, limits).then(
    () => null,
    (e: unknown) => e,
  );
  if (err === null) throw new Error("archive was accepted");
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

interface RawZipEntry {
  name: string;
  /** The "version made by" host byte: 0 MS-DOS, 3 Unix, 6 OS/2 HPFS, 16 BeOS, 19 OS X, 30 AtheOS. */
  host: number;
  /** The high 16 bits of the external attributes (a Unix st_mode), 0 for none. */
  mode: number;
  data: string;
}

/** A stored (uncompressed) zip, written byte by byte, so that host byte and mode are exactly as given. */
function rawZip(entries: RawZipEntry[]): Buffer {
  return writeZip(
    entries.map((e) => {
      const data = Buffer.from(e.data, "utf8");
      return {
        name: e.name,
        method: 0,
        body: data,
        crc: crc32(data),
        size: data.length,
        host: e.host,
        mode: e.mode,
      };
    }),
  );
}

const HOSTS = [0, 3, 6, 16, 19, 30];
const readme = (host: number): RawZipEntry => ({
  name: "README.md",
  host,
  mode: 0o100644,
  data: "# hi\n",
});

describe("zip entries: the Unix mode is read whatever the host byte", () => {
  it.each(
    HOSTS.flatMap(
      (host) =>
        [
          [host, "a symbolic link", 0o120777, /^agents\/link\.md: symbolic links are not allowed$/],
          [
            host,
            "a character device",
            0o020644,
            /^agents\/link\.md: device files and FIFOs are not allowed$/,
          ],
          [host, "a FIFO", 0o010644, /^agents\/link\.md: device files and FIFOs are not allowed$/],
          [
            host,
            "a block device",
            0o060644,
            /^agents\/link\.md: device files and FIFOs are not allowed$/,
          ],
          [host, "a socket", 0o140755, /^agents\/link\.md: sockets are not allowed$/],
          [
            host,
            "an unknown file type",
            0o170644,
            /^agents\/link\.md: only regular files and folders are allowed \(file type 0o170000\)$/,
          ],
        ] as [number, string, number, RegExp][],
    ),
  )("host %i: refuses %s with a 422 naming the entry", async (host, _what, mode, message) => {
    const err = await refusal(
      rawZip([readme(host), { name: "agents/link.md", host, mode, data: "/etc/passwd" }]),
    );
    expect(err.status).toBe(422);
    expect(err.message).toMatch(message);
    expect(err.errors?.[0]?.loc).toEqual(["bundle", "agents/link.md"]);
  });

  it.each(HOSTS)(
    "host %i: accepts regular files, folders and entries with no Unix mode",
    async (host) => {
      const { files } = await readArchive(
        rawZip([
          readme(host),
          { name: "agents/", host, mode: 0o040755, data: "" },
          { name: "agents/a.md", host, mode: 0o100644, data: "a" },
          { name: "tools/b.py", host, mode: 0, data: "b" },
          { name: "docs", host, mode: 0o040755, data: "" },
        ]),
        defaultIngestLimits,
      );
      expect(files.map((f) => [f.path, f.data.toString()])).toEqual([
        ["README.md", "# hi\n"],
        ["agents/a.md", "a"],
        ["tools/b.py", "b"],
      ]);
    },
  );

  it("refuses the packer's own link, device and FIFO entries too", async () => {
    for (const kind of ["symlink", "device", "fifo"] as const) {
      const err = await refusal(
        packZip([
          { path: "README.md", data: "x" },
          { path: "x/entry", kind, linkTarget: "/etc/passwd" },
        ]),
      );
      expect(err.status).toBe(422);
      expect(err.message).toMatch(
        /^x\/entry: (symbolic links|device files and FIFOs) are not allowed$/,
      );
    }
  });
});

describe("tar entries: only regular files and folders", () => {
  it.each([
    ["symlink", "symbolic links are not allowed"],
    ["hardlink", "hard links are not allowed"],
    ["device", "device files and FIFOs are not allowed"],
    ["fifo", "device files and FIFOs are not allowed"],
  ] as const)("refuses a %s with a 422 naming the entry", async (kind, rule) => {
    const err = await refusal(
      packTarGz([
        { path: "README.md", data: "x" },
        { path: "agents/evil.md", kind, linkTarget: "README.md" },
      ]),
    );
    expect(err.status).toBe(422);
    expect(err.message).toBe(`agents/evil.md: ${rule}`);
  });
});

describe("paths: depth and length", () => {
  const deep = (n: number) => Array.from({ length: n }, (_, i) => `d${i}`).join("/");

  it("accepts a path of 32 segments and refuses one of 33, naming it, in tar and zip", async () => {
    const ok = `${deep(31)}/f.md`;
    expect(
      (await readArchive(packTarGz([{ path: ok, data: "x" }]), defaultIngestLimits)).files.map(
        (f) => f.path,
      ),
    ).toEqual([ok]);
    expect(
      (await readArchive(packZip([{ path: ok, data: "x" }]), defaultIngestLimits)).files.map(
        (f) => f.path,
      ),
    ).toEqual([ok]);
    const bad = `${deep(32)}/f.md`;
    for (const bundle of [
      packTarGz([{ path: bad, data: "x" }]),
      packZip([{ path: bad, data: "x" }]),
    ]) {
      const err = await refusal(bundle);
      expect(err.status).toBe(422);
      expect(err.message).toBe(
        `${bad}: nested 33 levels deep; a path may have at most 32 segments`,
      );
    }
  });

  it("refuses 1,000 nested folders (folder entries only, nothing stored), with the path shortened", async () => {
    const dirs: PackEntry[] = [];
    for (let i = 1; i <= 1000; i++) dirs.push({ path: Array(i).fill("a").join("/"), kind: "dir" });
    const zip = packZip([{ path: "README.md", data: "x" }, ...dirs]);
    const err = await refusal(zip);
    expect(err.status).toBe(422);
    // The first folder past the limit is named.
    expect(err.message).toBe(
      `${Array(33).fill("a").join("/")}: nested 33 levels deep; a path may have at most 32 segments`,
    );
    // The same as a tar with a GNU long name: a 1,000-level path in one entry.
    const long = Buffer.from(`${Array(1000).fill("a").join("/")}\0`);
    const pad = (b: Buffer) => Buffer.concat([b, Buffer.alloc((512 - (b.length % 512)) % 512)]);
    const full = Buffer.concat([
      tarHeader("././@LongLink", long.length, "L"),
      pad(long),
      tarHeader("placeholder", 1, "0"),
      pad(Buffer.from("x")),
      Buffer.alloc(1024),
    ]);
    const tarErr = await refusal(gzipSync(full));
    expect(tarErr.status).toBe(422);
    // A path of 2,000 characters is named by its start and end.
    expect(tarErr.message).toMatch(
      /^a\/a\/a\/[a/]*…[a/]*a: nested 1000 levels deep; a path may have at most 32 segments$/,
    );
    expect(tarErr.message.length).toBeLessThan(300);
  });

  it("refuses a path longer than the byte limit, and a name longer than 255 bytes", async () => {
    const long = `${["x", "y", "z", "w", "v", "u"].map((c) => c.repeat(200)).join("/")}/f.md`;
    const err = await refusal(packZip([{ path: long, data: "x" }]));
    expect(err.status).toBe(422);
    expect(err.message).toMatch(/: the path is longer than the limit of 1024 bytes$/);
    const setting = await refusal(packZip([{ path: "a/b/c.md", data: "x" }]), {
      ...defaultIngestLimits,
      maxPathBytes: 7,
    });
    expect(setting.message).toBe("a/b/c.md: the path is longer than the limit of 7 bytes");
    expect(
      (await refusal(packZip([{ path: `${"n".repeat(256)}.md`, data: "x" }]))).message,
    ).toMatch(/a file or folder name is longer than 255 bytes$/);
    expect(
      (
        await refusal(packZip([{ path: "a/b/c.md", data: "x" }]), {
          ...defaultIngestLimits,
          maxPathDepth: 2,
        })
      ).message,
    ).toBe("a/b/c.md: nested 3 levels deep; a path may have at most 2 segments");
  });
});

describe("decompression: limits hold, and the event loop keeps turning", () => {
  const files = [
    { path: "README.md", data: "# readme\n" },
    { path: "a.txt", data: "aaaa" },
  ];
  const base = files.reduce((n, f) => n + Buffer.byteLength(f.data), 0);

  it("accepts exactly the unpacked limit and refuses one byte more (400, same message), tar.gz and zip", async () => {
    const limits = {
      ...defaultIngestLimits,
      maxUnpackedBytes: 300_000,
      maxCompressionRatio: 1_000_000,
    };
    const at = { path: "big.bin", data: Buffer.alloc(300_000 - base, "b") };
    const over = { path: "big.bin", data: Buffer.alloc(300_001 - base, "b") };
    for (const pack of [packTarGz, (e: PackEntry[]) => packZip(e)]) {
      expect((await readArchive(pack([...files, at]), limits)).files).toHaveLength(3);
      const err = await refusal(pack([...files, over]), limits);
      expect(err.status).toBe(400);
      expect(err.message).toBe(
        "big.bin: the bundle unpacks to more than the limit of 300000 bytes",
      );
    }
  });

  it(
    "refuses a gzip bomb at the ratio limit with a 400, while timers keep firing",
    { timeout: 60_000 },
    async () => {
      // 256 MiB of zeros gzip to ~250 KiB: the ratio allows ~25 MiB; the unpacked limit is raised
      // so that the ratio is what stops it, after enough inflating to take a while.
      const bomb = gzipSync(Buffer.alloc(256 * 1024 * 1024));
      const limits = {
        ...defaultIngestLimits,
        maxCompressionRatio: 800,
        maxUnpackedBytes: 1024 * 1024 * 1024,
      };
      let ticks = 0;
      const timer = setInterval(() => ticks++, 1);
      const started = Date.now();
      const err = await refusal(bomb, limits);
      clearInterval(timer);
      expect(err.status).toBe(400);
      expect(err.message).toBe(
        "bundle.tar.gz: unpacks to more than 800 times the bundle's size (a decompression bomb?)",
      );
      // Inflated synchronously, not one timer callback would run until the refusal.
      expect(ticks, `${Date.now() - started} ms`).toBeGreaterThan(3);
    },
  );

  it(
    "refuses a zip whose entries each claim little but add up to a bomb, while timers keep firing",
    { timeout: 60_000 },
    async () => {
      const chunk = Buffer.alloc(60 * 1024);
      const many = Array.from({ length: 600 }, (_, i) => ({ path: `z/${i}.bin`, data: chunk }));
      const zip = packZip([...files, ...many]);
      const limits = {
        ...defaultIngestLimits,
        maxCompressionRatio: 1_000_000,
        maxUnpackedBytes: 20 * 1024 * 1024,
      };
      let ticks = 0;
      const timer = setInterval(() => ticks++, 0);
      const err = await refusal(zip, limits);
      clearInterval(timer);
      expect(err.status).toBe(400);
      expect(err.message).toMatch(
        /^z\/\d+\.bin: the bundle unpacks to more than the limit of 20971520 bytes$/,
      );
      expect(ticks).toBeGreaterThan(3);
    },
  );
});
