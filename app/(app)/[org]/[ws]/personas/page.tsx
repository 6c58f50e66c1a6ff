// Personas of a workspace: the simulated users of its optimization runs. First paint from the
// service (which adds the default set the first time), then the list lives in TanStack Query.
import type { Metadata } from "next";
import { PersonasPanel } from "@/components/personas/personas-panel";
import { PageHeader } from "@/components/ui/card";
import { roleRank } from "@/lib/auth/roles";
import { listPersonas } from "@/lib/optimization/personas";
import { toPersona } from "@/lib/optimization/serializers";
import { OPTIMIZATION_VIEWER_REASON } from "@/lib/optimization/view";
import { pageWorkspaceCtx } from "@/lib/orgs/page-context";

export const metadata: Metadata = { title: "Personas" };

export default async function PersonasPage({
  params,
}: {
  params: Promise<{ org: string; ws: string }>;
}) {
  const { org, ws } = await params;
  const ctx = await pageWorkspaceCtx(org, ws);
  const personas = (await listPersonas(ctx)).map(toPersona);
  return (
    <>
      <PageHeader
        title="Personas"
        description={`The simulated users that optimization runs in workspace ${ctx.workspace.slug} hold conversations with. A run uses all of them unless you pick some.`}
      />
      <PersonasPanel
        where={{ org: ctx.org.slug, ws: ctx.workspace.slug }}
        canWrite={roleRank(ctx.role) >= roleRank("member")}
        reason={OPTIMIZATION_VIEWER_REASON}
        initial={{ personas }}
      />
    </>
  );
}
