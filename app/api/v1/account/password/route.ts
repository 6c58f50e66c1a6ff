// POST /api/v1/account/password: change the signed-in user's password; their other sessions end.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { changePasswordOp } from "@/lib/users/operations";
import { changePassword } from "@/lib/users/service";

export const POST = route(changePasswordOp, async ({ ctx, body }) => ({
  sessions_ended: await changePassword(ctx.db, ctx.actor, {
    currentPassword: body.current_password,
    newPassword: body.new_password,
  }),
}));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(changePasswordOp);
