// The single sign-on setup of the end-to-end run, shared by playwright.config.ts (which starts
// e2e/oidc/server.mjs and gives the app its QUIVER_OIDC_* settings) and e2e/sso.spec.ts.

/** The provider's button label on the sign-in page is "Sign in with <name>". */
export const OIDC_E2E_NAME = "Test IdP";

/** The provider listens 99 ports above the app, on 127.0.0.1: another origin than the app's localhost. */
export function oidcE2e(appPort: number) {
  const port = appPort + 99;
  return {
    port,
    issuer: `http://127.0.0.1:${port}`,
    clientId: "quiver-e2e",
    clientSecret: "quiver-e2e-secret",
    name: OIDC_E2E_NAME,
  };
}

/** The password of every account of e2e/oidc/server.mjs (`ada`: verified email; `mallory`: claims demo@quiver.dev unverified). */
export const IDP_PASSWORD = "idp-password";
