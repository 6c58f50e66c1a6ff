"use client";
// The org and workspace switchers at the top of the navigation, and "Create organization".
import { useParams, usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { CreateOrgDialog } from "./create-org-dialog";
import { useShell } from "./shell-context";

const workspaceSections = ["runtimes", "optimization", "prompts", "personas", "agents"] as const;

const selectClass =
  "mt-1 block w-full rounded-md border-0 bg-slate-50 py-1.5 pl-2 pr-8 text-sm ring-1 ring-inset ring-slate-300";

/** The workspace the navigation points into: the page's, else "main", else the first. */
export function useCurrentWorkspace(): string {
  const { workspaces } = useShell();
  const params = useParams<{ ws?: string }>();
  return params.ws ?? (workspaces.find((w) => w.slug === "main") ?? workspaces[0])?.slug ?? "main";
}

export function Switchers() {
  const { orgs, org, workspaces } = useShell();
  const router = useRouter();
  const section = usePathname().split("/")[3];
  const ws = useCurrentWorkspace();
  const [creatingOrg, setCreatingOrg] = useState(false);

  function switchWorkspace(slug: string) {
    const keep = workspaceSections.find((s) => s === section) ?? "runtimes";
    router.push(`/${org.slug}/${slug}/${keep}`);
  }

  return (
    <div className="space-y-3 px-4 py-4">
      <label className="block">
        <span className="text-xs font-medium uppercase tracking-wide text-slate-500">
          Organization
        </span>
        <select
          aria-label="Organization"
          className={selectClass}
          value={org.slug}
          onChange={(e) => router.push(`/${e.target.value}/catalog`)}
        >
          {orgs.map((o) => (
            <option key={o.slug} value={o.slug}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        onClick={() => setCreatingOrg(true)}
        className="-mt-1 text-xs font-medium text-indigo-600 hover:text-indigo-500"
      >
        + Create organization
      </button>
      {creatingOrg ? <CreateOrgDialog onClose={() => setCreatingOrg(false)} /> : null}
      <label className="block">
        <span className="text-xs font-medium uppercase tracking-wide text-slate-500">
          Workspace
        </span>
        <select
          aria-label="Workspace"
          className={selectClass}
          value={ws}
          onChange={(e) => switchWorkspace(e.target.value)}
        >
          {workspaces.map((w) => (
            <option key={w.slug} value={w.slug}>
              {w.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
