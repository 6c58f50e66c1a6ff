// Canonical API operations of a workspace's model provider (Settings → Model provider).
import { defineOperation } from "@/lib/api/operation";
import {
  modelProvider,
  modelProviderPath,
  modelProviderTestResult,
  putModelProviderBody,
  testModelProviderBody,
} from "./provider-schemas";

const base = "/api/v1/org/{org}/ws/{workspace}/model-provider";
const common = {
  tag: "Model provider",
  auth: "required",
  scope: "workspace",
  params: modelProviderPath,
} as const;

export const getModelProviderOp = defineOperation({
  ...common,
  method: "GET",
  path: base,
  summary: "The workspace's model provider",
  permission: "providers:read",
  response: modelProvider,
  description:
    "What the built-in optimization executor of this workspace uses: its own settings (`source: workspace`), else the environment's `QUIVER_LLM_*` (`environment`), else `none`; and, in `environment`, what the environment would give. Never contains the API key: only `api_key_set` and `api_key_last4`.",
});

export const putModelProviderOp = defineOperation({
  ...common,
  method: "PUT",
  path: base,
  summary: "Set the workspace's model provider",
  permission: "providers:write",
  body: putModelProviderBody,
  response: modelProvider,
  description:
    "Creates or replaces the workspace's settings. `api_key`: omitted keeps the stored key, null removes it, a string replaces it (encrypted at rest with QUIVER_SECRET_KEY). Per-role models left out or null use `model`.",
});

export const deleteModelProviderOp = defineOperation({
  ...common,
  method: "DELETE",
  path: base,
  summary: "Remove the workspace's model provider",
  permission: "providers:write",
  status: 204,
  description:
    "The environment's provider (if any) applies again. Removing settings that do not exist is a no-op.",
});

export const testModelProviderOp = defineOperation({
  ...common,
  method: "POST",
  path: `${base}/test`,
  summary: "Test a model provider",
  permission: "providers:write",
  body: testModelProviderBody,
  response: modelProviderTestResult,
  description:
    "Sends one short chat completion (and lists the models) with the settings in the body, unsaved (an omitted `api_key` uses the stored one), or with no body the configuration that applies. Answers 200 with `ok: true` (latency, models, reply) or `ok: false` (the error kind and message). No provider at all → 409.",
});
