// Runtimes of a workspace: first paint from the service, then the list lives in TanStack Query.
import type { Metadata } from "next";
import { RuntimesList } from "@/components/runtimes/runtimes-list";
import { PageHeader } from "@/components/ui/card";
import { roleRank } from "@/lib/auth/roles";
import { pageWorkspaceCtx } from "@/lib/orgs/page-context";
import { toRuntime } from "@/lib/runtimes/serializers";
import { listRuntimes } from "@/lib/runtimes/service";

export const metadata: Metadata = { title: "Runtimes" };

export default async function RuntimesPage({
  params,
}: {
  params: Promise<{ org: string; ws: string }>;
}) {
  const { org, ws } = await params;
  const ctx = await pageWorkspaceCtx(org, ws);
  const runtimes = (await listRuntimes(ctx)).map(toRuntime);
  return (
    <>
      <PageHeader
        title="Runtimes"
        description={`Agent runtimes and the capability versions they run in workspace ${ctx.workspace.slug}.`}
      />
      <RuntimesList
        where={{ org: ctx.org.slug, ws: ctx.workspace.slug }}
        canWrite={roleRank(ctx.role) >= roleRank("member")}
        initial={{ runtimes }}
      />
    </>
  );
}
