"use client";
// The dashboard's main navigation: one link per area, the current one marked.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useShell } from "./shell-context";
import { useCurrentWorkspace } from "./switchers";

export function NavLinks() {
  const { org } = useShell();
  const ws = useCurrentWorkspace();
  const pathname = usePathname();
  const o = `/${org.slug}`;
  const nav = [
    { href: `${o}/catalog`, label: "Catalog", match: `${o}/catalog` },
    { href: `${o}/${ws}/runtimes`, label: "Runtimes", match: `${o}/${ws}/runtimes` },
    { href: `${o}/${ws}/optimization`, label: "Optimization", match: `${o}/${ws}/optimization` },
    { href: `${o}/${ws}/prompts`, label: "Prompts", match: `${o}/${ws}/prompts`, sub: true },
    { href: `${o}/${ws}/personas`, label: "Personas", match: `${o}/${ws}/personas`, sub: true },
    { href: `${o}/${ws}/agents`, label: "Agents", match: `${o}/${ws}/agents` },
    { href: `${o}/settings/tokens`, label: "Settings", match: `${o}/settings` },
  ];
  return (
    <nav aria-label="Main" className="flex-1 px-2">
      <ul className="space-y-1">
        {nav.map((item) => {
          const active = pathname === item.match || pathname.startsWith(`${item.match}/`);
          return (
            <li key={item.label}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`block rounded-md py-2 text-sm font-medium ${item.sub ? "pl-6 pr-3" : "px-3"} ${active ? "bg-indigo-50 text-indigo-700" : "text-slate-700 hover:bg-slate-100"}`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
