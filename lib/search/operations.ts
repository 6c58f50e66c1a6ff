// Canonical API operation of the org search (the command palette).
import { defineOperation } from "@/lib/api/operation";
import { orgPathParams } from "@/lib/orgs/schemas";
import { searchOrgQuery, searchResponse } from "./schemas";

export const searchOrgOp = defineOperation({
  method: "GET",
  path: "/api/v1/org/{org}/search",
  tag: "Search",
  summary: "Search an org's objects by name",
  description:
    "Capabilities of the org (name prefix, then full-text for 3 characters or more), and runtimes, agents, optimization runs (not archived), prompts and personas of one workspace or of every workspace of the org (part of the name, ignoring case). Ranked: whole name, then start of the name, then the rest; kinds alternate within a rank.",
  auth: "required",
  scope: "org",
  permission: "org:read",
  params: orgPathParams,
  query: searchOrgQuery,
  response: searchResponse,
});
