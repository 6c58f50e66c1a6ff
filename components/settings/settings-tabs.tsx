"use client";
// The tabs of the settings area.
import Link from "next/link";
import { usePathname } from "next/navigation";

export function SettingsTabs({ org }: { org: string }) {
  const pathname = usePathname();
  const tabs = [
    { href: `/${org}/settings/members`, label: "Members" },
    { href: `/${org}/settings/tokens`, label: "API tokens" },
    { href: `/${org}/settings/workspaces`, label: "Workspaces" },
    { href: `/${org}/settings/model-provider`, label: "Model provider" },
    { href: `/${org}/settings/audit`, label: "Audit log" },
    { href: `/${org}/settings/account`, label: "Account" },
  ];
  return (
    <nav aria-label="Settings" className="flex gap-6 overflow-x-auto border-b border-slate-200">
      {tabs.map((t) => {
        const active = pathname === t.href;
        return (
          <Link
            key={t.href}
            href={t.href}
            aria-current={active ? "page" : undefined}
            className={`-mb-px whitespace-nowrap border-b-2 px-1 pb-3 text-sm font-medium ${active ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
