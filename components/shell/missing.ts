// What an in-org 404 was looking for, read from the path: the dashboard's URLs name their object
// (/acme/catalog/<capability>, /acme/<ws>/runtimes/<id>, ...), so the page can say which kind and
// which one was not found without each page passing it along. null: only the path can be named.

export interface Missing {
  kind: string;
  name: string;
  /** The list the object would be in (a way back), when there is one. */
  list?: string;
}

const inWorkspace: Record<string, string> = {
  runtimes: "runtime",
  agents: "agent",
  optimization: "optimization run",
  prompts: "prompt",
};

// Which pages exist under each area, past the object's own segment.
const subPages: Record<string, string[]> = { catalog: ["diff"], agents: ["releases"] };

const orgAreas = new Set(["catalog", "settings", "compare"]);

function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function object(list: string, area: string, kind: string, rest: string[]): Missing | null {
  const [name, sub, ...more] = rest;
  if (!name || more.length > 0) return null;
  if (sub !== undefined && !(subPages[area] ?? []).includes(sub)) return null;
  if (area === "optimization" && name === "new") return null;
  return { kind, name: decoded(name), list };
}

export function describeMissing(pathname: string, workspaces: string[]): Missing | null {
  const [, org, area, ...rest] = pathname.split("/").filter((p, i) => i === 0 || p !== "");
  if (!area) return null;
  if (area === "catalog") return object(`/${org}/catalog`, area, "capability", rest);
  if (orgAreas.has(area)) return null;
  // Anything else in an org is a workspace.
  if (!workspaces.includes(decoded(area))) return { kind: "workspace", name: decoded(area) };
  const [section, ...inner] = rest;
  const kind = section ? inWorkspace[section] : undefined;
  return kind ? object(`/${org}/${area}/${section}`, section!, kind, inner) : null;
}
