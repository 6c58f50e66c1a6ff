// GET, POST /api/v1/org/{org}/workspaces
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { createWorkspaceOp, listWorkspacesOp } from "@/lib/orgs/operations";
import { createWorkspace, listWorkspaces } from "@/lib/orgs/service";
import { toWorkspace } from "@/lib/orgs/serializers";

export const GET = route(listWorkspacesOp, async ({ ctx }) => ({
  workspaces: (await listWorkspaces(ctx)).map(toWorkspace),
}));

export const POST = route(createWorkspaceOp, async ({ ctx, body }) =>
  toWorkspace(await createWorkspace(ctx, body)),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(listWorkspacesOp, createWorkspaceOp);
