// API operations of prompts, personas and optimization jobs on the canonical surface under
// /api/v1/org/{org}/ws/{workspace}; the seeds/004 surface's are in compat-operations.ts.
import { defineOperation } from "@/lib/api/operation";
import { REPORT_MAX_BYTES } from "./bounds";
import { capabilityArtifactDetail } from "@/lib/catalog/schemas";
import { analysisResponse } from "./analysis-schemas";
import { jobCellList, jobCellsQuery } from "./cell-schemas";
import {
  applyBody,
  applyResponse,
  createJobBody,
  createPersonaBody,
  createPromptBody,
  createPromptVersionBody,
  job,
  jobList,
  jobListQuery,
  jobPath,
  logList,
  persona,
  personaList,
  personaPath,
  progressBody,
  promoteBody,
  prompt,
  promptList,
  promptListQuery,
  promptPath,
  promptVersion,
  promptVersionList,
  stopBody,
  updateJobBody,
  updatePersonaBody,
  updatePromptBody,
  variantList,
  wsPath,
} from "./schemas";

const ws = "/api/v1/org/{org}/ws/{workspace}";
const P = { tag: "Prompts", auth: "required", scope: "workspace" } as const;
const O = { tag: "Optimization", auth: "required", scope: "workspace" } as const;

export const listPromptsOp = defineOperation({
  ...P,
  method: "GET",
  path: `${ws}/prompts`,
  summary: "List prompts",
  permission: "optimization:read",
  params: wsPath,
  query: promptListQuery,
  response: promptList,
});
export const createPromptOp = defineOperation({
  ...P,
  method: "POST",
  path: `${ws}/prompts`,
  summary: "Create a prompt with its first version",
  permission: "optimization:write",
  params: wsPath,
  body: createPromptBody,
  response: prompt,
  status: 201,
});
export const getPromptOp = defineOperation({
  ...P,
  method: "GET",
  path: `${ws}/prompts/{id}`,
  summary: "One prompt with its active version",
  permission: "optimization:read",
  params: promptPath,
  response: prompt,
});
export const updatePromptOp = defineOperation({
  ...P,
  method: "PATCH",
  path: `${ws}/prompts/{id}`,
  summary: "Change a prompt's name, description, tags, status or active version",
  permission: "optimization:write",
  params: promptPath,
  body: updatePromptBody,
  response: prompt,
});
export const listPromptVersionsOp = defineOperation({
  ...P,
  method: "GET",
  path: `${ws}/prompts/{id}/versions`,
  summary: "Versions of a prompt, newest first",
  permission: "optimization:read",
  params: promptPath,
  response: promptVersionList,
});
export const createPromptVersionOp = defineOperation({
  ...P,
  method: "POST",
  path: `${ws}/prompts/{id}/versions`,
  summary: "Add a version (immutable), active by default",
  permission: "optimization:write",
  params: promptPath,
  body: createPromptVersionBody,
  response: promptVersion,
  status: 201,
});

export const listPersonasOp = defineOperation({
  ...P,
  tag: "Personas",
  method: "GET",
  path: `${ws}/personas`,
  summary: "List personas",
  description: "A workspace starts with a default set, added the first time its personas are used.",
  permission: "optimization:read",
  params: wsPath,
  response: personaList,
});
export const createPersonaOp = defineOperation({
  ...P,
  tag: "Personas",
  method: "POST",
  path: `${ws}/personas`,
  summary: "Create a persona",
  permission: "optimization:write",
  params: wsPath,
  body: createPersonaBody,
  response: persona,
  status: 201,
});
export const getPersonaOp = defineOperation({
  ...P,
  tag: "Personas",
  method: "GET",
  path: `${ws}/personas/{id}`,
  summary: "One persona",
  permission: "optimization:read",
  params: personaPath,
  response: persona,
});
export const updatePersonaOp = defineOperation({
  ...P,
  tag: "Personas",
  method: "PATCH",
  path: `${ws}/personas/{id}`,
  summary: "Edit a persona",
  permission: "optimization:write",
  params: personaPath,
  body: updatePersonaBody,
  response: persona,
});
export const deletePersonaOp = defineOperation({
  ...P,
  tag: "Personas",
  method: "DELETE",
  path: `${ws}/personas/{id}`,
  summary: "Delete a persona",
  permission: "optimization:write",
  params: personaPath,
  status: 204,
});

const jobs = `${ws}/optimization/jobs`;
export const listJobsOp = defineOperation({
  ...O,
  method: "GET",
  path: jobs,
  summary: "List optimization jobs, newest first",
  description:
    "Filter by `status`, `target_kind`, `prompt_id`, `executor` and `verdict`; `search` matches part of the job's name or its target's name (either case). Archived jobs are left out unless `archived=include` or `only`.",
  permission: "optimization:read",
  params: wsPath,
  query: jobListQuery,
  response: jobList,
});
export const createJobOp = defineOperation({
  ...O,
  method: "POST",
  path: jobs,
  summary: "Start an optimization job",
  permission: "optimization:write",
  params: wsPath,
  body: createJobBody,
  response: job,
  status: 201,
  description:
    '`prompt_id` for `target_kind: "prompt"`; `capability_ref` and `agent_name` for `"capability_agent"`. Personas default to all of the workspace\'s. `executor: "external"` waits for an outside harness to report through `POST …/progress`; `"builtin"` needs a model provider (422 until one is configured).',
});
export const getJobOp = defineOperation({
  ...O,
  method: "GET",
  path: `${jobs}/{job_id}`,
  summary: "One optimization job",
  permission: "optimization:read",
  params: jobPath,
  response: job,
});
export const updateJobOp = defineOperation({
  ...O,
  method: "PATCH",
  path: `${jobs}/{job_id}`,
  summary: "Rename an optimization job, or archive or restore it",
  description:
    "Archived jobs are left out of the list unless `archived=include` or `only`; a queued or running job cannot be archived (409). Each change is audited.",
  permission: "optimization:write",
  params: jobPath,
  body: updateJobBody,
  response: job,
});
export const jobVariantsOp = defineOperation({
  ...O,
  method: "GET",
  path: `${jobs}/{job_id}/variants`,
  summary: "The control and the candidates with their means, lift and confidence",
  permission: "optimization:read",
  params: jobPath,
  response: variantList,
});
export const jobAnalysisOp = defineOperation({
  ...O,
  method: "GET",
  path: `${jobs}/{job_id}/analysis`,
  summary:
    "The full statistics: paired differences with intervals per metric, per persona means, the verdict",
  description:
    "`analysis` is null (not an error) until the job has a control variant and scored cells.",
  permission: "optimization:read",
  params: jobPath,
  response: analysisResponse,
});
export const jobLogsOp = defineOperation({
  ...O,
  method: "GET",
  path: `${jobs}/{job_id}/logs`,
  summary: "The job's log lines",
  permission: "optimization:read",
  params: jobPath,
  response: logList,
});
export const jobCellsOp = defineOperation({
  ...O,
  method: "GET",
  path: `${jobs}/{job_id}/cells`,
  summary:
    "The job's cells: scores and transcript of each conversation, by persona, scenario and variant",
  permission: "optimization:read",
  params: jobPath,
  query: jobCellsQuery,
  response: jobCellList,
  description:
    "Filter by `variant` (key), `persona` and `scenario`; `page` and `limit` (default 20, at most 100).",
});
export const cancelJobOp = defineOperation({
  ...O,
  method: "POST",
  path: `${jobs}/{job_id}/cancel`,
  summary: "Stop a queued or running job",
  permission: "optimization:write",
  params: jobPath,
  body: stopBody,
  response: job,
});
export const retryJobOp = defineOperation({
  ...O,
  method: "POST",
  path: `${jobs}/{job_id}/retry`,
  summary: "Start a new job like a failed or stopped one",
  permission: "optimization:write",
  params: jobPath,
  response: job,
  status: 201,
});
export const progressOp = defineOperation({
  ...O,
  method: "POST",
  path: `${jobs}/{job_id}/progress`,
  summary: "Report progress (external executor)",
  permission: "optimization:write",
  params: jobPath,
  body: progressBody,
  response: job,
  maxBodyBytes: REPORT_MAX_BYTES,
  description:
    "Every part is optional. Variants are matched by `key`, cells by (`variant`, `persona`, `scenario`): a retried call changes nothing, a contradicting one is a 409. Metrics are 0–100. `finished: true` computes the verdict and completes the job; `error` fails it. A job holds what its plan needs and a little slack (cells, personas, variants, transcript turns and bytes, log lines); a report that would pass a bound is a 422 naming the bound and the count, and none of it is stored. One report's body is at most 8 MiB.",
});
export const applyOp = defineOperation({
  ...O,
  method: "POST",
  path: `${jobs}/{job_id}/apply`,
  summary: "Apply a variant (default: the winner) as the prompt's new active version",
  permission: "optimization:write",
  params: jobPath,
  body: applyBody,
  response: applyResponse,
});
export const promoteOp = defineOperation({
  ...O,
  method: "POST",
  path: `${jobs}/{job_id}/promote`,
  summary: "Promote best optimization candidate",
  permission: "catalog:write",
  params: jobPath,
  body: promoteBody,
  response: capabilityArtifactDetail,
  status: 201,
  description:
    "The winner of a completed capability-agent job becomes a new capability version: the agent file's body replaced, its frontmatter kept, every other file identical; default version the next patch. A job that is not completed, has no winner, or whose version exists → 409.",
});
