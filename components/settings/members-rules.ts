// What the Members page offers the viewer on each row, and why not when it offers nothing: the
// same rules lib/members enforces (the server decides; this only spares people a refused click).
import { assignableRoles, rank, type MemberView, type Role } from "./members-hooks";

export interface RowControls {
  isSelf: boolean;
  /** The roles the viewer may pick for this member; null: the role is shown as text. */
  roleOptions: Role[] | null;
  /** Why the role cannot be changed here (shown under it), when the viewer manages members. */
  roleHint: string | null;
  /** "remove" someone else, "leave" for oneself, or nothing. */
  removal: "remove" | "leave" | null;
  /** Why removing (or leaving) is not offered or disabled. */
  removalHint: string | null;
}

const LAST_OWNER_ROLE_HINT = "The last owner can't be demoted. Make someone else an owner first.";
const LAST_OWNER_LEAVE_HINT = "The last owner can't leave. Make someone else an owner first.";
const OWNER_ROLE_HINT = "Only owners can change an owner's role.";
const OWNER_REMOVE_HINT = "Only owners can remove an owner.";

/**
 * `ownerCount` is the number of owners when the whole list is known, else null (then the server's
 * 409 says it if this was the last owner).
 */
export function rowControls(
  viewer: { id: string; role: Role },
  member: MemberView,
  ownerCount: number | null,
): RowControls {
  const isSelf = member.user_id === viewer.id;
  const manages = rank(viewer.role) >= rank("admin");
  const lastOwner = member.role === "owner" && ownerCount === 1;

  if (isSelf) {
    return {
      isSelf,
      // Admins and owners may step down (to any role up to their own); members and viewers ask an admin.
      roleOptions: manages && !lastOwner ? assignableRoles(viewer.role) : null,
      roleHint: manages && lastOwner ? LAST_OWNER_ROLE_HINT : null,
      removal: "leave",
      removalHint: lastOwner ? LAST_OWNER_LEAVE_HINT : null,
    };
  }
  if (!manages)
    return { isSelf, roleOptions: null, roleHint: null, removal: null, removalHint: null };
  if (rank(member.role) > rank(viewer.role)) {
    return {
      isSelf,
      roleOptions: null,
      roleHint: OWNER_ROLE_HINT,
      removal: null,
      removalHint: OWNER_REMOVE_HINT,
    };
  }
  return {
    isSelf,
    roleOptions: assignableRoles(viewer.role),
    roleHint: null,
    removal: "remove",
    removalHint: null,
  };
}

/** The emails typed into the invite box: split on commas, semicolons, spaces and new lines; each once. */
export function parseEmails(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(/[\s,;]+/)) {
    const email = part.trim();
    if (!email || seen.has(email.toLowerCase())) continue;
    seen.add(email.toLowerCase());
    out.push(email);
  }
  return out;
}

/** An org slug from its name, as the create-org dialog suggests it (the user may edit it). */
export function slugFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}
