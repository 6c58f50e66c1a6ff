// The /api/v1 URLs the browser calls, built in one place: every hook takes its base from here, so
// a path changes once. Segments from the caller (slugs, names, ids) are URL-encoded.
const enc = encodeURIComponent;

/** A workspace of an org, as the dashboard's pages name it. */
export interface Where {
  org: string;
  ws: string;
}

export const accountPath = "/api/v1/account";

export const orgBase = (org: string) => `/api/v1/org/${enc(org)}`;
const wsBase = ({ org, ws }: Where) => `${orgBase(org)}/ws/${enc(ws)}`;

export const capabilitiesBase = (org: string) => `${orgBase(org)}/capabilities`;
export const capabilityBase = (org: string, name: string) =>
  `${capabilitiesBase(org)}/${enc(name)}`;

export const agentsBase = (w: Where) => `${wsBase(w)}/agents`;
export const runtimesBase = (w: Where) => `${wsBase(w)}/runtimes`;
export const jobsBase = (w: Where) => `${wsBase(w)}/optimization/jobs`;
export const promptsBase = (w: Where) => `${wsBase(w)}/prompts`;
export const personasBase = (w: Where) => `${wsBase(w)}/personas`;
export const modelProviderPath = (w: Where) => `${wsBase(w)}/model-provider`;
export const searchPath = (org: string) => `${orgBase(org)}/search`;
export const orgsPath = "/api/v1/orgs";
export const auditEventsPath = (org: string) => `${orgBase(org)}/audit-events`;
export const auditExportPath = (org: string) => `${auditEventsPath(org)}/export`;
export const invitationAcceptPath = (token: string) => `/api/v1/invitations/${enc(token)}/accept`;
export const signUpPath = "/api/v1/auth/sign-up";
