// The context a service receives: the database, who acts, where, and the request id. Services
// never see a Request.
import type { Db } from "@/lib/db/client";
import type { RoleName } from "@/lib/auth/roles";
import type { Actor } from "./authenticate";

export interface OrgRef {
  id: string;
  slug: string;
  name: string;
}

export interface WorkspaceRef {
  id: string;
  slug: string;
  name: string;
}

export interface BaseCtx {
  db: Db;
  requestId: string;
}

export interface ActorCtx extends BaseCtx {
  actor: Actor;
}

export interface OrgCtx extends ActorCtx {
  org: OrgRef;
  role: RoleName;
}

export interface WorkspaceCtx extends OrgCtx {
  workspace: WorkspaceRef;
}
