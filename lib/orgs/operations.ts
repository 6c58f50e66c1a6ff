// Canonical API operations of orgs and workspaces.
import { defineOperation } from "@/lib/api/operation";
import {
  createOrgBody,
  createWorkspaceBody,
  organization,
  orgListResponse,
  orgPathParams,
  workspace,
  workspaceListResponse,
} from "./schemas";

export const listOrgsOp = defineOperation({
  method: "GET",
  path: "/api/v1/orgs",
  tag: "Organizations",
  summary: "List the caller's organizations",
  description: "With an API token: only the token's organization.",
  auth: "required",
  scope: "none",
  response: orgListResponse,
});

export const createOrgOp = defineOperation({
  method: "POST",
  path: "/api/v1/orgs",
  tag: "Organizations",
  summary: "Create an organization",
  description:
    "The caller becomes its owner; it gets a `main` workspace. A taken slug → 409. Browser sessions only: an API token gets a 403.",
  auth: "required",
  scope: "none",
  body: createOrgBody,
  response: organization,
  status: 201,
});

export const listWorkspacesOp = defineOperation({
  method: "GET",
  path: "/api/v1/org/{org}/workspaces",
  tag: "Organizations",
  summary: "List workspaces",
  auth: "required",
  scope: "org",
  permission: "org:read",
  params: orgPathParams,
  response: workspaceListResponse,
});

export const createWorkspaceOp = defineOperation({
  method: "POST",
  path: "/api/v1/org/{org}/workspaces",
  tag: "Organizations",
  summary: "Create a workspace",
  description: "A taken slug → 409.",
  auth: "required",
  scope: "org",
  permission: "workspaces:create",
  params: orgPathParams,
  body: createWorkspaceBody,
  response: workspace,
  status: 201,
});
