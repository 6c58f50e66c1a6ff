// One runtime: its bindings (switches, versions and upgrades, flags), the resolved configuration
// with how a runtime fetches it and reports back, and its history. First paint from the services;
// every change goes through /api/v1 with TanStack Query, then refreshes this page's history.
import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { BindingsTable } from "@/components/runtimes/bindings-table";
import { declaredFlagsOf, flagsKey, type DeclaredFlag } from "@/components/runtimes/flags";
import { ResolvedConfig } from "@/components/runtimes/resolved-config";
import { RuntimeHeader } from "@/components/runtimes/runtime-header";
import { RuntimeHistoryView } from "@/components/runtimes/runtime-history";
import { ToolDriftSection } from "@/components/runtimes/tool-drift";
import { VIEWER_REASON } from "@/components/runtimes/viewer";
import { roleRank } from "@/lib/auth/roles";
import { pageWorkspaceCtx } from "@/lib/orgs/page-context";
import { missingAsNull, objectTitle } from "@/lib/pages/load";
import { runtimeHistory } from "@/lib/runtimes/history";
import { toBinding, toRuntime } from "@/lib/runtimes/serializers";
import { getRuntime, listBindings, resolvedOf, toolDriftReportOf } from "@/lib/runtimes/service";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Params = Promise<{ org: string; ws: string; id: string }>;

/** The runtime, for the page and its title (one read per request); null: nothing to show. */
const load = cache(async (org: string, ws: string, id: string) => {
  if (!UUID.test(id)) return null;
  const ctx = await pageWorkspaceCtx(org, ws);
  const rt = await getRuntime(ctx, id).catch(missingAsNull);
  return rt && { ctx, rt };
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { org, ws, id } = await params;
  return objectTitle((await load(org, ws, id))?.rt.name, "Runtimes");
}
const HISTORY_PAGE = 50;

/** The origin the browser used, for the copyable commands. */
async function origin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto =
    h.get("x-forwarded-proto")?.split(",")[0]?.trim() ??
    (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

export default async function RuntimePage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<{ history?: string }>;
}) {
  const [{ org, ws, id }, query] = await Promise.all([params, searchParams]);
  const loaded = await load(org, ws, id);
  if (!loaded) notFound();
  const { ctx, rt } = loaded;
  const allHistory = query.history === "all";
  const [bindings, resolved, toolDrift, history, base] = await Promise.all([
    listBindings(ctx, id),
    resolvedOf(ctx, id),
    toolDriftReportOf(ctx, id),
    runtimeHistory(ctx, id, allHistory ? 1000 : HISTORY_PAGE),
    origin(),
  ]);
  const items = bindings.map((b) => toBinding(ctx, b));
  const flags: Record<string, DeclaredFlag[]> = Object.fromEntries(
    bindings.map((b, i) => [
      flagsKey(items[i]!.capability_name, items[i]!.version),
      declaredFlagsOf(b.version.manifest),
    ]),
  );
  const where = { org: ctx.org.slug, ws: ctx.workspace.slug };
  const canWrite = roleRank(ctx.role) >= roleRank("member");
  const path = `/${where.org}/${where.ws}/runtimes/${id}`;

  return (
    <>
      <RuntimeHeader
        where={where}
        initial={toRuntime(rt)}
        canWrite={canWrite}
        reason={VIEWER_REASON}
      />
      <div className="space-y-8">
        <BindingsTable
          where={where}
          runtimeId={id}
          initial={{ items }}
          initialFlags={flags}
          access={{ canWrite, reason: VIEWER_REASON }}
        />
        <ToolDriftSection where={where} runtimeId={id} initial={toolDrift} />
        <ResolvedConfig
          where={where}
          runtimeId={id}
          origin={base}
          initial={resolved}
          initialBindings={{ items }}
        />
        <div>
          <RuntimeHistoryView history={history} />
          {!allHistory && history.total > history.events.length ? (
            <Link
              href={`${path}?history=all`}
              scroll={false}
              className="mt-2 inline-block text-sm font-medium text-indigo-700 hover:underline"
            >
              Show all {history.total} events
            </Link>
          ) : null}
        </div>
      </div>
    </>
  );
}
