// Where the palette and the keyboard shortcuts go: the dashboard's areas (with their `g` letter),
// the main actions, and the page of each kind of search result. Pure, so that Node tests read it.
import type { z } from "zod";
import type { searchResult } from "@/lib/search/schemas";

export type SearchResult = z.output<typeof searchResult>;

export interface Place {
  label: string;
  href: string;
  /** The letter that follows `g` to go there. */
  key?: string;
  /** More words the palette matches. */
  keywords?: string;
}

const enc = encodeURIComponent;

/** The workspace sections a workspace switch keeps you in. */
const workspaceSections = ["runtimes", "optimization", "prompts", "personas", "agents"];

export function areas(org: string, ws: string): Place[] {
  const o = `/${enc(org)}`;
  const w = `${o}/${enc(ws)}`;
  return [
    { label: "Catalog", href: `${o}/catalog`, key: "c", keywords: "capabilities" },
    { label: "Runtimes", href: `${w}/runtimes`, key: "r" },
    { label: "Optimization", href: `${w}/optimization`, key: "o", keywords: "runs" },
    { label: "Prompts", href: `${w}/prompts`, key: "p" },
    { label: "Personas", href: `${w}/personas`, key: "e" },
    { label: "Agents", href: `${w}/agents`, key: "a", keywords: "releases" },
    { label: "Settings", href: `${o}/settings`, key: "s" },
    { label: "Members", href: `${o}/settings/members`, keywords: "settings people" },
    { label: "API tokens", href: `${o}/settings/tokens`, keywords: "settings" },
    { label: "Audit log", href: `${o}/settings/audit`, keywords: "settings history" },
    { label: "API reference", href: "/docs/api", keywords: "openapi docs" },
  ];
}

export function actions(org: string, ws: string): Place[] {
  const o = `/${enc(org)}`;
  return [
    {
      label: "New optimization run",
      href: `${o}/${enc(ws)}/optimization/new`,
      keywords: "create run optimize",
    },
    { label: "Create API token", href: `${o}/settings/tokens`, keywords: "new key" },
    { label: "Invite member", href: `${o}/settings/members`, keywords: "add people user" },
  ];
}

/** "Switch workspace" entries: the same section of each other workspace (else its runtimes). */
export function workspaceSwitches(
  org: string,
  current: string,
  pathname: string,
  workspaces: { slug: string; name: string }[],
): Place[] {
  const section = pathname.split("/")[3] ?? "";
  const keep = workspaceSections.includes(section) ? section : "runtimes";
  return workspaces
    .filter((w) => w.slug !== current)
    .map((w) => ({
      label: `Switch workspace: ${w.name}`,
      href: `/${enc(org)}/${enc(w.slug)}/${keep}`,
      keywords: w.slug,
    }));
}

/** Whether every word typed is in the entry's label or keywords (ignoring case). */
export function placeMatches(place: Place, typed: string): boolean {
  const text = `${place.label} ${place.keywords ?? ""}`.toLowerCase();
  return typed
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word));
}

/** The dashboard page of a search result. */
export function resultHref(r: SearchResult): string {
  const o = `/${enc(r.org)}`;
  if (r.kind === "capability" || !r.workspace) return `${o}/catalog/${enc(r.title)}`;
  const w = `${o}/${enc(r.workspace)}`;
  const pages = {
    runtime: `${w}/runtimes/${enc(r.id)}`,
    agent: `${w}/agents/${enc(r.id)}`,
    optimization_run: `${w}/optimization/${enc(r.id)}`,
    prompt: `${w}/prompts/${enc(r.id)}`,
    persona: `${w}/personas`,
  };
  return pages[r.kind];
}

export const kindLabels: Record<SearchResult["kind"], string> = {
  capability: "Capabilities",
  runtime: "Runtimes",
  agent: "Agents",
  optimization_run: "Optimization runs",
  prompt: "Prompts",
  persona: "Personas",
};
