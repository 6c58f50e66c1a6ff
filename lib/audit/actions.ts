// The audit log's words: what each action the code writes means, and what each kind of target is
// called. One map each, read by the API (action_label, target labels), the page and the export;
// lib/audit/actions.test.ts checks that every action an audit writer records has its words here.
// No zod and no server code: the page's filters import it too.

export const actionWords = {
  "org.create": "Created the organization",
  "workspace.create": "Created a workspace",
  "member.add": "Added a member",
  "member.role_change": "Changed a member's role",
  "member.remove": "Removed a member",
  "member.leave": "Left the organization",
  "invitation.create": "Invited someone",
  "invitation.resend": "Resent an invitation",
  "invitation.revoke": "Revoked an invitation",
  "invitation.accept": "Accepted an invitation",
  "token.create": "Created an API token",
  "token.revoke": "Revoked an API token",
  "capability.push": "Pushed a capability version",
  "capability.visibility": "Changed a capability's visibility",
  "capability.delete_version": "Deleted a capability version",
  "runtime.create": "Created a runtime",
  "runtime.update": "Changed a runtime",
  "runtime.delete": "Deleted a runtime",
  "runtime.heartbeat": "Runtime reported a new state",
  "runtime.binding.create": "Bound a capability to a runtime",
  "runtime.binding.update": "Changed a runtime's binding",
  "runtime.binding.delete": "Removed a binding from a runtime",
  "prompt.create": "Created a prompt",
  "prompt.update": "Changed a prompt",
  "prompt.version.create": "Added a prompt version",
  "persona.create": "Created a persona",
  "persona.update": "Changed a persona",
  "persona.delete": "Deleted a persona",
  "optimization.create": "Created an optimization run",
  "optimization.start": "Optimization run started",
  "optimization.complete": "Optimization run completed",
  "optimization.fail": "Optimization run failed",
  "optimization.stop": "Stopped an optimization run",
  "optimization.retry": "Retried an optimization run",
  "optimization.apply": "Applied an optimization result",
  "optimization.promote": "Promoted an optimization winner",
  "optimization.rename": "Renamed an optimization run",
  "optimization.archive": "Archived an optimization run",
  "optimization.unarchive": "Took an optimization run out of the archive",
  "agent.create": "Created an agent",
  "agent.update": "Changed an agent",
  "agent.delete": "Deleted an agent",
  "agent.draft.create": "Started an agent draft",
  "agent.draft.update": "Edited an agent draft",
  "agent.draft.restore": "Restored a release into the draft",
  "agent.draft.optimize": "Applied an optimization to the draft",
  "agent.release.deploy": "Deployed an agent release",
  "model_provider.create": "Set up the model provider",
  "model_provider.update": "Changed the model provider",
  "model_provider.delete": "Removed the model provider",
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof actionWords;
export const auditActions = Object.keys(actionWords) as [AuditAction, ...AuditAction[]];

const spaced = (s: string) => s.replace(/[_.]+/g, " ").trim();

/** An action in words; one this map does not know reads as its parts ("Runtime: foo bar"). */
export function actionLabel(action: string): string {
  const known = (actionWords as Record<string, string>)[action];
  if (known) return known;
  const [head = "", ...rest] = action.split(".");
  const domain = spaced(head);
  const what = spaced(rest.join(" "));
  const cap = domain.charAt(0).toUpperCase() + domain.slice(1);
  return what ? `${cap}: ${what}` : cap || "Unknown action";
}

/** What each kind of target is called in a sentence ("prompt support-reply v3"). */
const targetTypeWords = {
  organization: "organization",
  workspace: "workspace",
  user: "member",
  invitation: "invitation",
  api_token: "API token",
  capability: "capability",
  capability_version: "capability",
  runtime: "runtime",
  prompt: "prompt",
  persona: "persona",
  optimization_job: "optimization run",
  agent: "agent",
  model_provider: "model provider",
} as const satisfies Record<string, string>;

export type AuditTargetType = keyof typeof targetTypeWords;
export const auditTargetTypes = Object.keys(targetTypeWords) as [
  AuditTargetType,
  ...AuditTargetType[],
];

/** The filter's names of target types (capability versions apart from capabilities). */
export const targetTypeFilterWords: Record<AuditTargetType, string> = {
  ...targetTypeWords,
  capability_version: "capability version",
};

export const targetTypeWord = (type: string): string =>
  (targetTypeWords as Record<string, string>)[type] ?? spaced(type);
