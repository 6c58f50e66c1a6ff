// The CLI side of `push`: pack a capability folder deterministically and send it to a server.
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { packCapability } from "./ingest/pack";

const SKIP = new Set([".git", "node_modules", "__pycache__", ".DS_Store"]);

/** Every regular file under `dir`, with paths relative to it; a symbolic link is an error. */
export function collectFiles(dir: string): { path: string; data: Buffer }[] {
  const out: { path: string; data: Buffer }[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      if (SKIP.has(name)) continue;
      const relPath = rel ? `${rel}/${name}` : name;
      const st = lstatSync(path.join(dir, relPath));
      if (st.isSymbolicLink())
        throw new Error(`${relPath}: symbolic links are not allowed in a capability`);
      if (st.isDirectory()) walk(relPath);
      else if (st.isFile())
        out.push({ path: relPath, data: readFileSync(path.join(dir, relPath)) });
      else throw new Error(`${relPath}: only regular files can be pushed`);
    }
  };
  walk("");
  return out;
}

export interface PushResult {
  status: number;
  body: { name?: string; version?: string; runtime_digest?: string; detail?: string };
}

export async function pushFolder(
  dir: string,
  opts: { url: string; token: string; org: string },
): Promise<PushResult> {
  const bundle = packCapability(collectFiles(dir));
  const res = await fetch(
    new URL(`/api/v1/org/${encodeURIComponent(opts.org)}/capabilities`, opts.url),
    {
      method: "POST",
      headers: {
        authorization: `Bearer ${opts.token}`,
        "content-type": "application/gzip",
        "x-quiver-client": "cli",
      },
      body: new Uint8Array(bundle),
    },
  );
  const body = (await res
    .json()
    .catch(() => ({ detail: `HTTP ${res.status}` }))) as PushResult["body"];
  return { status: res.status, body };
}
