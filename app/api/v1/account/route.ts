// GET /api/v1/account: the caller's account; PATCH: change its name (browser sessions only).
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { getAccountOp, updateAccountOp } from "@/lib/users/operations";
import { getAccount, updateAccount } from "@/lib/users/account";

export const GET = route(getAccountOp, ({ ctx }) => getAccount(ctx));

export const PATCH = route(updateAccountOp, ({ ctx, body }) => updateAccount(ctx, body));

export const { POST, PUT, DELETE, OPTIONS } = otherMethods(getAccountOp, updateAccountOp);
