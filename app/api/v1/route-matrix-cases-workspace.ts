// The matrix's explicit table, workspace routes: operations whose success (or refusal) needs more than
// their declaration says (a real resource to act on, a bundle to push, a draft to deploy), or
// hand-made invalid inputs beyond what the schemas give. Everything else is derived
// (route-matrix-derive.ts); an operation with neither fails route-matrix.test.ts.
import { uid } from "@/lib/testing/api";
import {
  agentId,
  agentDraft,
  draftRevision,
  changedDraft,
  type ExplicitCase,
} from "./route-matrix-fixtures";

export const workspaceCases: Record<string, ExplicitCase> = {
  "GET /api/v1/org/{org}/ws/{workspace}/runtimes": {
    success: 200,
    request: (org) => ({ params: { org, workspace: "main" } }),
  },
  "POST /api/v1/org/{org}/ws/{workspace}/runtimes": {
    success: 201,
    request: (org) => ({ params: { org, workspace: "main" }, body: { name: `matrix-${uid()}` } }),
    invalid: [
      {
        request: (org) => ({ params: { org, workspace: "main" }, body: { name: "" } }),
        loc: ["body", "name"],
      },
      {
        request: (org) => ({
          params: { org, workspace: "main" },
          body: { description: "no name" },
        }),
        loc: ["body", "name"],
      },
    ],
  },
  "GET /api/v1/org/{org}/ws/{workspace}/model-provider": {
    success: 200,
    request: (org) => ({ params: { org, workspace: "main" } }),
  },
  "PUT /api/v1/org/{org}/ws/{workspace}/model-provider": {
    success: 200,
    request: (org) => ({
      params: { org, workspace: "main" },
      body: {
        base_url: "http://127.0.0.1:1/v1",
        model: "matrix-model",
        api_key: "sk-matrix-0123456789",
      },
    }),
    invalid: [
      {
        request: (org) => ({
          params: { org, workspace: "main" },
          body: { base_url: "ftp://x.example.com", model: "m" },
        }),
        loc: ["body", "base_url"],
      },
      {
        request: (org) => ({
          params: { org, workspace: "main" },
          body: { base_url: "http://127.0.0.1:1/v1" },
        }),
        loc: ["body", "model"],
      },
      {
        request: (org) => ({
          params: { org, workspace: "main" },
          body: { base_url: "http://127.0.0.1:1/v1", model: "m", max_concurrency: 65 },
        }),
        loc: ["body", "max_concurrency"],
      },
      {
        request: (org) => ({
          params: { org, workspace: "main" },
          body: { base_url: "http://127.0.0.1:1/v1", model: "m", timeout_ms: 999 },
        }),
        loc: ["body", "timeout_ms"],
      },
      { request: (org) => ({ params: { org, workspace: "main" } }), loc: ["body"] },
    ],
  },
  "DELETE /api/v1/org/{org}/ws/{workspace}/model-provider": {
    success: 204,
    request: (org) => ({ params: { org, workspace: "main" } }),
  },
  // // Nothing listens on port 1: the test answers 200 with ok:false at once.
  "POST /api/v1/org/{org}/ws/{workspace}/model-provider/test": {
    success: 200,
    request: (org) => ({
      params: { org, workspace: "main" },
      body: { base_url: "http://127.0.0.1:1/v1", model: "matrix-model" },
    }),
    invalid: [
      {
        request: (org) => ({
          params: { org, workspace: "main" },
          body: { base_url: "not a url", model: "m" },
        }),
        loc: ["body", "base_url"],
      },
      {
        request: (org) => ({
          params: { org, workspace: "main" },
          body: { base_url: "http://127.0.0.1:1/v1", model: "m", max_concurrency: 0 },
        }),
        loc: ["body", "max_concurrency"],
      },
    ],
  },
  "GET /api/v1/org/{org}/ws/{workspace}/agents": {
    success: 200,
    request: (org) => ({ params: { org, workspace: "main" } }),
  },
  "POST /api/v1/org/{org}/ws/{workspace}/agents": {
    success: 201,
    request: (org) => ({ params: { org, workspace: "main" }, body: { name: `matrix-${uid()}` } }),
    invalid: [
      {
        request: (org) => ({ params: { org, workspace: "main" }, body: { name: "" } }),
        loc: ["body", "name"],
      },
      {
        request: (org) => ({
          params: { org, workspace: "main" },
          body: { description: "no name" },
        }),
        loc: ["body", "name"],
      },
    ],
  },
  "GET /api/v1/org/{org}/ws/{workspace}/agents/{agent_id}": {
    success: 200,
    request: (org) => ({ params: { org, workspace: "main", agent_id: agentId } }),
    invalid: [
      {
        request: (org) => ({ params: { org, workspace: "main", agent_id: "not-a-uuid" } }),
        loc: ["path", "agent_id"],
      },
    ],
  },
  "PUT /api/v1/org/{org}/ws/{workspace}/agents/{agent_id}/draft": {
    success: 200,
    request: async (org) => ({
      params: { org, workspace: "main", agent_id: agentId },
      body: { ...agentDraft, revision: await draftRevision() },
    }),
    invalid: [
      {
        request: (org) => ({
          params: { org, workspace: "main", agent_id: agentId },
          body: { ...agentDraft, revision: 1, temperature: 2 },
        }),
        loc: ["body", "temperature"],
      },
      {
        request: (org) => ({
          params: { org, workspace: "main", agent_id: agentId },
          body: { ...agentDraft, actions: undefined, revision: 1 },
        }),
        loc: ["body", "actions"],
      },
      {
        request: (org) => ({
          params: { org, workspace: "main", agent_id: agentId },
          body: agentDraft,
        }),
        loc: ["body", "revision"],
      },
      {
        request: (org) => ({
          params: { org, workspace: "main", agent_id: agentId },
          body: { ...agentDraft, revision: 1, connector_uuid: "nope" },
        }),
        loc: ["body", "connector_uuid"],
      },
    ],
  },
  "POST /api/v1/org/{org}/ws/{workspace}/agents/{agent_id}/draft/deploy": {
    success: 201,
    request: async (org) => {
      await changedDraft();
      return { params: { org, workspace: "main", agent_id: agentId }, body: {} };
    },
    invalid: [
      {
        request: async (org) => {
          await changedDraft();
          return {
            params: { org, workspace: "main", agent_id: agentId },
            body: { version: "1.2" },
          };
        },
        loc: ["body", "version"],
      },
      {
        request: (org) => ({
          params: { org, workspace: "main", agent_id: agentId },
          body: { revision: "two" },
        }),
        loc: ["body", "revision"],
      },
    ],
  },
  "GET /api/v1/org/{org}/ws/{workspace}/agents/{agent_id}/releases": {
    success: 200,
    request: (org) => ({ params: { org, workspace: "main", agent_id: agentId } }),
    invalid: [
      {
        request: (org) => ({
          path: "/x?limit=0",
          params: { org, workspace: "main", agent_id: agentId },
        }),
        loc: ["query", "limit"],
      },
      {
        request: (org) => ({
          path: "/x?offset=-1",
          params: { org, workspace: "main", agent_id: agentId },
        }),
        loc: ["query", "offset"],
      },
    ],
  },
  "GET /api/v1/org/{org}/ws/{workspace}/agents/{agent_id}/releases/diff": {
    success: 200,
    request: (org) => ({ params: { org, workspace: "main", agent_id: agentId } }),
    invalid: [
      {
        request: (org) => ({
          path: "/x?from=latest",
          params: { org, workspace: "main", agent_id: agentId },
        }),
        loc: ["query", "from"],
      },
    ],
  },
};
