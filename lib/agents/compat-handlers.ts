// The handlers of the seeds/003 surface (/api/v1/ai/releases), shared by the documented paths
// (getDraft, updateDraft, deployDraft) and the ones Cargo's published client calls (draft,
// draft/update, draft/deploy, deployed): one behaviour under both names.
import "server-only";
import type { z } from "zod";
import type { WorkspaceCtx } from "@/lib/api/context";
import type {
  compatAgentQuery,
  compatDeployBody,
  compatListQuery,
  compatUpdateDraftBody,
} from "./compat-schemas";
import type { ConfigInput } from "./config";
import { deployDraft } from "./deploy";
import { getDraft, updateDraft } from "./drafts";
import { getDeployedRelease, listReleases } from "./releases";
import { toCompatRelease } from "./serializers";

type Args<Q, B> = { ctx: WorkspaceCtx; query: Q; body: B };

export async function compatList({ ctx, query }: Args<z.output<typeof compatListQuery>, unknown>) {
  const { agentUuid, userUuid, statuses, "statuses[]": bracketed, limit, offset } = query;
  const wanted = [...(statuses ?? []), ...(bracketed ?? [])];
  const { releases, total } = await listReleases(ctx, agentUuid, {
    limit,
    offset,
    userId: userUuid,
    statuses: wanted.length ? wanted : undefined,
  });
  return { releases: releases.map(toCompatRelease), total };
}

export async function compatGetDraft({
  ctx,
  query,
}: Args<z.output<typeof compatAgentQuery>, unknown>) {
  return { release: toCompatRelease(await getDraft(ctx, query.agentUuid)) };
}

export async function compatGetDeployed({
  ctx,
  query,
}: Args<z.output<typeof compatAgentQuery>, unknown>) {
  return { release: toCompatRelease(await getDeployedRelease(ctx, query.agentUuid)) };
}

export async function compatUpdateDraft({
  ctx,
  body,
}: Args<unknown, z.output<typeof compatUpdateDraftBody>>) {
  const { agentUuid, description, parentUuid, options, ...config } = body;
  return {
    release: toCompatRelease(
      await updateDraft(
        ctx,
        agentUuid,
        {
          config: config as Partial<ConfigInput>,
          description,
          parentId: parentUuid,
          options,
          partial: true,
        },
        "camel",
      ),
    ),
  };
}

export async function compatDeployDraft({
  ctx,
  body,
}: Args<unknown, z.output<typeof compatDeployBody>>) {
  const { agentUuid, version, description, options, parentUuid, ...config } = body;
  return {
    release: toCompatRelease(
      await deployDraft(
        ctx,
        agentUuid,
        { config: config as ConfigInput, version, description, options, parentId: parentUuid },
        "camel",
      ),
    ),
  };
}
