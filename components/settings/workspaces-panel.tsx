"use client";
// Settings → Workspaces: the org's workspaces; admins and owners create new ones.
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, ErrorState, LoadingRows } from "@/components/ui/card";
import { Field, FormError, Input } from "@/components/ui/form";
import { formatDate } from "@/components/ui/format";
import { ApiClientError } from "@/lib/api/client";
import { useCreateWorkspace, useWorkspaces } from "./hooks";

export function WorkspacesPanel({ org, canCreate }: { org: string; canCreate: boolean }) {
  const router = useRouter();
  const list = useWorkspaces(org);
  const create = useCreateWorkspace(org);
  const err = create.error instanceof ApiClientError ? create.error : null;

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    create.mutate(
      { slug: String(data.get("slug") ?? ""), name: String(data.get("name") ?? "") },
      {
        onSuccess: () => {
          form.reset();
          router.refresh(); // the workspace switcher is rendered on the server
        },
      },
    );
  }

  return (
    <div className="space-y-6">
      {canCreate ? (
        <Card>
          <form
            onSubmit={onSubmit}
            className="grid grid-cols-1 gap-4 p-5 md:grid-cols-3"
            noValidate
          >
            <div className="md:col-span-3">
              <h2 className="text-base font-semibold text-slate-900">Create a workspace</h2>
              <FormError message={err && !err.payload.errors?.length ? err.message : null} />
            </div>
            <Field
              label="Slug"
              htmlFor="ws-slug"
              hint="Lower-case letters, digits, hyphens."
              error={err?.fieldMessage("slug")}
            >
              <Input id="ws-slug" name="slug" placeholder="staging" required />
            </Field>
            <Field label="Name" htmlFor="ws-name" error={err?.fieldMessage("name")}>
              <Input id="ws-name" name="name" placeholder="Staging" required />
            </Field>
            <div className="flex items-start md:pt-6">
              <Button type="submit" disabled={create.isPending}>
                {create.isPending ? "Creating…" : "Create workspace"}
              </Button>
            </div>
          </form>
        </Card>
      ) : (
        <p className="text-sm text-slate-600">Only admins and owners create workspaces.</p>
      )}
      {list.isPending ? (
        <LoadingRows />
      ) : list.isError ? (
        <ErrorState
          message={`Could not load workspaces: ${list.error.message}`}
          onRetry={() => list.refetch()}
        />
      ) : (
        <Card>
          <ul className="divide-y divide-slate-100">
            {list.data.workspaces.map((w) => (
              <li key={w.id} className="flex items-center justify-between px-5 py-3 text-sm">
                <div>
                  <Link
                    href={`/${org}/${w.slug}/runtimes`}
                    className="font-medium text-slate-900 hover:text-indigo-700"
                  >
                    {w.name}
                  </Link>
                  <span className="ml-2 font-mono text-xs text-slate-500">{w.slug}</span>
                </div>
                <span className="text-slate-500">Created {formatDate(w.created_at)}</span>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
