// The sign-in page's sign-up link per QUIVER_SIGNUP mode, its ?email= pre-fill, and the words it
// shows for each error next-auth or single sign-on sends it.
import { describe, expect, it } from "vitest";
import { invitationSecretIn, prefillEmail, signUpHref } from "./sign-in-page";
import { signInErrorMessage, ssoErrorCode } from "./sign-in-messages";

const secret = "q3Jb1n8x_Zk-9aTTmWv0cYQe5rLd2HfGs7oPuIiA4Ek";

describe("the sign-up link", () => {
  it("is offered to everyone when sign-up is open, carrying an invitation when one brought the visitor", () => {
    expect(signUpHref("open", "/", "")).toBe("/sign-up");
    expect(signUpHref("open", "/acme/catalog", "a@b.example")).toBe("/sign-up");
    expect(signUpHref("open", `/invite/${secret}`, "a+b@c.example")).toBe(
      `/sign-up?invitation=${secret}&email=a%2Bb%40c.example`,
    );
  });

  it("is offered with QUIVER_SIGNUP=invite only on the way through an invitation", () => {
    expect(signUpHref("invite", "/", "")).toBeNull();
    expect(signUpHref("invite", "/acme/catalog", "a@b.example")).toBeNull();
    expect(signUpHref("invite", `/invite/${secret}`, "")).toBe(`/sign-up?invitation=${secret}`);
  });

  it("is never offered when sign-up is closed", () => {
    expect(signUpHref("closed", "/", "")).toBeNull();
    expect(signUpHref("closed", `/invite/${secret}`, "a@b.example")).toBeNull();
  });

  it("takes only an invitation's own page for one", () => {
    expect(invitationSecretIn(`/invite/${secret}`)).toBe(secret);
    expect(invitationSecretIn(`/invite/${secret}/more`)).toBeNull();
    expect(invitationSecretIn(`/invite/${secret}?x=1`)).toBeNull();
    expect(invitationSecretIn("/invite/")).toBeNull();
    expect(invitationSecretIn("/invite/a%22b")).toBeNull();
    expect(invitationSecretIn(`/x/invite/${secret}`)).toBeNull();
  });
});

describe("?email=", () => {
  it("pre-fills one trimmed value of sane length", () => {
    expect(prefillEmail(undefined)).toBe("");
    expect(prefillEmail("  ada@example.com ")).toBe("ada@example.com");
    expect(prefillEmail(["first@example.com", "second@example.com"])).toBe("first@example.com");
    expect(prefillEmail("x".repeat(1000))).toHaveLength(320);
  });
});

describe("error messages on the sign-in page", () => {
  it("say why single sign-on was refused", () => {
    expect(signInErrorMessage(ssoErrorCode("domain_not_allowed"))).toMatch(
      /not in a domain this Quiver accepts/,
    );
    expect(signInErrorMessage(ssoErrorCode("email_unverified"))).toMatch(
      /already exists.*has not verified the address/,
    );
    expect(signInErrorMessage(ssoErrorCode("signup_closed"))).toMatch(
      /accounts are created by an operator/,
    );
    expect(signInErrorMessage(ssoErrorCode("email_missing"))).toMatch(
      /did not give Quiver an email address/,
    );
    expect(signInErrorMessage("OAuthCallback")).toMatch(/Single sign-on did not complete/);
  });

  it("keep the password sign-in's own words, and say nothing for no error", () => {
    expect(signInErrorMessage(null)).toBeNull();
    expect(signInErrorMessage("")).toBeNull();
    expect(signInErrorMessage("CredentialsSignin")).toBe("Wrong email or password.");
    expect(signInErrorMessage("TooManySignIns:120")).toBe(
      "Too many failed sign-ins. Try again in 2 minutes.",
    );
    expect(signInErrorMessage("SomethingElse")).toBe(
      "Sign-in failed. Check your email and password.",
    );
  });
});
