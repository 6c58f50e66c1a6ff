// API operations of agents and their releases: the canonical surface under
// /api/v1/org/{org}/ws/{workspace}/agents (snake_case), and the seeds/003 surface at
// /api/v1/ai/releases (camelCase, the API token's default workspace or `selected-workspace-uuid`),
// under the documented names and the paths Cargo's published client calls. Both answer errors as
// APIErrorPayload; the seed's error names lead the `detail` where they apply
// (`invalidParent: …`, `invalidReleaseVersion: …`), and on the seeds/003 surface also fill
// `reason`, beside an `errorMessage` (what Cargo's client shows).
import { defineOperation } from "@/lib/api/operation";
import {
  compatAgentQuery,
  compatDeployBody,
  compatListQuery,
  compatReleaseList,
  compatReleasePath,
  compatReleaseResponse,
  compatRestoreBody,
  compatUpdateDraftBody,
} from "./compat-schemas";
import {
  agent,
  agentList,
  agentPath,
  createAgentBody,
  deployBody,
  diffQuery,
  draft,
  release,
  releaseDiff,
  releaseList,
  releaseListQuery,
  releasePath,
  rollbackBody,
  updateAgentBody,
  updateDraftBody,
  workspacePath,
} from "./schemas";

const base = "/api/v1/org/{org}/ws/{workspace}/agents";
const A = { tag: "Agents", auth: "required", scope: "workspace" } as const;
const C = {
  tag: "Releases (seeds/003)",
  auth: "required",
  scope: "token_workspace",
  surface: "releases",
} as const;
const R = "/api/v1/ai/releases";

const deployRules =
  "No `version`: the deployed version's next patch (1.0.0 at first); a given one must be small semver, new for the agent and greater than the deployed one (422 `invalidReleaseVersion`). " +
  "The new release's parent is the release the draft was drafted from; the previously deployed release becomes `archived`. A draft no different from the deployed release has nothing to deploy (409): " +
  "of two concurrent deploys of one draft, one wins and the other gets 409. `integration_slug` and `language_model_slug` must be set, and every capability must be in the catalog (422). A draft never written is stored first, from the deployed release (or empty).";

export const listAgentsOp = defineOperation({
  ...A,
  method: "GET",
  path: base,
  summary: "List agents",
  permission: "agents:read",
  params: workspacePath,
  response: agentList,
  description:
    "Each agent with its deployed release (version, when, by whom), its draft's revision and whether the draft differs from the deployed release.",
});
export const createAgentOp = defineOperation({
  ...A,
  method: "POST",
  path: base,
  summary: "Create an agent",
  permission: "agents:write",
  params: workspacePath,
  body: createAgentBody,
  response: agent,
  status: 201,
  description:
    "Nothing deployed and no draft yet (the first write to the draft stores it). A taken name → 409.",
});
export const getAgentOp = defineOperation({
  ...A,
  method: "GET",
  path: `${base}/{agent_id}`,
  summary: "One agent",
  permission: "agents:read",
  params: agentPath,
  response: agent,
});
export const updateAgentOp = defineOperation({
  ...A,
  method: "PATCH",
  path: `${base}/{agent_id}`,
  summary: "Rename or describe an agent",
  permission: "agents:write",
  params: agentPath,
  body: updateAgentBody,
  response: agent,
});
export const deleteAgentOp = defineOperation({
  ...A,
  method: "DELETE",
  path: `${base}/{agent_id}`,
  summary: "Delete an agent, its draft and releases",
  permission: "agents:write",
  params: agentPath,
  status: 204,
});

export const getDraftOp = defineOperation({
  ...A,
  method: "GET",
  path: `${base}/{agent_id}/draft`,
  summary: "The agent's draft",
  permission: "agents:read",
  params: agentPath,
  response: draft,
  description:
    "A draft never written is shown as its first write will store it: the deployed release (or empty), with its id and revision 1. Reading never stores it.",
});
export const updateDraftOp = defineOperation({
  ...A,
  method: "PUT",
  path: `${base}/{agent_id}/draft`,
  summary: "Replace the draft",
  permission: "agents:write",
  params: agentPath,
  body: updateDraftBody,
  response: draft,
  description:
    "The whole draft, based on `revision` (a stale one → 409). Validation as seeds/003; capabilities must be in the catalog (422 naming each unknown one). MCP client secrets sent back redacted and unchanged keep the stored secret. A draft never written is stored first, as GET showed it.",
});
export const deployDraftOp = defineOperation({
  ...A,
  method: "POST",
  path: `${base}/{agent_id}/draft/deploy`,
  summary: "Deploy the draft as a new release",
  permission: "agents:write",
  params: agentPath,
  body: deployBody,
  response: release,
  status: 201,
  description: `${deployRules} \`revision\`: deploy only that revision of the draft (else 409).`,
});
export const listReleasesOp = defineOperation({
  ...A,
  method: "GET",
  path: `${base}/{agent_id}/releases`,
  summary: "The agent's releases, newest first",
  permission: "agents:read",
  params: agentPath,
  query: releaseListQuery,
  response: releaseList,
});
export const getReleaseOp = defineOperation({
  ...A,
  method: "GET",
  path: `${base}/{agent_id}/releases/{release_id}`,
  summary: "One release",
  permission: "agents:read",
  params: releasePath,
  response: release,
});
export const restoreReleaseOp = defineOperation({
  ...A,
  method: "POST",
  path: `${base}/{agent_id}/releases/{release_id}/restore`,
  summary: "Copy a release into the draft",
  permission: "agents:write",
  params: releasePath,
  response: draft,
  description:
    "The draft gets the release's configuration (secrets included) and that release as its parent; deploy it to make it current again as a new version.",
});
export const rollbackReleaseOp = defineOperation({
  ...A,
  method: "POST",
  path: `${base}/{agent_id}/releases/{release_id}/rollback`,
  summary: "Roll back to a release: restore it and deploy it, as one action",
  permission: "agents:write",
  params: releasePath,
  body: rollbackBody,
  response: release,
  status: 201,
  description:
    "In one transaction: the release's configuration (capabilities at the versions it resolved them to) replaces the draft, which is deployed as a new release (`version`: default the next patch); one audit event `agent.release.rollback`. " +
    "Unknown release (or the draft) → 404; the deployed release itself, or one with the deployed configuration → 409; `draft_revision` not the draft's → 409; a capability gone from the catalog → 422.",
});
export const diffReleasesOp = defineOperation({
  ...A,
  method: "GET",
  path: `${base}/{agent_id}/releases/diff`,
  summary: "What differs between two releases",
  permission: "agents:read",
  params: agentPath,
  query: diffQuery,
  response: releaseDiff,
  description:
    "Each configuration field that differs, before and after; `system_prompt` with a unified diff. `from` and `to` are release ids, `draft` or `deployed` (defaults: deployed → draft).",
});

// ---- seeds/003 --------------------------------------------------------------------------------
export const compatListOp = defineOperation({
  ...C,
  method: "GET",
  path: `${R}/list`,
  summary: "List releases",
  permission: "agents:read",
  query: compatListQuery,
  response: compatReleaseList,
  description:
    "Releases of an agent (or of every agent of the workspace), newest first: deployed and archived ones unless `statuses` says otherwise; `userUuid` keeps those by one user.",
});
export const compatGetOp = defineOperation({
  ...C,
  method: "GET",
  path: "/api/v1/ai/releases/{uuid}",
  summary: "Get release",
  permission: "agents:read",
  params: compatReleasePath,
  response: compatReleaseResponse,
});
const getDraftDoc = {
  method: "GET",
  summary: "Get draft release",
  permission: "agents:read",
  query: compatAgentQuery,
  response: compatReleaseResponse,
  description:
    "A draft never written is shown as its first write will store it (the deployed release, or empty); reading never stores it.",
} as const;
const updateDraftDoc = {
  method: "PUT",
  summary: "Update draft release",
  permission: "agents:write",
  body: compatUpdateDraftBody,
  response: compatReleaseResponse,
  description:
    "Changes the fields the body names, and only those (a draft never written is stored first, as getDraft showed it). `parentUuid` not the draft's → 409 `invalidParent`.",
} as const;
const deployDraftDoc = {
  method: "POST",
  summary: "Deploy draft release",
  permission: "agents:write",
  body: compatDeployBody,
  response: compatReleaseResponse,
  description: `Writes the body's configuration to the draft and deploys it. ${deployRules.replaceAll("integration_slug", "integrationSlug").replaceAll("language_model_slug", "languageModelSlug")} \`parentUuid\` (ours) not the draft's → 409 \`invalidParent\`.`,
} as const;
export const compatGetDraftOp = defineOperation({ ...C, ...getDraftDoc, path: `${R}/getDraft` });
export const compatUpdateDraftOp = defineOperation({
  ...C,
  ...updateDraftDoc,
  path: `${R}/updateDraft`,
});
export const compatDeployDraftOp = defineOperation({
  ...C,
  ...deployDraftDoc,
  path: `${R}/deployDraft`,
});
// The same operations at the paths Cargo's published client (@cargo-ai/api) calls.
export const compatDraftOp = defineOperation({
  ...C,
  ...getDraftDoc,
  path: `${R}/draft`,
  summary: "Get draft release (Cargo's client)",
});
export const compatDraftUpdateOp = defineOperation({
  ...C,
  ...updateDraftDoc,
  path: `${R}/draft/update`,
  summary: "Update draft release (Cargo's client)",
});
export const compatDraftDeployOp = defineOperation({
  ...C,
  ...deployDraftDoc,
  path: `${R}/draft/deploy`,
  summary: "Deploy draft release (Cargo's client)",
});
export const compatDeployedOp = defineOperation({
  ...C,
  method: "GET",
  path: `${R}/deployed`,
  summary: "Get deployed release",
  permission: "agents:read",
  query: compatAgentQuery,
  response: compatReleaseResponse,
  description: "The release the agent runs; nothing deployed yet → 404 `releaseNotFound`.",
});
export const compatRestoreOp = defineOperation({
  ...C,
  method: "POST",
  path: "/api/v1/ai/releases/restore",
  summary: "Restore a release into the draft",
  permission: "agents:write",
  body: compatRestoreBody,
  response: compatReleaseResponse,
  description:
    "Ours: copies the release's configuration into its agent's draft; answers the draft.",
});
