// Canonical API operations of runtimes and their capability bindings (seeds/001).
import { defineOperation } from "@/lib/api/operation";
import {
  bindingPath,
  createBindingBody,
  createRuntimeBody,
  heartbeatBody,
  heartbeatResponse,
  resolvedConfiguration,
  runtime,
  runtimeCapabilityBinding,
  runtimeCapabilityListResponse,
  runtimeListResponse,
  runtimePath,
  toolDriftReport,
  updateBindingBody,
  updateRuntimeBody,
  upgradePreview,
  upgradePreviewQuery,
  workspacePath,
} from "./schemas";
import { resolvedQuery } from "./watch-schemas";

const base = "/api/v1/org/{org}/ws/{workspace}/runtimes";
const common = { tag: "Runtimes", auth: "required", scope: "workspace" } as const;

export const listRuntimesOp = defineOperation({
  ...common,
  method: "GET",
  path: base,
  summary: "List runtimes",
  permission: "runtimes:read",
  params: workspacePath,
  response: runtimeListResponse,
  description:
    "Each runtime with its binding and enabled counts, upgrades available, resolved digest and sync status (in_sync, drift, unknown).",
});

export const createRuntimeOp = defineOperation({
  ...common,
  method: "POST",
  path: base,
  summary: "Create a runtime",
  permission: "runtimes:write",
  params: workspacePath,
  body: createRuntimeBody,
  response: runtime,
  status: 201,
  description: "A taken name in the workspace → 409.",
});

export const getRuntimeOp = defineOperation({
  ...common,
  method: "GET",
  path: `${base}/{runtime_id}`,
  summary: "One runtime",
  permission: "runtimes:read",
  params: runtimePath,
  response: runtime,
});

export const updateRuntimeOp = defineOperation({
  ...common,
  method: "PATCH",
  path: `${base}/{runtime_id}`,
  summary: "Rename or describe a runtime",
  permission: "runtimes:write",
  params: runtimePath,
  body: updateRuntimeBody,
  response: runtime,
});

export const deleteRuntimeOp = defineOperation({
  ...common,
  method: "DELETE",
  path: `${base}/{runtime_id}`,
  summary: "Delete a runtime and its bindings",
  permission: "runtimes:write",
  params: runtimePath,
  status: 204,
});

export const listBindingsOp = defineOperation({
  ...common,
  method: "GET",
  path: `${base}/{runtime_id}/capabilities`,
  summary: "List runtime capabilities",
  permission: "runtimes:read",
  params: runtimePath,
  response: runtimeCapabilityListResponse,
});

export const createBindingOp = defineOperation({
  ...common,
  method: "POST",
  path: `${base}/{runtime_id}/capabilities`,
  summary: "Bind a capability to a runtime",
  permission: "runtimes:write",
  params: runtimePath,
  body: createBindingBody,
  response: runtimeCapabilityBinding,
  status: 201,
  description:
    "No `version`: the latest. Another org's public capability is named `owner/name`. One binding per capability per runtime (409). An unknown or invisible capability → 404.",
});

export const updateBindingOp = defineOperation({
  ...common,
  method: "PATCH",
  path: `${base}/{runtime_id}/capabilities/{binding_id}`,
  summary: "Enable, disable, override flags or change the version of a binding",
  permission: "runtimes:write",
  params: bindingPath,
  body: updateBindingBody,
  response: runtimeCapabilityBinding,
  description:
    "Exactly one of `{enabled}`, `{flags: {name: true|false|null}}` (null clears an override) or `{version}`; two kinds at once → 422. An undeclared flag → 422 naming it and the declared ones. Changing the version drops overrides of flags the new version does not declare. Of two concurrent changes, both apply or one gets 409.",
});

export const deleteBindingOp = defineOperation({
  ...common,
  method: "DELETE",
  path: `${base}/{runtime_id}/capabilities/{binding_id}`,
  summary: "Remove a capability from a runtime",
  permission: "runtimes:write",
  params: bindingPath,
  status: 204,
});

export const resolvedOp = defineOperation({
  ...common,
  method: "GET",
  path: `${base}/{runtime_id}/capabilities/resolved`,
  summary: "What the runtime should load",
  permission: "runtimes:read",
  params: runtimePath,
  query: resolvedQuery,
  response: resolvedConfiguration,
  otherResponses: {
    304: "Not Modified: `If-None-Match` names the current digest (after `wait` seconds, with `wait`)",
  },
  description:
    "Only enabled bindings, with effective flags (manifest defaults overlaid by overrides), the approved MCP tools by server, name and fingerprint (`approved_tools`, for the servers in `approved_tool_servers`: a runtime can refuse a tool whose fingerprint is not approved), and the combined `runtime_digest`. The fingerprints are covered by each version's runtime_digest (they come from its files), so the combined digest is computed as before. Sends an `ETag` (the digest); `If-None-Match` with the current one → 304 with no body, so runtimes can poll it cheaply.\n\nLong-poll: add `?wait=60` to such a request and it is held until the digest changes (200 with the new view, at once) or 60 seconds pass (304). A change anywhere (another process or instance on the same database) wakes it. A token revoked or a runtime deleted during the wait ends it at once with 401 or 404; so does losing access to the org.",
});

export const resolvedStreamOp = defineOperation({
  ...common,
  method: "GET",
  path: `${base}/{runtime_id}/capabilities/resolved/stream`,
  summary: "Watch what the runtime should load (server-sent events)",
  permission: "runtimes:read",
  params: runtimePath,
  responseMedia: {
    type: "text/event-stream",
    description:
      "Server-sent events. `event: resolved` (`id:` the `runtime_digest`; `data:` the resolved view as JSON, as `GET .../capabilities/resolved` answers it) first for the current view, then once per change; `: heartbeat` comments every 15 seconds; a final `event: error` (`data:` the API error payload: 401 when the token is revoked or access lost, 404 when the runtime is deleted) before the stream closes.",
  },
  description:
    "The resolved view pushed as it changes, instead of polled. A client that reconnects sends `Last-Event-ID` (the last digest it received): when that is still the current digest the view is not sent again, otherwise the current view comes first. A change made through any process or instance on the same database reaches every stream. Sent with `Cache-Control: no-cache, no-transform` and `X-Accel-Buffering: no`, so proxies pass events through at once. `npm run quiver -- runtime watch <runtime-id>` is a client.",
});

export const heartbeatOp = defineOperation({
  ...common,
  method: "POST",
  path: `${base}/{runtime_id}/heartbeat`,
  summary: "Report what the runtime loaded",
  permission: "runtimes:report",
  params: runtimePath,
  body: heartbeatBody,
  response: heartbeatResponse,
  description:
    "The runtime is in sync when the digest it reports is the resolved one, in drift otherwise. With `observed_tools` it also reports the tools its MCP servers expose (`tools/list`): full definitions, whose fingerprints Quiver computes, or `{server, name, fingerprint}`; at most 1000 tools and 512 KiB. Omitted, the last observation stands; `[]` means it sees no tools. The answer includes the tool drift against the approved tools of the enabled bindings. A read-scoped token may report: it changes no configuration.",
});

export const toolDriftOp = defineOperation({
  ...common,
  method: "GET",
  path: `${base}/{runtime_id}/tool-drift`,
  summary: "How the tools the runtime sees differ from the approved ones",
  permission: "runtimes:read",
  params: runtimePath,
  response: toolDriftReport,
  description:
    "The last `observed_tools` of the runtime's heartbeats against the tools declared by the MCP servers of its enabled bound versions (only servers that declare tools are checked): tools added, removed or changed (description with a word diff, input or output schema, annotations; `fingerprint` when the runtime reported only fingerprints). Compared by fingerprint, so key order and whitespace never count. `unknown` until the runtime reports its tools.",
});

export const upgradePreviewOp = defineOperation({
  ...common,
  method: "GET",
  path: `${base}/{runtime_id}/capabilities/{binding_id}/upgrade-preview`,
  summary: "What upgrading a binding would change",
  permission: "runtimes:read",
  params: bindingPath,
  query: upgradePreviewQuery,
  response: upgradePreview,
  description:
    "Components added and removed, new MCP servers, hosts and commands, approved MCP tools added, removed and changed (`tools`, with what changed and a changed description's text diff), flags added and removed, overrides that would be dropped, and the runtime digest after. `to` defaults to the latest version.",
});
