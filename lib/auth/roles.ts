// Roles, token scopes and the permissions that routes declare. A caller needs both the role (as
// a member of the org) and, when it authenticates with a token, the scope.
export const roles = ["viewer", "member", "admin", "owner"] as const;
export type RoleName = (typeof roles)[number];

export const scopes = ["read", "write", "admin"] as const;
export type Scope = (typeof scopes)[number];

export function roleRank(role: RoleName): number {
  return roles.indexOf(role);
}

/** Scopes are ordered: a token with `admin` may also write and read; one with `write` may read. */
export function scopeSatisfies(granted: readonly Scope[], needed: Scope): boolean {
  const rank = scopes.indexOf(needed);
  return granted.some((s) => scopes.indexOf(s) >= rank);
}

/** The highest scope a member of this role may put on a token. */
export function maxScopeForRole(role: RoleName): Scope {
  if (roleRank(role) >= roleRank("admin")) return "admin";
  if (role === "member") return "write";
  return "read";
}

export const permissions = {
  "org:read": { role: "viewer", scope: "read" },
  "workspaces:create": { role: "admin", scope: "admin" },
  "tokens:read": { role: "viewer", scope: "read" },
  "tokens:write": { role: "viewer", scope: "admin" },
  "audit:read": { role: "admin", scope: "read" },
  // Members: every member sees who is in the org. Changing a role or removing someone needs at
  // least admin (lib/members decides the finer rules: owners, the last owner); anyone may leave,
  // so the removal route only needs membership and the service checks the rest.
  "members:read": { role: "viewer", scope: "read" },
  "members:write": { role: "admin", scope: "admin" },
  "members:remove": { role: "viewer", scope: "admin" },
  "invitations:read": { role: "admin", scope: "read" },
  "invitations:write": { role: "admin", scope: "admin" },
  "catalog:read": { role: "viewer", scope: "read" },
  "catalog:write": { role: "member", scope: "write" },
  "catalog:admin": { role: "admin", scope: "admin" },
  "runtimes:read": { role: "viewer", scope: "read" },
  "runtimes:write": { role: "member", scope: "write" },
  // A runtime reporting what it loaded changes no configuration, so its read token may report.
  "runtimes:report": { role: "viewer", scope: "read" },
  "optimization:read": { role: "viewer", scope: "read" },
  "optimization:write": { role: "member", scope: "write" },
  "agents:read": { role: "viewer", scope: "read" },
  "agents:write": { role: "member", scope: "write" },
  // A workspace's model provider: every member sees what applies (never the key); changing or
  // testing it (which sends the stored key to an endpoint) is for admins.
  "providers:read": { role: "viewer", scope: "read" },
  "providers:write": { role: "admin", scope: "admin" },
} as const satisfies Record<string, { role: RoleName; scope: Scope }>;

export type Permission = keyof typeof permissions;
