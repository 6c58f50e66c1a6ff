// A real OpenID Connect provider for the end-to-end tests (e2e/sso.spec.ts): oidc-provider with
// one confidential client (client_secret_basic, PKCE required) whose redirect URI is the app's
// next-auth callback, a few fixed accounts, and its own minimal login page. Consent is granted
// without asking (the client is first-party). Plain Node ESM, started by playwright.config.ts.
//
//   OIDC_PORT (4099), OIDC_ISSUER (http://127.0.0.1:<port>), OIDC_APP_URL (http://localhost:3100),
//   OIDC_CLIENT_ID (quiver-e2e), OIDC_CLIENT_SECRET (quiver-e2e-secret)
import { generateKeyPairSync, randomBytes } from "node:crypto";
import http from "node:http";
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT ?? 4099);
const issuer = process.env.OIDC_ISSUER ?? `http://127.0.0.1:${port}`;
const appUrl = (process.env.OIDC_APP_URL ?? "http://localhost:3100").replace(/\/+$/, "");
const clientId = process.env.OIDC_CLIENT_ID ?? "quiver-e2e";
const clientSecret = process.env.OIDC_CLIENT_SECRET ?? "quiver-e2e-secret";

/** The people this provider knows, by login name; every one's password is "idp-password". */
export const ACCOUNTS = {
  ada: {
    sub: "ada-0001",
    email: "ada@sso.example.com",
    email_verified: true,
    name: "Ada Lovelace",
  },
  // Claims someone else's address (the seeded demo user's) without having verified it.
  mallory: {
    sub: "mallory-0001",
    email: "demo@quiver.dev",
    email_verified: false,
    name: "Mallory",
  },
};
const PASSWORD = "idp-password";
const bySub = new Map(Object.values(ACCOUNTS).map((a) => [a.sub, a]));

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [`${appUrl}/api/auth/callback/oidc`],
      response_types: ["code"],
      grant_types: ["authorization_code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  jwks: {
    keys: [{ ...privateKey.export({ format: "jwk" }), kid: "e2e", use: "sig", alg: "RS256" }],
  },
  cookies: { keys: [randomBytes(32).toString("base64url")] },
  pkce: { required: () => true },
  // Lifetimes in seconds (set, so that oidc-provider does not warn about its defaults).
  ttl: {
    AccessToken: 600,
    AuthorizationCode: 60,
    Grant: 3600,
    IdToken: 600,
    Interaction: 600,
    Session: 3600,
  },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, id) {
    const account = bySub.get(id);
    if (!account) return undefined;
    return { accountId: id, claims: async () => ({ ...account }) };
  },
});

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(res, uid, error) {
  res.statusCode = error ? 401 : 200;
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.setHeader("cache-control", "no-store");
  res.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test IdP: sign in</title></head>
<body>
  <h1>Test IdP</h1>
  ${error ? `<p role="alert">${escape(error)}</p>` : ""}
  <form method="post" action="/interaction/${escape(uid)}/login">
    <label>Username <input name="login" autocomplete="username" autofocus></label>
    <label>Password <input name="password" type="password" autocomplete="current-password"></label>
    <button type="submit">Continue</button>
  </form>
</body></html>`);
}

async function readForm(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 16_384) throw new Error("form too large");
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/** Grants what the client asked for (first-party client: no consent screen). */
async function grantConsent(req, res, details) {
  const { prompt, params, session, grantId } = details;
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (prompt.details.missingOIDCScope)
    grant.addOIDCScope(prompt.details.missingOIDCScope.join(" "));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  if (prompt.details.missingResourceScopes) {
    for (const [indicator, scopes] of Object.entries(prompt.details.missingResourceScopes))
      grant.addResourceScope(indicator, scopes.join(" "));
  }
  await provider.interactionFinished(
    req,
    res,
    { consent: { grantId: await grant.save() } },
    { mergeWithLastSubmission: true },
  );
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error("interaction mismatch");
  if (details.prompt.name === "consent") return grantConsent(req, res, details);
  if (req.method === "GET" && !action) return loginPage(res, uid, null);
  if (req.method === "POST" && action === "login") {
    const form = await readForm(req);
    const account = ACCOUNTS[form.get("login") ?? ""];
    if (!account || form.get("password") !== PASSWORD)
      return loginPage(res, uid, "Unknown user or wrong password.");
    return provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.sub } },
      { mergeWithLastSubmission: false },
    );
  }
  res.statusCode = 405;
  res.end();
}

const handle = provider.callback();

http
  .createServer((req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const m = /^\/interaction\/([^/]+)(?:\/([a-z]+))?$/.exec(url.pathname);
    if (url.pathname === "/health") {
      res.end("ok");
      return;
    }
    if (!m) return handle(req, res);
    interaction(req, res, m[1], m[2]).catch((err) => {
      console.error("oidc e2e server:", err);
      if (!res.headersSent) res.statusCode = 400;
      res.end(`Interaction failed: ${escape(err?.message ?? err)}`);
    });
  })
  .listen(port, "127.0.0.1", () =>
    console.log(`oidc e2e server: ${issuer} (client ${clientId} → ${appUrl})`),
  );
