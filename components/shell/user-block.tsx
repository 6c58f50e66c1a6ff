"use client";
// The signed-in user at the foot of the navigation: name, email and role, the API reference and
// Sign out, and the colour theme.
import Link from "next/link";
import { signOut } from "next-auth/react";
import { useShell } from "./shell-context";
import { ThemeSwitch } from "./theme-switch";

export function UserBlock() {
  const { user, org } = useShell();
  return (
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
  );
}
