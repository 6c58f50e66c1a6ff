// DELETE /api/v1/account/sessions: sign out everywhere, this browser included.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { signOutEverywhereOp } from "@/lib/users/operations";
import { signOutEverywhere } from "@/lib/users/account";

export const DELETE = route(signOutEverywhereOp, async ({ ctx }) => ({
  sessions_ended: await signOutEverywhere(ctx),
}));

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods(signOutEverywhereOp);
