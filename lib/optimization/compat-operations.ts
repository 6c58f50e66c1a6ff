// API operations of the seeds/004 compatibility surface of prompts and optimizations (camelCase,
// the token's default workspace, `{error: {code, message}}`).
import { defineOperation } from "@/lib/api/operation";
import {
  compatApplyBody,
  compatApplyResponse,
  compatCreateBody,
  compatCreatePromptBody,
  compatIdPath,
  compatJob,
  compatJobList,
  compatListQuery,
  compatPrompt,
  compatPromptList,
  compatPromptListQuery,
  compatStopBody,
  compatStopResponse,
  compatVariantList,
} from "./compat-schemas";

const C = {
  tag: "Optimizations (seeds/004)",
  auth: "required",
  scope: "token_workspace",
  surface: "compat",
} as const;

export const compatCreateOp = defineOperation({
  ...C,
  method: "POST",
  path: "/api/v1/optimizations",
  summary: "Trigger optimization",
  permission: "optimization:write",
  body: compatCreateBody,
  response: compatJob,
  status: 201,
});
export const compatListOp = defineOperation({
  ...C,
  method: "GET",
  path: "/api/v1/optimizations",
  summary: "List optimizations",
  permission: "optimization:read",
  query: compatListQuery,
  response: compatJobList,
});
export const compatGetOp = defineOperation({
  ...C,
  method: "GET",
  path: "/api/v1/optimizations/{id}",
  summary: "Get optimization",
  permission: "optimization:read",
  params: compatIdPath,
  response: compatJob,
});
export const compatVariantsOp = defineOperation({
  ...C,
  method: "GET",
  path: "/api/v1/optimizations/{id}/variants",
  summary: "Get variant details",
  permission: "optimization:read",
  params: compatIdPath,
  response: compatVariantList,
});
export const compatApplyOp = defineOperation({
  ...C,
  method: "POST",
  path: "/api/v1/optimizations/{id}/apply",
  summary: "Apply variant",
  description: "No `variantId`: the winner.",
  permission: "optimization:write",
  params: compatIdPath,
  body: compatApplyBody,
  response: compatApplyResponse,
});
export const compatStopOp = defineOperation({
  ...C,
  method: "POST",
  path: "/api/v1/optimizations/{id}/stop",
  summary: "Stop optimization",
  permission: "optimization:write",
  params: compatIdPath,
  body: compatStopBody,
  response: compatStopResponse,
});
export const compatListPromptsOp = defineOperation({
  ...C,
  tag: "Prompts (seeds/004)",
  method: "GET",
  path: "/api/v1/prompts",
  summary: "List prompts",
  permission: "optimization:read",
  query: compatPromptListQuery,
  response: compatPromptList,
});
export const compatCreatePromptOp = defineOperation({
  ...C,
  tag: "Prompts (seeds/004)",
  method: "POST",
  path: "/api/v1/prompts",
  summary: "Create a prompt",
  permission: "optimization:write",
  body: compatCreatePromptBody,
  response: compatPrompt,
  status: 201,
});
export const compatGetPromptOp = defineOperation({
  ...C,
  tag: "Prompts (seeds/004)",
  method: "GET",
  path: "/api/v1/prompts/{id}",
  summary: "Get a prompt",
  permission: "optimization:read",
  params: compatIdPath,
  response: compatPrompt,
});
