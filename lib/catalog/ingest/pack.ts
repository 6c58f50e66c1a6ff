// Deterministic packing of a capability folder's files into .tar.gz or .zip: sorted paths, zero
// timestamps, fixed modes, so the same files always give the same bytes (the CLI's push). Tests
// also use it, with its `kind` escape hatch, to build hostile bundles.
import { crc32, deflateRawSync, gzipSync } from "node:zlib";

export interface PackEntry {
  path: string;
  data?: Buffer | string;
  /** Anything but a regular file exists only to build hostile bundles in tests. */
  kind?: "file" | "dir" | "symlink" | "hardlink" | "device" | "fifo";
  linkTarget?: string;
}

const bytes = (d: Buffer | string | undefined) =>
  typeof d === "string" ? Buffer.from(d, "utf8") : (d ?? Buffer.alloc(0));

function octal(n: number, len: number): string {
  return n.toString(8).padStart(len - 1, "0") + "\0";
}

/** One ustar header block (exported for tests that build archives entry by entry). */
export function tarHeader(name: string, size: number, type: string, linkTarget = ""): Buffer {
  const h = Buffer.alloc(512);
  let prefix = "";
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf("/", 155);
    if (cut <= 0 || Buffer.byteLength(name.slice(cut + 1)) > 100)
      throw new Error(`path too long for ustar: ${name}`);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
  }
  h.write(base, 0, 100, "utf8");
  h.write(octal(type === "5" ? 0o755 : 0o644, 8), 100, "ascii");
  h.write(octal(0, 8), 108, "ascii");
  h.write(octal(0, 8), 116, "ascii");
  h.write(octal(size, 12), 124, "ascii");
  h.write(octal(0, 12), 136, "ascii");
  h.write("        ", 148, "ascii");
  h.write(type, 156, "ascii");
  h.write(linkTarget, 157, 100, "utf8");
  h.write("ustar\0", 257, "ascii");
  h.write("00", 263, "ascii");
  h.write(prefix, 345, 155, "utf8");
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + " ", 148, "ascii");
  return h;
}

const tarType = {
  file: "0",
  dir: "5",
  symlink: "2",
  hardlink: "1",
  device: "3",
  fifo: "6",
} as const;

export function packTar(entries: PackEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const data = bytes(e.data);
    const type = tarType[e.kind ?? "file"];
    const size = type === "0" ? data.length : 0;
    parts.push(tarHeader(e.path, size, type, e.linkTarget));
    if (size) parts.push(data, Buffer.alloc((512 - (size % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export function packTarGz(entries: PackEntry[]): Buffer {
  return gzipSync(packTar(entries), { level: 9 });
}

/**
 * One zip entry exactly as it is to be written: its stored body (already deflated for method 8),
 * the CRC and uncompressed size it declares, and its "version made by" host byte and Unix mode.
 * Tests and benchmarks write hostile zips with it (other hosts, links, sizes that lie).
 */
export interface ZipRecord {
  name: string;
  method: 0 | 8;
  body: Buffer;
  crc: number;
  size: number;
  host: number;
  mode: number;
}

/** A zip of these records, written byte by byte: local headers, central directory, end record. */
export function writeZip(records: ZipRecord[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const r of records) {
    const name = Buffer.from(r.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(r.method, 8);
    local.writeUInt32LE(r.crc >>> 0, 14);
    local.writeUInt32LE(r.body.length, 18);
    local.writeUInt32LE(r.size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE((r.host << 8) | 20, 4); // version made by: 2.0 on this host
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(r.method, 10);
    cd.writeUInt32LE(r.crc >>> 0, 16);
    cd.writeUInt32LE(r.body.length, 20);
    cd.writeUInt32LE(r.size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(((r.mode << 16) | ((r.mode & 0o170000) === 0o040000 ? 0x10 : 0)) >>> 0, 38); // + MS-DOS directory bit
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, r.body);
    central.push(cd, name);
    offset += 30 + name.length + r.body.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(records.length, 8);
  end.writeUInt16LE(records.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBuf, end]);
}

const zipModes = {
  file: 0o100644,
  dir: 0o040755,
  symlink: 0o120777,
  hardlink: 0o100644,
  device: 0o020644,
  fifo: 0o010644,
} as const;

export function packZip(entries: PackEntry[], opts: { store?: boolean } = {}): Buffer {
  return writeZip(
    entries.map((e) => {
      const name = e.kind === "dir" && !e.path.endsWith("/") ? `${e.path}/` : e.path;
      const data = e.kind === "symlink" ? Buffer.from(e.linkTarget ?? "") : bytes(e.data);
      const method = opts.store || data.length === 0 ? 0 : 8;
      const body = method === 8 ? deflateRawSync(data, { level: 9 }) : data;
      return {
        name,
        method,
        body,
        crc: crc32(data),
        size: data.length,
        host: 3,
        mode: zipModes[e.kind ?? "file"],
      };
    }),
  );
}

/** A folder's files, sorted by path, as a deterministic .tar.gz. */
export function packCapability(files: { path: string; data: Buffer }[]): Buffer {
  return packTarGz(
    [...files]
      .sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)))
      .map((f) => ({ path: f.path, data: f.data })),
  );
}
