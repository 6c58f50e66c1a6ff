// Canonical API operations of API tokens.
import { defineOperation } from "@/lib/api/operation";
import { orgPathParams } from "@/lib/orgs/schemas";
import { createdApiToken, createTokenBody, tokenListResponse, tokenPathParams } from "./schemas";

export const listTokensOp = defineOperation({
  method: "GET",
  path: "/api/v1/org/{org}/tokens",
  tag: "API tokens",
  summary: "List API tokens",
  description:
    "Admins and owners see every token of the org; others see their own. Never contains a secret.",
  auth: "required",
  scope: "org",
  permission: "tokens:read",
  params: orgPathParams,
  response: tokenListResponse,
});

export const createTokenOp = defineOperation({
  method: "POST",
  path: "/api/v1/org/{org}/tokens",
  tag: "API tokens",
  summary: "Create an API token",
  description:
    "The secret is in this response only. Scopes are ordered (admin ⊃ write ⊃ read) and capped by the caller's role: viewers may grant `read`, members `write`, admins and owners `admin`.",
  auth: "required",
  scope: "org",
  permission: "tokens:write",
  params: orgPathParams,
  body: createTokenBody,
  response: createdApiToken,
  status: 201,
});

export const revokeTokenOp = defineOperation({
  method: "DELETE",
  path: "/api/v1/org/{org}/tokens/{id}",
  tag: "API tokens",
  summary: "Revoke an API token",
  description: "Refused at once on every later request. Revoking a revoked token is a no-op.",
  auth: "required",
  scope: "org",
  permission: "tokens:write",
  params: tokenPathParams,
  status: 204,
});
