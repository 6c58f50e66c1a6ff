// Canonical API operations of the catalog.
import { defineOperation } from "@/lib/api/operation";
import { orgPathParams } from "@/lib/orgs/schemas";
import {
  capabilityArtifactDetail,
  capabilityArtifactListResponse,
  capabilityFacetsResponse,
  capabilityFilePath,
  capabilityPath,
  capabilityVersionList,
  capabilityVersionDiff,
  capabilityVersionPath,
  diffQuery,
  listCapabilitiesQuery,
  trustCard,
  visibilityBody,
  visibilityResponse,
} from "./schemas";

export const listCapabilitiesOp = defineOperation({
  method: "GET",
  path: "/api/v1/org/{org}/capabilities",
  tag: "Catalog",
  summary: "List capability artifacts",
  description:
    "One row per capability with its latest version (semver order), `versions` newest first. `search` is full-text over name, description, keywords, author and component names and descriptions, ranked by relevance (unless `sort_by` is given). `keywords`, `author`, `license` and `trust` may repeat (any of). Each row carries `trust_level` and `trust_counts`, the latest version's trust card at a glance (`GET .../{version}/trust` has its signals). `include_public=true` adds public capabilities of other orgs, named `owner/name`.",
  auth: "required",
  scope: "org",
  permission: "catalog:read",
  params: orgPathParams,
  query: listCapabilitiesQuery,
  response: capabilityArtifactListResponse,
});

export const capabilityFacetsOp = defineOperation({
  method: "GET",
  path: "/api/v1/org/{org}/capabilities/facets",
  tag: "Catalog",
  summary: "Facet counts of the catalog",
  description:
    "Counts per keyword, author, license and trust level under the same filters as the list (`page`, `limit` and sorting are ignored).",
  auth: "required",
  scope: "org",
  permission: "catalog:read",
  params: orgPathParams,
  query: listCapabilitiesQuery,
  response: capabilityFacetsResponse,
});

export const pushCapabilityOp = defineOperation({
  method: "POST",
  path: "/api/v1/org/{org}/capabilities",
  tag: "Catalog",
  summary: "Push a capability bundle",
  description:
    "The bundle is the raw body (`Content-Type: application/gzip` for .tar.gz, `application/zip` for .zip) or a `multipart/form-data` field named `bundle`. A new version → 201. The same name and version with the same runtime digest → 200 with the stored version. Different content → 409: versions are immutable. A hostile or invalid bundle → 400 or 422 naming the file and the rule; nothing is stored.",
  auth: "required",
  scope: "org",
  permission: "catalog:write",
  params: orgPathParams,
  rawBody: {
    limit: "QUIVER_BUNDLE_MAX_BYTES",
    formField: "bundle",
    missing: "Send the bundle (.tar.gz or .zip) as the request body",
  },
  response: capabilityArtifactDetail,
  status: 201,
});

export const getCapabilityOp = defineOperation({
  method: "GET",
  path: "/api/v1/org/{org}/capabilities/{name}",
  tag: "Catalog",
  summary: "The latest version of a capability",
  auth: "required",
  scope: "org",
  permission: "catalog:read",
  params: capabilityPath,
  response: capabilityArtifactDetail,
});

export const getCapabilityVersionOp = defineOperation({
  method: "GET",
  path: "/api/v1/org/{org}/capabilities/{name}/{version}",
  tag: "Catalog",
  summary: "One version of a capability",
  description:
    "Its manifest, files and components; an MCP server that declares its tools lists them under `metadata.tools`, each with its `fingerprint` (SHA-256 over the RFC 8785 canonical JSON of name, description, input_schema, output_schema and annotations).",
  auth: "required",
  scope: "org",
  permission: "catalog:read",
  params: capabilityVersionPath,
  response: capabilityArtifactDetail,
});

export const listVersionsOp = defineOperation({
  method: "GET",
  path: "/api/v1/org/{org}/capabilities/{name}/versions",
  tag: "Catalog",
  summary: "Versions of a capability, newest first",
  auth: "required",
  scope: "org",
  permission: "catalog:read",
  params: capabilityPath,
  response: capabilityVersionList,
});

export const getFileOp = defineOperation({
  method: "GET",
  path: "/api/v1/org/{org}/capabilities/{name}/{version}/files/{path}",
  tag: "Catalog",
  summary: "One file of a version, as stored",
  description: "`path` may contain slashes. The body is the file's bytes; `ETag` is its sha256.",
  auth: "required",
  scope: "org",
  permission: "catalog:read",
  params: capabilityFilePath,
});

export const getReadmeOp = defineOperation({
  method: "GET",
  path: "/api/v1/org/{org}/capabilities/{name}/{version}/readme",
  tag: "Catalog",
  summary: "The README of a version (text/markdown)",
  auth: "required",
  scope: "org",
  permission: "catalog:read",
  params: capabilityVersionPath,
});

export const getBundleOp = defineOperation({
  method: "GET",
  path: "/api/v1/org/{org}/capabilities/{name}/{version}/bundle",
  tag: "Catalog",
  summary: "Download the bundle as pushed",
  auth: "required",
  scope: "org",
  permission: "catalog:read",
  params: capabilityVersionPath,
});

export const setVisibilityOp = defineOperation({
  method: "PATCH",
  path: "/api/v1/org/{org}/capabilities/{name}/visibility",
  tag: "Catalog",
  summary: "Make a capability public or private (all versions)",
  description:
    "Admins only (a token needs the `admin` scope): public exposes every version to every org. Making it private again revokes nothing already running: another org's runtime bindings keep the versions they pin (still resolved and readable to that org), and nothing else of it stays readable or bindable there.",
  auth: "required",
  scope: "org",
  permission: "catalog:admin",
  params: capabilityPath,
  body: visibilityBody,
  response: visibilityResponse,
});

export const deleteVersionOp = defineOperation({
  method: "DELETE",
  path: "/api/v1/org/{org}/capabilities/{name}/{version}",
  tag: "Catalog",
  summary: "Delete a version",
  description: "Deleting the last version deletes the capability.",
  auth: "required",
  scope: "org",
  permission: "catalog:admin",
  params: capabilityVersionPath,
  status: 204,
});

export const getTrustCardOp = defineOperation({
  method: "GET",
  path: "/api/v1/org/{org}/capabilities/{name}/{version}/trust",
  tag: "Catalog",
  summary: "The trust card of a version",
  description:
    "Every signal has a status (pass, warn, fail, info), its evidence (file and line where there is one) and a one-line explanation. Secrets found by the content scan are located, never shown.",
  auth: "required",
  scope: "org",
  permission: "catalog:read",
  params: capabilityVersionPath,
  response: trustCard,
});

export const diffVersionsOp = defineOperation({
  method: "GET",
  path: "/api/v1/org/{org}/capabilities/{name}/diff",
  tag: "Catalog",
  summary: "What changed between two versions",
  description:
    "Files added, removed and changed (with unified diffs for text up to 512 KB), components added, removed and changed, approved MCP tools added, removed and changed per server (`tools`: which fields changed, a changed description with its text diff; fingerprints first, so reordered keys or whitespace are no change), manifest keys, and the trust signals that changed. `from` may be newer than `to`; the diff then reads backwards.",
  auth: "required",
  scope: "org",
  permission: "catalog:read",
  params: capabilityPath,
  query: diffQuery,
  response: capabilityVersionDiff,
});
