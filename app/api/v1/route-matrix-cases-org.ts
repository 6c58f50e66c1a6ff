// The matrix's explicit table, org routes: operations whose success (or refusal) needs more than
// their declaration says (a real resource to act on, a bundle to push, a draft to deploy), or
// hand-made invalid inputs beyond what the schemas give. Everything else is derived
// (route-matrix-derive.ts); an operation with neither fails route-matrix.test.ts.
import { expect } from "vitest";
import { newOwner, newMember, tokenFor, uid } from "@/lib/testing/api";
import {
  pushed,
  bundle,
  someTokenId,
  pendingInvitationId,
  someMemberId,
  type ExplicitCase,
} from "./route-matrix-fixtures";

export const orgCases: Record<string, ExplicitCase> = {
  "GET /api/v1/orgs": {
    success: 200,
    request: () => ({ path: "/api/v1/orgs" }),
    extra: [
      {
        name: "shows a token only its own org",
        run: async (send) => {
          const other = await newOwner();
          const m = await newMember(other.org, "member");
          const t = (await tokenFor(m, ["read"])).secret;
          const res = await send(other.org.slug, { token: t });
          const slugs = (res.json as { orgs: { slug: string }[] }).orgs.map((o) => o.slug);
          expect(slugs).toEqual([other.org.slug]);
        },
      },
    ],
  },
  "POST /api/v1/auth/sign-up": {
    public: "anyone may sign up (app/api/v1/auth/sign-up tests who may and the invitations)",
  },
  "GET /api/v1/invitations/{token}": {
    public: "the invitation link is the credential (app/api/v1/invitations tests it)",
  },
  // Signs the owner's other sessions out; each check makes a fresh session.
  "DELETE /api/v1/account/sessions": {
    success: 200,
    request: () => ({}),
    sessionOnly: "signing out everywhere is done from a signed-in browser",
  },
  "GET /api/v1/org/{org}/workspaces": {
    success: 200,
    request: (org) => ({ path: `/api/v1/org/${org}/workspaces`, params: { org } }),
  },
  "POST /api/v1/org/{org}/workspaces": {
    success: 201,
    request: (org) => ({
      path: `/api/v1/org/${org}/workspaces`,
      params: { org },
      body: { slug: `ws-${uid()}`, name: "Staging" },
    }),
    invalid: [
      {
        request: (org) => ({ params: { org }, body: { slug: "Not A Slug", name: "x" } }),
        loc: ["body", "slug"],
      },
      {
        request: (org) => ({ params: { org }, body: { slug: "ok", name: "" } }),
        loc: ["body", "name"],
      },
      { request: (org) => ({ params: { org }, body: { name: "x" } }), loc: ["body", "slug"] },
      { request: (org) => ({ params: { org } }), loc: ["body"] },
    ],
  },
  "GET /api/v1/org/{org}/tokens": {
    success: 200,
    request: (org) => ({ path: `/api/v1/org/${org}/tokens`, params: { org } }),
  },
  "POST /api/v1/org/{org}/tokens": {
    success: 201,
    request: (org) => ({ params: { org }, body: { name: "ci", scopes: ["read"] } }),
    invalid: [
      {
        request: (org) => ({ params: { org }, body: { name: "ci", scopes: ["root"] } }),
        loc: ["body", "scopes", 0],
      },
      {
        request: (org) => ({ params: { org }, body: { name: "ci", scopes: [] } }),
        loc: ["body", "scopes"],
      },
      {
        request: (org) => ({
          params: { org },
          body: { name: "ci", scopes: ["read"], expires_at: "tomorrow" },
        }),
        loc: ["body", "expires_at"],
      },
      {
        request: (org) => ({
          params: { org },
          body: { name: "ci", scopes: ["read"], expires_at: "2001-01-01T00:00:00Z" },
        }),
        loc: ["body", "expires_at"],
      },
      {
        request: (org) => ({
          params: { org },
          body: { name: "ci", scopes: ["read"], workspace: "nope" },
        }),
        loc: ["body", "workspace"],
      },
    ],
  },
  "DELETE /api/v1/org/{org}/tokens/{id}": {
    success: 204,
    request: async (org) => ({ params: { org, id: await someTokenId() } }),
    invalid: [{ request: (org) => ({ params: { org, id: "not-a-uuid" } }), loc: ["path", "id"] }],
  },
  "GET /api/v1/org/{org}/members": {
    success: 200,
    request: (org) => ({ path: `/api/v1/org/${org}/members`, params: { org } }),
    invalid: [
      {
        request: (org) => ({ path: `/api/v1/org/${org}/members?limit=0`, params: { org } }),
        loc: ["query", "limit"],
      },
      {
        request: (org) => ({ path: `/api/v1/org/${org}/members?page=0`, params: { org } }),
        loc: ["query", "page"],
      },
    ],
  },
  "PATCH /api/v1/org/{org}/members/{user_id}": {
    success: 200,
    request: async (org) => ({
      params: { org, user_id: await someMemberId() },
      body: { role: "viewer" },
    }),
    invalid: [
      {
        request: async (org) => ({
          params: { org, user_id: await someMemberId() },
          body: { role: "root" },
        }),
        loc: ["body", "role"],
      },
      {
        request: (org) => ({ params: { org, user_id: "not-a-uuid" }, body: { role: "viewer" } }),
        loc: ["path", "user_id"],
      },
    ],
  },
  "DELETE /api/v1/org/{org}/members/{user_id}": {
    success: 200,
    request: async (org) => ({ params: { org, user_id: await someMemberId() } }),
    invalid: [
      { request: (org) => ({ params: { org, user_id: "not-a-uuid" } }), loc: ["path", "user_id"] },
    ],
  },
  "GET /api/v1/org/{org}/invitations": {
    success: 200,
    request: (org) => ({ path: `/api/v1/org/${org}/invitations`, params: { org } }),
  },
  "POST /api/v1/org/{org}/invitations": {
    success: 201,
    request: (org) => ({
      path: `/api/v1/org/${org}/invitations`,
      params: { org },
      body: { email: `matrix-${uid()}@test.quiver`, role: "member" },
    }),
    invalid: [
      {
        request: (org) => ({ params: { org }, body: { email: "not an email", role: "member" } }),
        loc: ["body", "email"],
      },
      {
        request: (org) => ({
          params: { org },
          body: { email: `matrix-${uid()}@test.quiver`, role: "root" },
        }),
        loc: ["body", "role"],
      },
      { request: (org) => ({ params: { org } }), loc: ["body"] },
    ],
  },
  "DELETE /api/v1/org/{org}/invitations/{id}": {
    success: 200,
    request: async (org) => ({ params: { org, id: await pendingInvitationId() } }),
    invalid: [{ request: (org) => ({ params: { org, id: "not-a-uuid" } }), loc: ["path", "id"] }],
  },
  "POST /api/v1/org/{org}/invitations/{id}/resend": {
    success: 200,
    request: async (org) => ({
      path: `/api/v1/org/${org}/invitations/x/resend`,
      params: { org, id: await pendingInvitationId() },
    }),
    invalid: [{ request: (org) => ({ params: { org, id: "not-a-uuid" } }), loc: ["path", "id"] }],
  },
  "GET /api/v1/org/{org}/search": {
    success: 200,
    request: (org) => ({ path: `/api/v1/org/${org}/search?q=main`, params: { org } }),
    invalid: [
      {
        request: (org) => ({ path: `/api/v1/org/${org}/search?q=a&limit=51`, params: { org } }),
        loc: ["query", "limit"],
      },
    ],
  },
  "GET /api/v1/org/{org}/audit-events": {
    success: 200,
    request: (org) => ({ path: `/api/v1/org/${org}/audit-events`, params: { org } }),
    invalid: [
      {
        request: (org) => ({ path: `/api/v1/org/${org}/audit-events?limit=0`, params: { org } }),
        loc: ["query", "limit"],
      },
      {
        request: (org) => ({ path: `/api/v1/org/${org}/audit-events?limit=101`, params: { org } }),
        loc: ["query", "limit"],
      },
      {
        request: (org) => ({ path: `/api/v1/org/${org}/audit-events?cursor=abc`, params: { org } }),
        loc: ["query", "cursor"],
      },
      {
        request: (org) => ({
          path: `/api/v1/org/${org}/audit-events?action=nothing.happened`,
          params: { org },
        }),
        loc: ["query", "action"],
      },
      {
        request: (org) => ({ path: `/api/v1/org/${org}/audit-events?from=today`, params: { org } }),
        loc: ["query", "from"],
      },
    ],
  },
  // JSON, so that the matrix can read the download (CSV is the default).
  "GET /api/v1/org/{org}/audit-events/export": {
    success: 200,
    request: (org) => ({
      path: `/api/v1/org/${org}/audit-events/export?format=json`,
      params: { org },
    }),
    invalid: [
      {
        request: (org) => ({
          path: `/api/v1/org/${org}/audit-events/export?format=xlsx`,
          params: { org },
        }),
        loc: ["query", "format"],
      },
      {
        request: (org) => ({
          path: `/api/v1/org/${org}/audit-events/export?to=2026-02-30`,
          params: { org },
        }),
        loc: ["query", "to"],
      },
    ],
  },
  "POST /api/v1/org/{org}/capabilities": {
    success: 201,
    request: (org) => ({
      params: { org },
      bytes: bundle(`m-${uid()}`),
      headers: { "content-type": "application/gzip" },
    }),
    invalid: [
      {
        request: (org) => ({
          params: { org },
          bytes: Buffer.alloc(0),
          headers: { "content-type": "application/gzip" },
        }),
        loc: ["body"],
      },
    ],
  },
  "GET /api/v1/org/{org}/capabilities/{name}": {
    success: 200,
    request: (org) => ({ params: { org, name: pushed } }),
    invalid: [
      { request: (org) => ({ params: { org, name: "Not_A_Name" } }), loc: ["path", "name"] },
    ],
  },
  "GET /api/v1/org/{org}/capabilities/{name}/{version}/trust": {
    success: 200,
    request: (org) => ({ params: { org, name: pushed, version: "1.0.0" } }),
    invalid: [
      {
        request: (org) => ({ params: { org, name: pushed, version: "1.0" } }),
        loc: ["path", "version"],
      },
      {
        request: (org) => ({ params: { org, name: "a/b/c", version: "1.0.0" } }),
        loc: ["path", "name"],
      },
    ],
  },
  "GET /api/v1/org/{org}/capabilities/{name}/diff": {
    success: 200,
    request: (org) => ({ path: "/x?from=1.0.0&to=1.0.0", params: { org, name: pushed } }),
    invalid: [
      {
        request: (org) => ({ path: "/x?from=v1", params: { org, name: pushed } }),
        loc: ["query", "from"],
      },
      {
        request: (org) => ({ path: "/x?from=1.0.0&to=latest", params: { org, name: pushed } }),
        loc: ["query", "to"],
      },
    ],
  },
};
