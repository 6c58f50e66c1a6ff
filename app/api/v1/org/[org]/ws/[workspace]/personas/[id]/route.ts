// GET, PATCH, DELETE /api/v1/org/{org}/ws/{workspace}/personas/{id}
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { deletePersonaOp, getPersonaOp, updatePersonaOp } from "@/lib/optimization/operations";
import { deletePersona, getPersona, updatePersona } from "@/lib/optimization/personas";
import { toPersona } from "@/lib/optimization/serializers";

export const GET = route(getPersonaOp, async ({ ctx, params }) =>
  toPersona(await getPersona(ctx, params.id)),
);

export const PATCH = route(updatePersonaOp, async ({ ctx, params, body }) =>
  toPersona(await updatePersona(ctx, params.id, body)),
);

export const DELETE = route(deletePersonaOp, async ({ ctx, params }) => {
  await deletePersona(ctx, params.id);
  return null;
});

export const { POST, PUT, OPTIONS } = otherMethods(getPersonaOp, updatePersonaOp, deletePersonaOp);
