// Canonical API operations of accounts.
import { defineOperation } from "@/lib/api/operation";
import {
  account,
  changePasswordBody,
  changePasswordResponse,
  signOutEverywhereResponse,
  signUpBody,
  signUpResponse,
  updateAccountBody,
} from "./schemas";

export const signUpOp = defineOperation({
  method: "POST",
  path: "/api/v1/auth/sign-up",
  tag: "Accounts",
  summary: "Create an account",
  description:
    "Creates the user, a personal organization (owner) and its `main` workspace. Then sign in through next-auth. " +
    "An email that already has an account gets the same 201 answer (with a new id and no detail of the existing account), " +
    "so that sign-up does not reveal which emails are registered; only that account's own password signs in. " +
    "A password must be 8 characters to 72 bytes of UTF-8 (422 otherwise). " +
    "With `invitation` (the secret of an invitation link, whose email must be this one: 403 otherwise) the account joins the inviting " +
    "organization with the invited role instead of getting a personal one, and the response names that organization; an email that " +
    "already has an account is then a 409 (sign in and accept the invitation instead). " +
    "QUIVER_SIGNUP decides who may sign up: `open` (anyone), `invite` (only with a valid invitation; 403 `forbidden_error` otherwise), " +
    "`closed` (always 403 `forbidden_error`: accounts are created by an operator).",
  auth: "none",
  scope: "none",
  body: signUpBody,
  response: signUpResponse,
  status: 201,
});

export const changePasswordOp = defineOperation({
  method: "POST",
  path: "/api/v1/account/password",
  tag: "Accounts",
  summary: "Change your password",
  description:
    "Sets a new password after checking the current one (422 at `current_password` when it is wrong). " +
    "Every other browser session of the account is signed out at once; the one making the change stays signed in. " +
    "API tokens are separate credentials and keep working. Browser sessions only: an API token gets a 403.",
  auth: "required",
  scope: "none",
  body: changePasswordBody,
  response: changePasswordResponse,
});

export const getAccountOp = defineOperation({
  method: "GET",
  path: "/api/v1/account",
  tag: "Accounts",
  summary: "Your account",
  description: "The signed-in user, or the user an API token belongs to.",
  auth: "required",
  scope: "none",
  response: account,
});

export const updateAccountOp = defineOperation({
  method: "PATCH",
  path: "/api/v1/account",
  tag: "Accounts",
  summary: "Change your name",
  description: "Browser sessions only: an API token gets a 403.",
  auth: "required",
  scope: "none",
  body: updateAccountBody,
  response: account,
});

export const signOutEverywhereOp = defineOperation({
  method: "DELETE",
  path: "/api/v1/account/sessions",
  tag: "Accounts",
  summary: "Sign out everywhere",
  description:
    "Ends every browser session of the account, the one making the request included. API tokens are separate credentials and keep working. " +
    "Browser sessions only: an API token gets a 403.",
  auth: "required",
  scope: "none",
  response: signOutEverywhereResponse,
});
