// Reads a bundle (.tar.gz or .zip) into its regular files, refusing what a hostile bundle may hold:
// links, devices, absolute, `..`, too deep or too long paths, duplicates, truncation, and more
// files, bytes or compression than the limits allow. Decompression stops as soon as a limit is
// passed, so a decompression bomb is never inflated in full; and it runs on libuv's threadpool
// (zlib's streaming API), not on the event loop, so a bomb does not hold up other requests.
import { setImmediate as nextTurn } from "node:timers/promises";
import {
  createGunzip,
  createInflateRaw,
  inflateRawSync,
  type Gunzip,
  type InflateRaw,
} from "node:zlib";
import { bundleError, contentError } from "./errors";
import { MAX_SEGMENT_BYTES, type IngestLimits } from "./limits";

export interface ArchiveFile {
  path: string;
  data: Buffer;
}

export type ArchiveKind = "tar.gz" | "zip";

function detectKind(buf: Buffer): ArchiveKind | null {
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) return "tar.gz";
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50) return "zip";
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0x06054b50) return "zip"; // empty zip
  return null;
}

/** Normalises an entry name; refuses absolute paths, `..`, drive letters and control characters. */
export function safePath(name: string): string {
  const raw = name.replace(/\\/g, "/");
  if (raw.startsWith("/") || /^[A-Za-z]:/.test(raw))
    throw bundleError(name, "absolute paths are not allowed");
  if (/[\u0000-\u001f]/.test(raw))
    throw bundleError(JSON.stringify(name), "control characters in a path are not allowed");
  const parts = raw.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.some((p) => p === "..")) throw bundleError(name, "paths with '..' are not allowed");
  return parts.join("/");
}

/** A path as an error message names it: whole unless very long. */
function shown(path: string): string {
  return path.length > 200 ? `${path.slice(0, 120)}…${path.slice(-60)}` : path;
}

class Collector {
  private readonly seen = new Set<string>();
  readonly files: ArchiveFile[] = [];
  private unpacked = 0;

  constructor(
    private readonly limits: IngestLimits,
    private readonly bundleBytes: number,
  ) {}

  /** Room left for file contents under both the size and the ratio limits. */
  budget(): number {
    const byRatio = this.bundleBytes * this.limits.maxCompressionRatio;
    return Math.min(this.limits.maxUnpackedBytes, byRatio) - this.unpacked;
  }

  overBudget(name: string): never {
    const byRatio = this.bundleBytes * this.limits.maxCompressionRatio;
    if (byRatio < this.limits.maxUnpackedBytes) {
      throw bundleError(
        name,
        `unpacks to more than ${this.limits.maxCompressionRatio} times the bundle's size (a decompression bomb?)`,
      );
    }
    throw bundleError(
      name,
      `the bundle unpacks to more than the limit of ${this.limits.maxUnpackedBytes} bytes`,
    );
  }

  /** Refuses a path deeper or longer than the limits (a bundle of 1,000 nested folders). */
  private checkPath(path: string): void {
    const segments = path.split("/");
    if (segments.length > this.limits.maxPathDepth) {
      throw contentError(
        shown(path),
        `nested ${segments.length} levels deep; a path may have at most ${this.limits.maxPathDepth} segments`,
      );
    }
    if (Buffer.byteLength(path) > this.limits.maxPathBytes) {
      throw contentError(
        shown(path),
        `the path is longer than the limit of ${this.limits.maxPathBytes} bytes`,
      );
    }
    if (segments.some((s) => Buffer.byteLength(s) > MAX_SEGMENT_BYTES)) {
      throw contentError(
        shown(path),
        `a file or folder name is longer than ${MAX_SEGMENT_BYTES} bytes`,
      );
    }
  }

  add(name: string, data: Buffer): void {
    const path = safePath(name);
    if (!path) return;
    this.checkPath(path);
    if (this.seen.has(path)) throw bundleError(path, "duplicate path in the bundle");
    this.seen.add(path);
    if (this.files.length >= this.limits.maxFiles)
      throw bundleError(null, `more than ${this.limits.maxFiles} files`);
    this.unpacked += data.length;
    if (this.budget() < 0) this.overBudget(path);
    this.files.push({ path, data });
  }

  /** A directory entry: checked like a file path, but nothing is kept. */
  dir(name: string): void {
    const path = safePath(name);
    if (path) this.checkPath(path);
  }
}

// ---- inflating -----------------------------------------------------------------------------

/** Output of up to this many bytes is inflated in place: it takes well under a millisecond. */
const INLINE_MAX = 64 * 1024;
/** After this much inflating in place, the event loop gets a turn (a zip of many small bombs). */
const INLINE_SLICE = 1024 * 1024;
const CHUNK = 64 * 1024;

/**
 * Inflates `input` on the threadpool through a zlib stream, keeping at most `cap` bytes: null
 * as soon as the output passes `cap` (the stream is destroyed there, nothing more is inflated).
 */
function inflateStream(
  stream: Gunzip | InflateRaw,
  input: Buffer,
  cap: number,
): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    stream.on("data", (chunk: Buffer) => {
      if (settled) return;
      total += chunk.length;
      if (total > cap) {
        settle(() => resolve(null));
        stream.destroy();
        return;
      }
      chunks.push(chunk);
    });
    stream.on("error", (err) => settle(() => reject(err)));
    stream.on("end", () => settle(() => resolve(Buffer.concat(chunks, total))));
    stream.end(input);
  });
}

async function inflateBounded(
  inflate: () => Promise<Buffer | null>,
  name: string,
  c: Collector,
): Promise<Buffer> {
  let out: Buffer | null;
  try {
    out = await inflate();
  } catch (err) {
    if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
      c.overBudget(name);
    throw bundleError(name, `cannot be decompressed (${(err as Error).message})`);
  }
  if (out === null) c.overBudget(name);
  return out;
}

// ---- tar ---------------------------------------------------------------------------------

function tarString(b: Buffer, start: number, len: number): string {
  const end = b.indexOf(0, start);
  return b.toString("utf8", start, end === -1 || end > start + len ? start + len : end);
}

function tarNumber(b: Buffer, start: number, len: number, name: string): number {
  const text = tarString(b, start, len).trim();
  if (text === "") return 0;
  if (!/^[0-7]+$/.test(text)) throw bundleError(name, "corrupt tar header (size)");
  return parseInt(text, 8);
}

function checksumOk(h: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : (h[i] as number);
  const stored = parseInt(tarString(h, 148, 8).trim() || "-1", 8);
  return sum === stored;
}

function paxPath(data: Buffer): string | undefined {
  let i = 0;
  let path: string | undefined;
  while (i < data.length) {
    const space = data.indexOf(0x20, i);
    if (space === -1) break;
    const len = parseInt(data.toString("utf8", i, space), 10);
    if (!(len > 0)) break;
    const record = data.toString("utf8", space + 1, i + len - 1);
    const eq = record.indexOf("=");
    if (record.slice(0, eq) === "path") path = record.slice(eq + 1);
    i += len;
  }
  return path;
}

function readTar(tar: Buffer, c: Collector): void {
  let off = 0;
  let longName: string | undefined;
  for (;;) {
    if (off + 512 > tar.length) {
      if (off === tar.length) return; // no end-of-archive blocks, but nothing cut either
      throw bundleError(null, "the tar archive is truncated");
    }
    const h = tar.subarray(off, off + 512);
    if (h.every((x) => x === 0)) return;
    const base = tarString(h, 0, 100);
    if (!checksumOk(h)) throw bundleError(base || null, "corrupt tar header (checksum)");
    const prefix = tar.toString("utf8", off + 257, off + 263).startsWith("ustar")
      ? tarString(h, 345, 155)
      : "";
    let name = longName ?? (prefix ? `${prefix}/${base}` : base);
    longName = undefined;
    const size = tarNumber(h, 124, 12, name);
    const type = String.fromCharCode(h[156] as number);
    const start = off + 512;
    if (start + size > tar.length) throw bundleError(name, "the tar archive is truncated");
    const data = tar.subarray(start, start + size);
    off = start + Math.ceil(size / 512) * 512;
    switch (type) {
      case "0":
      case "\0":
      case "7":
        c.add(name, data);
        break;
      case "5":
        c.dir(name);
        break;
      case "x":
        longName = paxPath(data);
        break;
      case "L":
        longName = data.toString("utf8").replace(/\0+$/, "");
        break;
      case "g":
        break;
      case "1":
        throw contentError(shown(name), "hard links are not allowed");
      case "2":
        throw contentError(shown(name), "symbolic links are not allowed");
      case "3":
      case "4":
      case "6":
        throw contentError(shown(name), "device files and FIFOs are not allowed");
      default:
        name = name || "(unnamed entry)";
        throw bundleError(name, `unsupported tar entry type '${type}'`);
    }
  }
}

async function readTarGz(buf: Buffer, c: Collector, limits: IngestLimits): Promise<void> {
  // The tar stream holds the files plus headers and padding (at most 1.5 KiB a file).
  const cap = Math.max(0, c.budget()) + (limits.maxFiles + 2) * 1536;
  const tar = await inflateBounded(
    () => inflateStream(createGunzip({ chunkSize: CHUNK }), buf, cap),
    "bundle.tar.gz",
    c,
  );
  readTar(tar, c);
}

// ---- zip ---------------------------------------------------------------------------------

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

/**
 * Why an entry's Unix mode (the high 16 bits of its external attributes) is refused, or null for
 * none, a regular file or a folder. Read whatever the "version made by" host byte says: `unzip`
 * restores these bits as a symbolic link for BeOS (16), AtheOS (30), OS/2 HPFS (6), VM/CMS (4),
 * OS X (19) and others, not only for Unix (3).
 */
function refusedMode(external: number): string | null {
  const type = (external >>> 16) & S_IFMT;
  if (type === 0 || type === S_IFREG || type === S_IFDIR) return null;
  if (type === 0o120000) return "symbolic links are not allowed";
  if (type === 0o020000 || type === 0o060000 || type === 0o010000)
    return "device files and FIFOs are not allowed";
  if (type === 0o140000) return "sockets are not allowed";
  return `only regular files and folders are allowed (file type 0o${type.toString(8)})`;
}

async function readZip(buf: Buffer, c: Collector): Promise<void> {
  let inlineBytes = 0;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0)
    throw bundleError(
      null,
      "the zip archive is truncated or not a zip archive (no end of central directory)",
    );
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  let p = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff)
    throw bundleError(null, "ZIP64 archives are not supported");
  if (p + cdSize > eocd)
    throw bundleError(null, "the zip archive is truncated (central directory out of range)");
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50)
      throw bundleError(null, "corrupt zip central directory");
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const external = buf.readUInt32LE(p + 38);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;

    const refusal = refusedMode(external);
    if (refusal) throw contentError(shown(name), refusal);
    if (name.endsWith("/") || ((external >>> 16) & S_IFMT) === S_IFDIR) {
      c.dir(name);
      continue;
    }
    if (flags & 1) throw bundleError(name, "encrypted entries are not allowed");
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50)
      throw bundleError(name, "the zip archive is truncated (missing local header)");
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (dataStart + compressed > buf.length)
      throw bundleError(name, "the zip archive is truncated");
    const raw = buf.subarray(dataStart, dataStart + compressed);
    if (size > c.budget()) c.overBudget(safePath(name) || name);
    const cap = Math.max(1, Math.min(size, c.budget()));
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method !== 8) throw bundleError(name, `unsupported zip compression method ${method}`);
    else if (cap <= INLINE_MAX) {
      data = await inflateBounded(
        async () => inflateRawSync(raw, { maxOutputLength: cap }),
        name,
        c,
      );
      inlineBytes += cap;
      if (inlineBytes >= INLINE_SLICE) {
        inlineBytes = 0;
        await nextTurn();
      }
    } else
      data = await inflateBounded(
        () => inflateStream(createInflateRaw({ chunkSize: CHUNK }), raw, cap),
        name,
        c,
      );
    if (data.length !== size)
      throw bundleError(name, "size does not match the zip directory (corrupt or truncated)");
    c.add(name, data);
  }
}

/** The kind of a bundle's archive (detected once, here) and its regular files, paths normalised, in archive order. */
export async function readArchive(
  buf: Buffer,
  limits: IngestLimits,
): Promise<{ kind: ArchiveKind; files: ArchiveFile[] }> {
  if (buf.length > limits.maxBundleBytes)
    throw bundleError(null, `larger than the limit of ${limits.maxBundleBytes} bytes`);
  const kind = detectKind(buf);
  if (!kind) throw bundleError(null, "not a .tar.gz or .zip archive");
  const c = new Collector(limits, buf.length);
  if (kind === "tar.gz") await readTarGz(buf, c, limits);
  else await readZip(buf, c);
  return { kind, files: c.files };
}
