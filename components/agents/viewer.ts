// Why a viewer's controls are disabled: shown beside them, on the server and in the browser.
export const AGENTS_VIEWER_REASON =
  "Viewers can read agents, their drafts and releases but not change them. Ask an admin of this organization for the member role.";
