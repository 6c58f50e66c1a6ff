"use client";
// What the dashboard frame knows about where it is: the signed-in user, their orgs, the current
// org and its workspaces. The sidebar, the drawer and the in-org 404 read it from here.
import { createContext, useContext } from "react";

interface ShellOrg {
  slug: string;
  name: string;
  role: string;
}

export interface ShellData {
  user: { email: string; name: string };
  orgs: ShellOrg[];
  org: ShellOrg;
  workspaces: { slug: string; name: string }[];
}

const ShellContext = createContext<ShellData | null>(null);

export const ShellProvider = ShellContext.Provider;

export function useShell(): ShellData {
  const shell = useContext(ShellContext);
  if (!shell) throw new Error("useShell() outside the app shell");
  return shell;
}
