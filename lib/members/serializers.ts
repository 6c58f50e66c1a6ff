// Members in their API shape.
import type { z } from "zod";
import type { RoleName } from "@/lib/auth/roles";
import type { member } from "./schemas";

export interface MemberRow {
  role: RoleName;
  createdAt: Date;
  user: { id: string; email: string; name: string };
  lastActiveAt: Date | null;
  hasPassword: boolean;
  sso: boolean;
}

export function toMember(m: MemberRow): z.input<typeof member> {
  return {
    user_id: m.user.id,
    email: m.user.email,
    name: m.user.name,
    role: m.role,
    joined_at: m.createdAt.toISOString(),
    last_active_at: m.lastActiveAt ? m.lastActiveAt.toISOString() : null,
    has_password: m.hasPassword,
    sso: m.sso,
  };
}
