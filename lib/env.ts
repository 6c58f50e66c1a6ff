// The one reader of process.env: every setting Quiver understands, validated with zod, with its
// default. Anything else in the code asks this module.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import proxyaddr from "proxy-addr";
import { z } from "zod";
import { isDatabaseUrl, providerOf, type Provider } from "./db/provider";
import { parseAllowedHost } from "./net/allowed-hosts";

const flag = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((v) =>
      v === undefined || v === ""
        ? fallback
        : !["0", "false", "no", "off"].includes(v.toLowerCase()),
    );

const validProxy = (entry: string) => {
  try {
    proxyaddr.compile(entry);
    return true;
  } catch {
    return false;
  }
};

const intFrom = (fallback: number, min: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === "" ? fallback : Number(v)))
    .pipe(z.number().int().min(min));

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .default("file:./data/quiver.db")
    .refine(isDatabaseUrl, "DATABASE_URL must start with file: or postgresql://"),
  QUIVER_DATA_DIR: z.string().default("./data"),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  // The public URL of the app (next-auth's); https turns on HSTS and upgrade-insecure-requests.
  NEXTAUTH_URL: z.url().optional(),
  QUIVER_DEMO: flag(true),
  QUIVER_RATE_LIMIT_PER_MINUTE: intFrom(1200, 1),
  // Request limits (lib/api/rate-limit.ts): a user's requests, all tokens and sessions together
  // (0: twice QUIVER_RATE_LIMIT_PER_MINUTE); Redis to share the counts between instances.
  QUIVER_RATE_LIMIT_USER_PER_MINUTE: intFrom(0, 0),
  REDIS_URL: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .refine(
      (v) => v === undefined || /^rediss?:\/\//.test(v),
      "REDIS_URL must start with redis:// or rediss://",
    ),
  // Proxies whose X-Forwarded-For is believed: IPs, CIDRs, or loopback/linklocal/uniquelocal.
  QUIVER_TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    )
    .refine(
      (list) => list.every(validProxy),
      "QUIVER_TRUSTED_PROXIES: each entry must be an IP, a CIDR, or loopback, linklocal or uniquelocal",
    ),
  // Sign-in attempts (lib/auth/sign-in-limits.ts): free failures per account and address, then a
  // lock that doubles from QUIVER_SIGNIN_LOCK_SECONDS up to the maximum; failures per address.
  QUIVER_SIGNIN_FREE_FAILURES: intFrom(5, 1),
  QUIVER_SIGNIN_LOCK_SECONDS: intFrom(30, 1),
  QUIVER_SIGNIN_MAX_LOCK_SECONDS: intFrom(15 * 60, 1),
  QUIVER_SIGNIN_FAILURES_PER_ADDRESS_PER_HOUR: intFrom(100, 1),
  QUIVER_SIGNUPS_PER_ADDRESS_PER_HOUR: intFrom(20, 1),
  QUIVER_MAX_JSON_BODY_BYTES: intFrom(1024 * 1024, 1024),
  QUIVER_VALIDATE_RESPONSES: z.string().optional(),
  QUIVER_LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  PORT: intFrom(3000, 1),
  // Server processes `npm start` runs on the one port (scripts/start.mjs, Node's cluster module):
  // `auto` (the default) for one per core, `1` for a single process. The primary passes the number
  // it chose to its processes, with each one's index (1, 2, ...) and whether it skips the start-up
  // bootstrap (every process but the first: migrations and the demo seed run once).
  QUIVER_WEB_CONCURRENCY: z
    .string()
    .optional()
    .refine(
      (v) => !v || v === "auto" || /^[1-9][0-9]{0,2}$/.test(v),
      "QUIVER_WEB_CONCURRENCY must be auto or a whole number of processes from 1 to 999",
    ),
  // How far a server process's heap may grow past its last full collection (scripts/start.mjs
  // applies it; 0: V8's own growth).
  QUIVER_HEAP_GROWTH_PERCENT: intFrom(50, 0).refine(
    (n) => n <= 999,
    "QUIVER_HEAP_GROWTH_PERCENT must be a whole number from 0 to 999",
  ),
  QUIVER_CLUSTER_WORKER: intFrom(0, 0),
  QUIVER_SKIP_BOOTSTRAP: flag(false),
  QUIVER_BUNDLE_MAX_BYTES: intFrom(50 * 1024 * 1024, 1024),
  QUIVER_BUNDLE_MAX_FILES: intFrom(5000, 1),
  QUIVER_BUNDLE_MAX_UNPACKED_BYTES: intFrom(200 * 1024 * 1024, 1024),
  QUIVER_BUNDLE_MAX_RATIO: intFrom(100, 1),
  QUIVER_MANIFEST_MAX_BYTES: intFrom(256 * 1024, 1024),
  // Paths inside a bundle: segments (folders and file name), and UTF-8 bytes.
  QUIVER_BUNDLE_MAX_PATH_DEPTH: intFrom(32, 2),
  QUIVER_BUNDLE_MAX_PATH_BYTES: intFrom(1024, 64),
  // Blob garbage collection (lib/db/blob-gc.ts): how often a server runs it (0: never; `npm run
  // quiver -- db gc` still does), and how old an unreferenced blob must be to be removed.
  QUIVER_BLOB_GC_INTERVAL_MINUTES: intFrom(60, 0),
  QUIVER_BLOB_GC_GRACE_MINUTES: intFrom(60, 0),
  // For the CLI's `push`: which server, and the API token to push with.
  QUIVER_URL: z.url().default("http://localhost:3000"),
  QUIVER_TOKEN: z.string().optional(),
  // The model provider of the built-in optimization executor (an OpenAI-compatible endpoint).
  QUIVER_LLM_BASE_URL: z.url().optional(),
  QUIVER_LLM_API_KEY: z.string().optional(),
  QUIVER_LLM_MODEL: z.string().optional(),
  // Optional per-role models: the agent under test, the simulated user, the judge (which also
  // writes the variants and scenarios). Each falls back to QUIVER_LLM_MODEL.
  QUIVER_LLM_AGENT_MODEL: z.string().optional(),
  QUIVER_LLM_USER_MODEL: z.string().optional(),
  QUIVER_LLM_JUDGE_MODEL: z.string().optional(),
  QUIVER_LLM_CONCURRENCY: intFrom(8, 1),
  QUIVER_LLM_TIMEOUT_MS: intFrom(60_000, 100),
  QUIVER_LLM_MAX_RETRIES: intFrom(4, 0),
  // Private, loopback or internal hosts that a workspace's model provider may reach (comma-separated
  // host names, host:port, IPs, IP:port or CIDRs); every other private address is refused.
  QUIVER_LLM_ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    )
    .superRefine((entries, ctx) => {
      for (const e of entries) {
        if (!parseAllowedHost(e))
          ctx.addIssue({
            code: "custom",
            message: `'${e}' is not a host name, host:port, IP address, IP:port or CIDR`,
          });
      }
    }),
  // Encrypts secrets at rest (provider API keys, MCP client credentials). Generated into the data
  // directory when unset.
  QUIVER_SECRET_KEY: z.string().min(16).optional(),
  // The built-in job runner: in-process with the web server unless QUIVER_WORKER=0.
  QUIVER_WORKER: flag(true),
  QUIVER_WORKER_JOBS: intFrom(2, 1),
  QUIVER_WORKER_LEASE_MS: intFrom(30_000, 500),
  QUIVER_WORKER_MAX_ATTEMPTS: intFrom(3, 1),
  QUIVER_WORKSPACE_RUNNING_LIMIT: intFrom(10, 1),
  // Sign-in (lib/auth): password hashes computed at once (each on libuv's thread pool), and how
  // long a browser session lives without use and at most.
  QUIVER_PASSWORD_HASH_CONCURRENCY: intFrom(2, 1),
  QUIVER_SESSION_IDLE_HOURS: intFrom(7 * 24, 1),
  QUIVER_SESSION_MAX_HOURS: intFrom(30 * 24, 1),
  // Teams (lib/members, lib/invitations): who may create an account (`open`: anyone; `invite`:
  // only through an invitation link or single sign-on; `closed`: only the CLI), and how long an
  // invitation link stays valid.
  QUIVER_SIGNUP: z.enum(["open", "invite", "closed"]).default("open"),
  QUIVER_INVITATION_TTL_DAYS: intFrom(7, 1),
  // Email (lib/mail): invitations are also sent when an SMTP server is set
  // (smtp://user:pass@host:587, smtps://... for TLS from the start).
  QUIVER_SMTP_URL: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .refine(
      (v) => v === undefined || /^smtps?:\/\/[^/]/.test(v),
      "QUIVER_SMTP_URL must be smtp://[user:pass@]host[:port] or smtps://...",
    ),
  QUIVER_MAIL_FROM: z.string().optional(),
  // Single sign-on (lib/auth/sso.ts): one OpenID Connect provider, offered when the issuer, the
  // client id and the client secret are set. Allowed domains: comma-separated email domains.
  QUIVER_OIDC_ISSUER: z.url().optional(),
  QUIVER_OIDC_CLIENT_ID: z.string().optional(),
  QUIVER_OIDC_CLIENT_SECRET: z.string().optional(),
  QUIVER_OIDC_NAME: z.string().default("SSO"),
  QUIVER_OIDC_ALLOWED_DOMAINS: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(",")
            .map((s) => s.trim().toLowerCase().replace(/^@/, ""))
            .filter(Boolean)
        : [],
    ),
  // A worker dedicated to some workspaces: their ids, comma-separated (default: every workspace).
  QUIVER_WORKER_WORKSPACES: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined,
    ),
});

export type Env = z.infer<typeof schema> & {
  databaseProvider: Provider;
  validateResponses: boolean;
};

let cached: Env | undefined;

/** The validated environment. Throws once, clearly, on a bad setting. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  const e = parsed.data;
  cached = {
    ...e,
    databaseProvider: providerOf(e.DATABASE_URL),
    validateResponses:
      e.QUIVER_VALIDATE_RESPONSES !== undefined
        ? e.QUIVER_VALIDATE_RESPONSES === "1"
        : e.NODE_ENV !== "production",
  };
  return cached;
}

/** For tests that change settings between cases. */
export function resetEnvCache(): void {
  cached = undefined;
  secret = undefined;
}

let secret: string | undefined;

/**
 * A secret generated on first use and kept in the data directory (`name`), so that every instance
 * sharing that directory agrees on it and it survives a restart.
 */
export function dataDirSecret(name: string): string {
  const file = path.resolve(env().QUIVER_DATA_DIR, name);
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    return readFileSync(file, "utf8").trim();
  }
}

/** The secret that signs sessions: NEXTAUTH_SECRET when set, else one kept in the data directory. */
export function authSecret(): string {
  secret ??= env().NEXTAUTH_SECRET ?? dataDirSecret(".auth-secret");
  return secret;
}
