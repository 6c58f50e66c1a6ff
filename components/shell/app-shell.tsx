"use client";
// The dashboard frame: org and workspace switchers, navigation, and the user's menu.
import Link from "next/link";
import { useParams, usePathname, useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useState, type ReactNode } from "react";
import { CreateOrgDialog } from "./create-org-dialog";
import { Logo } from "./logo";
import { ShellSearch } from "./shell-search";
import { ThemeSwitch } from "./theme-switch";

interface OrgItem {
  slug: string;
  name: string;
  role: string;
}

interface Props {
  user: { email: string; name: string };
  orgs: OrgItem[];
  org: OrgItem;
  workspaces: { slug: string; name: string }[];
  children: ReactNode;
}

const workspaceSections = ["runtimes", "optimization", "prompts", "personas", "agents"] as const;

export function AppShell({ user, orgs, org, workspaces, children }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useParams<{ ws?: string }>();
  const ws =
    params.ws ?? (workspaces.find((w) => w.slug === "main") ?? workspaces[0])?.slug ?? "main";
  const section = pathname.split("/")[3];
  const [creatingOrg, setCreatingOrg] = useState(false);

  const nav = [
    { href: `/${org.slug}/catalog`, label: "Catalog", match: `/${org.slug}/catalog` },
    {
      href: `/${org.slug}/${ws}/runtimes`,
      label: "Runtimes",
      match: `/${org.slug}/${ws}/runtimes`,
    },
    {
      href: `/${org.slug}/${ws}/optimization`,
      label: "Optimization",
      match: `/${org.slug}/${ws}/optimization`,
    },
    {
      href: `/${org.slug}/${ws}/prompts`,
      label: "Prompts",
      match: `/${org.slug}/${ws}/prompts`,
      sub: true,
    },
    {
      href: `/${org.slug}/${ws}/personas`,
      label: "Personas",
      match: `/${org.slug}/${ws}/personas`,
      sub: true,
    },
    { href: `/${org.slug}/${ws}/agents`, label: "Agents", match: `/${org.slug}/${ws}/agents` },
    { href: `/${org.slug}/settings/tokens`, label: "Settings", match: `/${org.slug}/settings` },
  ];

  function switchWorkspace(slug: string) {
    const keep = workspaceSections.find((s) => s === section) ?? "runtimes";
    router.push(`/${org.slug}/${slug}/${keep}`);
  }

  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <aside className="flex w-full shrink-0 flex-col border-b border-slate-200 bg-white md:w-60 md:border-b-0 md:border-r">
        <div className="border-b border-slate-200 px-4 py-3 md:py-4">
          <Link href="/" aria-label="Quiver home">
            <Logo />
          </Link>
        </div>
        <div className="space-y-3 px-4 py-4">
          <ShellSearch org={org.slug} ws={ws} workspaces={workspaces} />
          <label className="block">
            <span className="text-xs font-medium uppercase tracking-wide text-slate-500">
              Organization
            </span>
            <select
              aria-label="Organization"
              className="mt-1 block w-full rounded-md border-0 bg-slate-50 py-1.5 pl-2 pr-8 text-sm ring-1 ring-inset ring-slate-300"
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
              className="mt-1 block w-full rounded-md border-0 bg-slate-50 py-1.5 pl-2 pr-8 text-sm ring-1 ring-inset ring-slate-300"
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
        <nav aria-label="Main" className="flex-1 px-2">
          <ul className="flex flex-wrap gap-1 md:block md:space-y-1">
            {nav.map((item) => {
              const active = pathname === item.match || pathname.startsWith(`${item.match}/`);
              return (
                <li key={item.label}>
                  <Link
                    href={item.href}
                    aria-current={active ? "page" : undefined}
                    className={`block rounded-md py-2 text-sm font-medium ${"sub" in item && item.sub ? "pl-6 pr-3" : "px-3"} ${active ? "bg-indigo-50 text-indigo-700" : "text-slate-700 hover:bg-slate-100"}`}
                  >
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="border-t border-slate-200 px-4 py-3">
          <p className="truncate text-sm font-medium text-slate-900" title={user.email}>
            {user.name}
          </p>
          <p className="truncate text-xs text-slate-500">
            {user.email} · {org.role}
          </p>
          <div className="mt-2 flex gap-3 text-xs">
            <Link href="/docs/api" className="text-slate-600 hover:text-slate-900">
              API reference
            </Link>
            <button
              type="button"
              onClick={() => signOut({ callbackUrl: "/sign-in" })}
              className="text-slate-600 hover:text-slate-900"
            >
              Sign out
            </button>
          </div>
          <ThemeSwitch className="mt-2" />
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-4 py-6 md:px-8 md:py-8">{children}</main>
    </div>
  );
}
