"use client";
// The runtimes of a workspace: what each binds and enables, whether it runs what it should (sync
// status and last heartbeat) and how many of its capabilities have a newer version. Members and
// above create runtimes here; viewers see why they cannot.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card, EmptyState, ErrorState, LoadingRows } from "@/components/ui/card";
import { Field, FormError, Input } from "@/components/ui/form";
import { DataTable } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { ApiClientError } from "@/lib/api/client";
import { useCreateRuntime, useRuntimes, type RuntimeView, type Where } from "./hooks";
import { SyncBadge } from "./sync-status";
import { ToolDriftBadge } from "./tool-drift";
import { VIEWER_REASON } from "./viewer";

function CreateRuntimeForm({ where, onCancel }: { where: Where; onCancel?: () => void }) {
  const router = useRouter();
  const create = useCreateRuntime(where);
  const err = create.error instanceof ApiClientError ? create.error : null;
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    create.mutate(
      {
        name: String(form.get("name") ?? "").trim(),
        description: String(form.get("description") ?? "").trim(),
      },
      { onSuccess: (rt) => router.push(`/${where.org}/${where.ws}/runtimes/${rt.id}`) },
    );
  }
  return (
    <form
      onSubmit={onSubmit}
      className="grid grid-cols-1 gap-4 p-5 md:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]"
      noValidate
      aria-label="Create a runtime"
    >
      <div className="md:col-span-2">
        <h2 className="text-base font-semibold text-slate-900">Create a runtime</h2>
        <p className="text-sm text-slate-600">
          A runtime is one deployed agent (or fleet of identical ones) that loads its capabilities
          from Quiver. Add capabilities to it next.
        </p>
      </div>
      {err &&
      err.status !== 409 &&
      !err.fieldMessage("name") &&
      !err.fieldMessage("description") ? (
        <div className="md:col-span-2">
          <FormError message={err.message} />
        </div>
      ) : null}
      <Field
        label="Name"
        htmlFor="runtime-name"
        error={err?.fieldMessage("name") ?? (err?.status === 409 ? err.message : undefined)}
      >
        <Input
          id="runtime-name"
          name="name"
          placeholder="e.g. support-agent-prod"
          required
          maxLength={100}
          autoFocus
        />
      </Field>
      <Field
        label="Description"
        htmlFor="runtime-description"
        error={err?.fieldMessage("description")}
        hint="Optional: where it runs and what it is for."
      >
        <Input
          id="runtime-description"
          name="description"
          placeholder="e.g. Customer support agent, EU production cluster"
          maxLength={1000}
        />
      </Field>
      <div className="flex gap-2 md:col-span-2">
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create runtime"}
        </Button>
        {onCancel ? (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

function Counts({ rt }: { rt: RuntimeView }) {
  if (rt.binding_count === 0) return <span className="text-slate-500">None yet</span>;
  const disabled = rt.binding_count - rt.enabled_count;
  return (
    <span className="whitespace-nowrap">
      <span className="font-medium text-slate-900">{rt.binding_count}</span> bound
      <span className="block text-xs text-slate-500">
        {disabled
          ? `${rt.enabled_count} enabled, ${disabled} disabled`
          : rt.enabled_count === 1
            ? "enabled"
            : `all ${rt.enabled_count} enabled`}
      </span>
    </span>
  );
}

/** Its sync status and, when its capabilities declare tools, its tool drift. */
function SyncCell({ rt, href }: { rt: RuntimeView; href: string }) {
  return (
    <>
      <div className="flex flex-col items-start gap-1">
        <SyncBadge status={rt.sync.status} />
        {rt.tool_drift.status === "drift" ? (
          <Link href={`${href}#tool-drift`}>
            <ToolDriftBadge drift={rt.tool_drift} />
          </Link>
        ) : rt.tool_drift.servers > 0 ? (
          <ToolDriftBadge drift={rt.tool_drift} />
        ) : null}
      </div>
      {rt.sync.status !== "unknown" && rt.sync.reported_status ? (
        <p
          className="mt-1 max-w-[12rem] truncate text-xs text-slate-500"
          title={rt.sync.reported_status}
        >
          reports “{rt.sync.reported_status}”
        </p>
      ) : null}
    </>
  );
}

function Row({ rt, where }: { rt: RuntimeView; where: Where }) {
  const href = `/${where.org}/${where.ws}/runtimes/${rt.id}`;
  return (
    <tr data-testid="runtime-row" data-runtime={rt.name} className="align-top">
      <td className="px-4 py-3">
        <Link href={href} className="font-medium text-indigo-700 hover:underline">
          {rt.name}
        </Link>
        {rt.description ? (
          <p className="mt-0.5 line-clamp-2 max-w-md text-xs text-slate-600">{rt.description}</p>
        ) : null}
      </td>
      <td className="px-4 py-3">
        <Counts rt={rt} />
      </td>
      <td className="px-4 py-3">
        <SyncCell rt={rt} href={href} />
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-slate-700">
        {rt.sync.last_heartbeat_at ? (
          <Time iso={rt.sync.last_heartbeat_at} />
        ) : (
          <span className="text-slate-500">never</span>
        )}
      </td>
      <td className="px-4 py-3">
        {rt.upgrades_available ? (
          <Link href={`${href}#capabilities`} className="whitespace-nowrap">
            <Badge tone="indigo">
              {rt.upgrades_available} {rt.upgrades_available === 1 ? "upgrade" : "upgrades"}{" "}
              available
            </Badge>
          </Link>
        ) : rt.binding_count ? (
          <span className="text-xs text-slate-500">Up to date</span>
        ) : null}
      </td>
      <td
        className="px-4 py-3 font-mono text-xs text-slate-500"
        title={`Resolved digest ${rt.runtime_digest}`}
      >
        {rt.runtime_digest.slice(0, 12)}
      </td>
    </tr>
  );
}

export function RuntimesList({
  where,
  canWrite,
  initial,
}: {
  where: Where;
  canWrite: boolean;
  initial: { runtimes: RuntimeView[] };
}) {
  const runtimes = useRuntimes(where, initial);
  const [creating, setCreating] = useState(false);
  const newButton = (
    <Button
      onClick={() => setCreating(true)}
      disabled={!canWrite}
      title={canWrite ? undefined : VIEWER_REASON}
    >
      New runtime
    </Button>
  );

  if (runtimes.isPending) return <LoadingRows rows={4} />;
  if (runtimes.isError)
    return (
      <ErrorState
        message={`Could not load the runtimes: ${runtimes.error.message}`}
        onRetry={() => runtimes.refetch()}
      />
    );
  const list = runtimes.data.runtimes;

  return (
    <div className="space-y-6">
      {!canWrite ? (
        <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
          Read only: {VIEWER_REASON}
        </p>
      ) : null}
      {creating || (canWrite && list.length === 0) ? (
        <Card>
          <CreateRuntimeForm
            where={where}
            onCancel={list.length ? () => setCreating(false) : undefined}
          />
        </Card>
      ) : null}
      {list.length === 0 ? (
        <EmptyState title="No runtimes yet">
          <p>
            Create a runtime for each agent deployment, bind capability versions to it, and point
            the agent at its resolved configuration. Its heartbeats then tell you whether it runs
            what it should.
          </p>
          {!canWrite ? <p className="mt-2">{VIEWER_REASON}</p> : null}
        </EmptyState>
      ) : (
        <section aria-labelledby="runtimes-heading">
          <div className="mb-3 flex items-center justify-between gap-4">
            <h2 id="runtimes-heading" className="text-base font-semibold text-slate-900">
              {list.length} {list.length === 1 ? "runtime" : "runtimes"}
            </h2>
            {creating ? null : newButton}
          </div>
          <DataTable
            label="Runtimes"
            columns={["Runtime", "Capabilities", "Sync", "Heartbeat", "Upgrades", "Digest"]}
          >
            {list.map((rt) => (
              <Row key={rt.id} rt={rt} where={where} />
            ))}
          </DataTable>
        </section>
      )}
    </div>
  );
}
