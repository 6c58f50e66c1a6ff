// Prompts of a workspace: search and status in the URL; first paint from the service, then the
// list lives in TanStack Query.
import type { Metadata } from "next";
import { PromptsList } from "@/components/prompts/prompts-list";
import { PageHeader } from "@/components/ui/card";
import { roleRank } from "@/lib/auth/roles";
import { promptListQuery } from "@/lib/optimization/schemas";
import { listPrompts } from "@/lib/optimization/prompts";
import { toPrompt } from "@/lib/optimization/serializers";
import { OPTIMIZATION_VIEWER_REASON } from "@/lib/optimization/view";
import { paginate } from "@/lib/api/schemas";
import { pageWorkspaceCtx } from "@/lib/orgs/page-context";

export const metadata: Metadata = { title: "Prompts" };

export default async function PromptsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; ws: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ org, ws }, sp] = await Promise.all([params, searchParams]);
  const ctx = await pageWorkspaceCtx(org, ws);
  const search = typeof sp.search === "string" ? sp.search : "";
  const status = typeof sp.status === "string" ? sp.status : "";
  // The same query string the browser sends, so that the first paint seeds its cache.
  const qs = new URLSearchParams([
    ...(search ? [["search", search]] : []),
    ...(status ? [["status", status]] : []),
    ["limit", "100"],
  ]).toString();
  const parsed = promptListQuery.safeParse(Object.fromEntries(new URLSearchParams(qs)));
  const q = parsed.success ? parsed.data : promptListQuery.parse({ limit: "100" });
  const { total, prompts } = await listPrompts(ctx, q);
  return (
    <>
      <PageHeader
        title="Prompts"
        description={`Versioned system prompts of workspace ${ctx.workspace.slug}. Optimize one to test variants of it against simulated users.`}
      />
      <PromptsList
        where={{ org: ctx.org.slug, ws: ctx.workspace.slug }}
        canWrite={roleRank(ctx.role) >= roleRank("member")}
        reason={OPTIMIZATION_VIEWER_REASON}
        initial={{ prompts: prompts.map(toPrompt), ...paginate(total, q.page, q.limit) }}
        initialQs={parsed.success ? qs : ""}
      />
    </>
  );
}
