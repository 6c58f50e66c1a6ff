// Why a viewer's controls are disabled: shown beside them, on the server and in the browser.
export const VIEWER_REASON =
  "Viewers can read runtimes but not change them. Ask an admin of this organization for the member role.";
