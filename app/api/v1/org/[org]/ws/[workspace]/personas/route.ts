// GET, POST /api/v1/org/{org}/ws/{workspace}/personas
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { createPersonaOp, listPersonasOp } from "@/lib/optimization/operations";
import { createPersona, listPersonas } from "@/lib/optimization/personas";
import { toPersona } from "@/lib/optimization/serializers";

export const GET = route(listPersonasOp, async ({ ctx }) => ({
  personas: (await listPersonas(ctx)).map(toPersona),
}));

export const POST = route(createPersonaOp, async ({ ctx, body }) =>
  toPersona(await createPersona(ctx, body)),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(listPersonasOp, createPersonaOp);
