// Which model provider a workspace uses, and the service behind Settings → Model provider. A
// workspace's own settings (a ModelProvider row, its API key encrypted at rest) win over the
// environment (QUIVER_LLM_*); with neither, there is none. The engine calls `resolveProvider` when
// a job starts; the API reads, replaces, removes and tests the workspace's settings. The key
// never leaves this module except inside a ProviderConfig handed to the client.
import type { WorkspaceCtx } from "@/lib/api/context";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { decryptSecret, encryptSecret, SecretDecryptionError } from "@/lib/crypto/secrets";
import type { Db, Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { testConnection } from "./client";
import type {
  ModelProviderTestResult,
  ModelProviderView,
  PutModelProviderInput,
} from "./provider-schemas";
import type { ProviderConfig } from "./types";

type ProviderRow = NonNullable<Awaited<ReturnType<Db["modelProvider"]["findUnique"]>>>;

const trimSlash = (url: string) => url.replace(/\/+$/, "");

/** The provider the environment configures: QUIVER_LLM_BASE_URL and QUIVER_LLM_MODEL, or none. */
export function envProvider(): ProviderConfig | null {
  const e = env();
  if (!e.QUIVER_LLM_BASE_URL || !e.QUIVER_LLM_MODEL) return null;
  const model = e.QUIVER_LLM_MODEL;
  return {
    baseUrl: trimSlash(e.QUIVER_LLM_BASE_URL),
    apiKey: e.QUIVER_LLM_API_KEY || null,
    models: {
      agent: e.QUIVER_LLM_AGENT_MODEL || model,
      user: e.QUIVER_LLM_USER_MODEL || model,
      judge: e.QUIVER_LLM_JUDGE_MODEL || model,
    },
    maxConcurrency: e.QUIVER_LLM_CONCURRENCY,
    timeoutMs: e.QUIVER_LLM_TIMEOUT_MS,
    maxRetries: e.QUIVER_LLM_MAX_RETRIES,
    source: "environment",
  };
}

/** A workspace row as a config. Throws SecretDecryptionError when QUIVER_SECRET_KEY changed since the key was stored. */
function rowConfig(row: ProviderRow): ProviderConfig {
  return {
    baseUrl: row.baseUrl,
    apiKey: row.apiKeyCiphertext ? decryptSecret(row.apiKeyCiphertext) : null,
    models: {
      agent: row.agentModel ?? row.model,
      user: row.userModel ?? row.model,
      judge: row.judgeModel ?? row.model,
    },
    maxConcurrency: row.maxConcurrency,
    timeoutMs: row.timeoutMs,
    maxRetries: env().QUIVER_LLM_MAX_RETRIES,
    source: "workspace",
  };
}

/**
 * The provider a workspace's jobs use: its own settings when it has them (API key decrypted),
 * else the environment's, else null. Throws SecretDecryptionError when the stored key cannot be
 * decrypted (QUIVER_SECRET_KEY changed): that is an error to report, not a reason to fall back.
 */
export async function resolveProvider(
  db: Db | Tx,
  workspaceId: string,
): Promise<ProviderConfig | null> {
  const row = await db.modelProvider.findUnique({ where: { workspaceId } });
  return row ? rowConfig(row) : envProvider();
}

function environmentView(): ModelProviderView["environment"] {
  const e = envProvider();
  return e
    ? { base_url: e.baseUrl, model: env().QUIVER_LLM_MODEL!, api_key_set: e.apiKey !== null }
    : null;
}

/** GET: what applies to the workspace, and what the environment would give. Never the key. */
export async function getModelProvider(ctx: WorkspaceCtx): Promise<ModelProviderView> {
  const row = await ctx.db.modelProvider.findUnique({ where: { workspaceId: ctx.workspace.id } });
  const environment = environmentView();
  if (row) {
    const user = row.updatedById
      ? await ctx.db.user.findUnique({
          where: { id: row.updatedById },
          select: { id: true, email: true },
        })
      : null;
    return {
      source: "workspace",
      base_url: row.baseUrl,
      model: row.model,
      agent_model: row.agentModel,
      user_model: row.userModel,
      judge_model: row.judgeModel,
      max_concurrency: row.maxConcurrency,
      timeout_ms: row.timeoutMs,
      api_key_set: row.apiKeyCiphertext !== null,
      api_key_last4: row.apiKeyCiphertext ? row.apiKeyLast4 : null,
      updated_at: row.updatedAt.toISOString(),
      updated_by: row.updatedById ? { id: row.updatedById, email: user?.email ?? null } : null,
      environment,
    };
  }
  const e = env();
  if (environment) {
    const key = e.QUIVER_LLM_API_KEY || null;
    return {
      source: "environment",
      base_url: environment.base_url,
      model: environment.model,
      agent_model: e.QUIVER_LLM_AGENT_MODEL || null,
      user_model: e.QUIVER_LLM_USER_MODEL || null,
      judge_model: e.QUIVER_LLM_JUDGE_MODEL || null,
      max_concurrency: e.QUIVER_LLM_CONCURRENCY,
      timeout_ms: e.QUIVER_LLM_TIMEOUT_MS,
      api_key_set: key !== null,
      api_key_last4: key ? last4(key) : null,
      updated_at: null,
      updated_by: null,
      environment,
    };
  }
  return {
    source: "none",
    base_url: null,
    model: null,
    agent_model: null,
    user_model: null,
    judge_model: null,
    max_concurrency: null,
    timeout_ms: null,
    api_key_set: false,
    api_key_last4: null,
    updated_at: null,
    updated_by: null,
    environment: null,
  };
}

/** The key's last 4 characters, for recognising it; none for a key so short they would be most of it. */
function last4(key: string): string | null {
  return key.length < 12 ? null : key.slice(-4);
}

/** The settings without the key, per-role models empty → null: what is stored and audited. */
function settingsOf(input: PutModelProviderInput) {
  return {
    base_url: input.base_url,
    model: input.model,
    agent_model: input.agent_model || null,
    user_model: input.user_model || null,
    judge_model: input.judge_model || null,
    max_concurrency: input.max_concurrency,
    timeout_ms: input.timeout_ms,
  };
}

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};

/**
 * A stored key is only ever sent to the host it was saved for: settings that move the endpoint to
 * another origin must carry the key again (else an admin could point the stored key at a server
 * of their own and read it there).
 */
function checkKeyStaysWithItsHost(
  stored: { baseUrl: string; apiKeyCiphertext: string | null } | null,
  input: PutModelProviderInput,
): void {
  if (input.api_key !== undefined || !stored?.apiKeyCiphertext) return;
  if (originOf(stored.baseUrl) === originOf(input.base_url)) return;
  throw new ApiError(
    "validation",
    `The stored API key was saved for ${originOf(stored.baseUrl)}; to use ${originOf(input.base_url)}, enter its API key (or null for none)`,
    {
      errors: [
        {
          loc: ["body", "api_key"],
          msg: "required when the base URL moves to another host",
          type: "missing",
        },
      ],
    },
  );
}

/** PUT: creates or replaces the workspace's settings. `api_key` omitted keeps the stored key, null removes it. */
export async function putModelProvider(
  ctx: WorkspaceCtx,
  input: PutModelProviderInput,
): Promise<ModelProviderView> {
  await ctx.db.$transaction(async (tx) => {
    const before = await tx.modelProvider.findUnique({
      where: { workspaceId: ctx.workspace.id },
      select: { id: true, apiKeyCiphertext: true, baseUrl: true },
    });
    checkKeyStaysWithItsHost(before, input);
    const key =
      input.api_key === undefined
        ? {}
        : input.api_key === null
          ? { apiKeyCiphertext: null, apiKeyLast4: null }
          : { apiKeyCiphertext: encryptSecret(input.api_key), apiKeyLast4: last4(input.api_key) };
    const settings = settingsOf(input);
    const data = {
      baseUrl: settings.base_url,
      model: settings.model,
      agentModel: settings.agent_model,
      userModel: settings.user_model,
      judgeModel: settings.judge_model,
      maxConcurrency: settings.max_concurrency,
      timeoutMs: settings.timeout_ms,
      updatedById: ctx.actor.userId,
      ...key,
    };
    const row = await tx.modelProvider.upsert({
      where: { workspaceId: ctx.workspace.id },
      create: { workspaceId: ctx.workspace.id, ...data },
      update: data,
      select: { id: true },
    });
    const hadKey = Boolean(before?.apiKeyCiphertext);
    const apiKey =
      input.api_key === undefined
        ? hadKey
          ? "kept"
          : "none"
        : input.api_key === null
          ? hadKey
            ? "removed"
            : "none"
          : hadKey
            ? "replaced"
            : "set";
    await recordAudit(tx, ctx, {
      orgId: ctx.org.id,
      workspaceId: ctx.workspace.id,
      action: before ? "model_provider.update" : "model_provider.create",
      targetType: "model_provider",
      targetId: row.id,
      summary: { workspace: ctx.workspace.slug, ...settings, api_key: apiKey },
    });
  });
  return getModelProvider(ctx);
}

/** DELETE: removes the workspace's settings, so the environment applies again. Idempotent. */
export async function deleteModelProvider(ctx: WorkspaceCtx): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const row = await tx.modelProvider.findUnique({
      where: { workspaceId: ctx.workspace.id },
      select: { id: true, baseUrl: true, model: true },
    });
    if (!row) return;
    await tx.modelProvider.delete({ where: { id: row.id } });
    await recordAudit(tx, ctx, {
      orgId: ctx.org.id,
      workspaceId: ctx.workspace.id,
      action: "model_provider.delete",
      targetType: "model_provider",
      targetId: row.id,
      summary: {
        workspace: ctx.workspace.slug,
        base_url: row.baseUrl,
        model: row.model,
        falls_back_to: envProvider() ? "environment" : "none",
      },
    });
  });
}

function undecryptable(): ApiError {
  return new ApiError(
    "conflict",
    "The stored API key cannot be decrypted: QUIVER_SECRET_KEY is not the key it was encrypted with. Enter the API key again and save.",
  );
}

/**
 * POST /test: tries the given unsaved settings (an omitted `api_key`: the stored one), or with no
 * settings the configuration that applies. Answers the client's result either way; no provider
 * at all is a 409.
 */
export async function testModelProvider(
  ctx: WorkspaceCtx,
  input: PutModelProviderInput | undefined,
): Promise<ModelProviderTestResult> {
  const row = await ctx.db.modelProvider.findUnique({ where: { workspaceId: ctx.workspace.id } });
  let config: ProviderConfig | null;
  let source: ModelProviderTestResult["tested"]["source"];
  try {
    if (input) {
      checkKeyStaysWithItsHost(row, input);
      const s = settingsOf(input);
      const storedKey = row?.apiKeyCiphertext ? decryptSecret(row.apiKeyCiphertext) : null;
      config = {
        baseUrl: s.base_url,
        apiKey: input.api_key === undefined ? storedKey : input.api_key,
        models: {
          agent: s.agent_model ?? s.model,
          user: s.user_model ?? s.model,
          judge: s.judge_model ?? s.model,
        },
        maxConcurrency: s.max_concurrency,
        timeoutMs: s.timeout_ms,
        maxRetries: env().QUIVER_LLM_MAX_RETRIES,
        source: "workspace",
      };
      source = "form";
    } else {
      config = row ? rowConfig(row) : envProvider();
      source = row ? "workspace" : "environment";
    }
  } catch (err) {
    if (err instanceof SecretDecryptionError) throw undecryptable();
    throw err;
  }
  if (!config) {
    throw new ApiError(
      "conflict",
      `Workspace '${ctx.workspace.slug}' has no model provider to test: save one for it, or set QUIVER_LLM_BASE_URL and QUIVER_LLM_MODEL in Quiver's environment`,
    );
  }
  const result = await testConnection(config);
  const tested = { source, base_url: config.baseUrl };
  return result.ok
    ? {
        ok: true,
        latency_ms: result.latency_ms,
        models: result.models,
        reply: result.reply,
        tested,
      }
    : { ok: false, kind: result.kind, message: result.message, tested };
}
