"use client";
// The 404 inside an org, within the app shell: says what was not found (the kind and name the
// path points at, missing.ts, and the path itself) and links back. A client component so that it
// reads the path of the navigation that failed, not the one the shell was first rendered for.
import { usePathname } from "next/navigation";
import { ButtonLink } from "@/components/ui/button";
import { describeMissing } from "./missing";
import { useShell } from "./shell-context";

export function NotFoundPanel() {
  const pathname = usePathname();
  const { org, workspaces } = useShell();
  const missing = describeMissing(
    pathname,
    workspaces.map((w) => w.slug),
  );
  const back = missing?.list ?? `/${org.slug}/catalog`;
  return (
    <div className="mx-auto flex max-w-xl flex-col items-center gap-4 py-16 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="text-2xl font-semibold text-slate-900">
        This page does not exist, or you cannot see it
      </h1>
      <p className="text-sm text-slate-600">
        {missing ? (
          <>
            No {missing.kind} <strong className="text-slate-900">{missing.name}</strong> in{" "}
            {org.name}.{" "}
          </>
        ) : null}
        Nothing at <code className="break-all font-mono text-slate-800">{pathname}</code>.
      </p>
      <ButtonLink href={back}>
        {!missing?.list || missing.kind === "capability"
          ? "Go to the catalog"
          : `Back to ${missing.kind}s`}
      </ButtonLink>
    </div>
  );
}
