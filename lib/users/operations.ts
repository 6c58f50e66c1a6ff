// Canonical API operations of accounts.
import { defineOperation } from "../api/operation";
import { signUpBody, signUpResponse } from "./schemas";

export const signUpOp = defineOperation({
  method: "POST", path: "/api/v1/auth/sign-up", tag: "Accounts", summary: "Create an account",
  description: "Creates the user, a personal organization (owner) and its `main` workspace. Then sign in through next-auth.",
  auth: "none", scope: "none", body: signUpBody, response: signUpResponse, status: 201,
});
