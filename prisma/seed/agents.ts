// The demo agents: three per demo workspace, each with a history of 3–6 releases deployed through
// the same services as the API (createAgent, getDraft, updateDraft, deployDraft), so that the
// configuration is validated with the API's own schema, capabilities are checked against the
// catalog (own ones, and one other org's public one as owner/name), versions follow the deploy
// rules (explicit where a minor or major bump reads naturally, else the next patch), MCP client
// secrets are sealed, and every step writes its audit event. One agent per workspace is left with
// undeployed changes in its draft (an edited system prompt and a lower temperature).
//
// Authors are the demo users who belong to the org: globex's releases alternate between its owner
// and the demo user (a member there); acme has only the demo user, who authors all of its. The
// secrets are placeholders that say so ("demo-token-not-real-…").
//
// Dates: deployDraft stamps "now", so a fresh seed would deploy everything within a second. After
// an agent's history is deployed, this seed moves its rows into the past: each release's
// createdAt/deployedAt to its `daysAgo` (at a working hour), updatedAt to when it was archived
// (the next release's date) or deployed, the agent's and the draft's dates to match. The order
// is kept, and every date is in the past, so a deploy made later sorts after them. Audit events
// are left as they were written: they record when the seed ran.
//
// An agent whose name is taken in its workspace is left alone, so running the seed again creates
// nothing and undoes no one's changes.
import type { WorkspaceCtx } from "@/lib/api/context";
import type { RoleName } from "@/lib/auth/roles";
import type { Db } from "@/lib/db/client";
import { createAgent } from "@/lib/agents/agents";
import type { ConfigInput } from "@/lib/agents/config";
import { deployDraft } from "@/lib/agents/deploy";
import { getDraft, updateDraft } from "@/lib/agents/drafts";
import { camel } from "@/lib/agents/shapes";

type Patch = Partial<ConfigInput> | ((c: ConfigInput) => Partial<ConfigInput>);

interface DemoRelease {
  /** Omitted: the deployed version's next patch (1.0.0 at first). */
  version?: string;
  /** The release's notes. */
  description: string;
  /** Email of a demo user who belongs to the org. */
  author: string;
  daysAgo: number;
  /** What this release changes, on top of the previous one's configuration (the first: on `base`). */
  change?: Patch;
}

export interface DemoAgent {
  org: string;
  workspace: string;
  name: string;
  description: string;
  base: ConfigInput;
  releases: DemoRelease[];
  /** Undeployed changes left in the draft. */
  draft?: { author: string; daysAgo: number; change: Patch };
}

const DANA = "demo@quiver.dev";
const OLU = "ops@globex.dev";

const addLine = (line: string) => (c: ConfigInput) => ({
  systemPrompt: `${c.systemPrompt ?? ""}\n${line}`,
});

// ——— acme / main ——————————————————————————————————————————————————————————————————————————

const supportPrompt = `You are Acme's support concierge. You help the support team answer customer tickets in Zendesk.

For every ticket:
1. Find the customer's account, plan and renewal date.
2. Check the status page for an open incident that matches the symptoms.
3. Tag the ticket: billing, outage, bug or how-to.
4. Draft a reply for the agent to review. Never send it yourself.

Keep replies short, friendly and specific. Link to the help centre when an article answers the question.`;

const prPrompt = `You review pull requests on the acme-ai GitHub repositories.

Look for, in this order: correctness, missing or weak tests, security problems, then readability.
Comment inline, on the line the comment is about. Say why, and suggest the change.
Request changes only for blocking issues; everything else is a suggestion.
Do not comment on formatting that the linters already enforce.`;

const socPrompt = `You are the SOC copilot of Acme's security operations team.

When an analyst asks you to hunt, turn the question into SIEM queries, run them, and report what you found with the queries you ran.
Say how confident you are and what would confirm or rule out each finding.
Never isolate a host, disable an account or close an alert yourself: propose it and let the analyst decide.`;

// ——— globex / main ————————————————————————————————————————————————————————————————————————

const apPrompt = `You are Globex's accounts payable clerk.

For each invoice in the AP inbox: extract the vendor, invoice number, dates, line items, net total, VAT and gross total, then create the vendor bill in NetSuite.
Match the vendor by VAT number first, then by name. If no vendor matches, do not create one: ask the AP team.
Never approve or pay a bill.`;

const srePrompt = `You are the first responder for Globex's Kubernetes clusters.

When an alert fires: read it, look at the pod's logs and events and the service's metrics around the time it started, and say what you think is wrong and how sure you are.
Propose a fix as a runbook step or a kubectl command, but do not run anything that changes the cluster.
Keep an incident timeline: what happened, when, and who did what.`;

const salesPrompt = `You prepare account briefs for Globex's sales team before their calls.

A brief has: what the company does, its size and recent news, who we know there, our history with them (deals, tickets, usage), and three questions worth asking.
Use public sources and the CRM only. Say where each fact comes from. Keep it to one page.`;

export const demoAgents: readonly DemoAgent[] = [
  {
    org: "acme",
    workspace: "main",
    name: "Support Concierge",
    description:
      "Answers customer tickets in Zendesk: finds the account, checks the status page and drafts a reply for a support agent to send.",
    base: {
      integrationSlug: "zendesk",
      languageModelSlug: "gpt-4.1-mini",
      connectorUuid: "5b0e3c1a-8f2d-4e6b-9a7c-1d2e3f4a5b6c",
      systemPrompt: supportPrompt,
      withReasoning: false,
      temperature: 0.4,
      maxSteps: 8,
      capabilities: [{ slug: "support-triage@0.2.0" }],
      actions: [
        {
          name: "Draft reply",
          slug: "draft-reply",
          description: "Writes an internal draft on the ticket; never sends it.",
          kind: "tool",
          toolUuid: "zendesk-draft-reply",
        },
        {
          name: "Tag ticket",
          slug: "tag-ticket",
          description: "Adds the triage tags: billing, outage, bug or how-to.",
          kind: "tool",
          toolUuid: "zendesk-tag",
        },
      ],
      resources: [
        {
          kind: "model",
          name: "Accounts",
          slug: "accounts",
          description: "Customer accounts with plan, seats and renewal date.",
          integrationSlug: "salesforce",
          selectedColumnSlugs: ["name", "plan", "seats", "renewal_date"],
          limit: 50,
          isReadOnly: true,
        },
      ],
      suggestedActions: [
        { text: "Summarise this ticket and draft a reply", actions: [{ slug: "draft-reply" }] },
        { text: "Is this customer affected by today's incident?" },
      ],
      mcpClients: [
        {
          kind: "http",
          name: "zendesk",
          url: "https://mcp.acme-demo.example/zendesk",
          authentication: {
            tokenType: "Bearer",
            accessToken: "demo-token-not-real-1234",
            scope: "tickets:read tickets:write",
            clientId: "acme-demo-zendesk",
            issuedAt: "2026-10-01T09:00:00Z",
            expiresIn: 7_776_000,
          },
          disabledToolSlugs: ["delete-ticket", "merge-tickets"],
        },
      ],
      output: { type: "markdown" },
      heartbeat: null,
      evaluator: null,
    },
    releases: [
      {
        version: "1.0.0",
        description: "First release: triages Zendesk tickets and drafts replies.",
        author: DANA,
        daysAgo: 41,
      },
      {
        description: "Never promises refunds: points to the billing policy instead.",
        author: DANA,
        daysAgo: 36,
        change: addLine(
          "Never promise a refund or a credit. Explain the billing policy and offer to pass the request to the billing team.",
        ),
      },
      {
        version: "1.1.0",
        description: "Looks up seat usage in the warehouse (sql-analyst); support-triage 0.3.0.",
        author: DANA,
        daysAgo: 27,
        change: (c) => ({
          capabilities: [
            { slug: "support-triage@0.3.0" },
            { slug: "sql-analyst", config: { readOnly: true } },
          ],
          systemPrompt: c
            .systemPrompt!.replace(
              "2. Check",
              "2. For seat or usage questions, look the numbers up in the warehouse.\n3. Check",
            )
            .replace("3. Tag", "4. Tag")
            .replace("4. Draft", "5. Draft"),
        }),
      },
      {
        description: "Grades every draft against the support rubric before an agent sees it.",
        author: DANA,
        daysAgo: 15,
        change: {
          evaluator: {
            rubric:
              "The reply answers the customer's actual question, names their plan when it matters, links a help-centre article when one applies, promises no refund, and is under 150 words.",
            threshold: 0.7,
          },
        },
      },
      {
        version: "1.2.0",
        description: "gpt-4.1 with reasoning, for multi-step billing questions.",
        author: DANA,
        daysAgo: 6,
        change: { languageModelSlug: "gpt-4.1", withReasoning: true, maxSteps: 12 },
      },
    ],
    draft: {
      author: DANA,
      daysAgo: 1,
      change: (c) => ({
        temperature: 0.2,
        systemPrompt: `${c.systemPrompt!.replace("Keep replies short, friendly and specific.", "Keep replies short, calm and specific. When the customer is upset, acknowledge it in one sentence, then solve the problem.")}\nIf a ticket mentions a security issue or a data leak, do not draft a reply: tag it security and escalate it to the on-call engineer.`,
      }),
    },
  },
  {
    org: "acme",
    workspace: "main",
    name: "PR Review Assistant",
    description:
      "Reviews pull requests on the acme-ai repositories for correctness, tests and security, and drafts the release notes when a release is tagged.",
    base: {
      integrationSlug: "github",
      languageModelSlug: "claude-sonnet-4",
      connectorUuid: null,
      systemPrompt: prPrompt,
      withReasoning: true,
      temperature: 0.2,
      maxSteps: 20,
      capabilities: [{ slug: "pr-reviewer@1.1.0", config: { strictMode: false } }],
      actions: [
        {
          name: "Comment on pull request",
          slug: "comment-pr",
          description: "Leaves inline review comments and a summary.",
          kind: "tool",
          toolUuid: "github-review",
        },
      ],
      resources: [
        {
          kind: "document",
          name: "Engineering handbook",
          slug: "eng-handbook",
          description: "Coding standards and the review checklist.",
          prompt: "Cite the section when you point to a standard.",
          isReadOnly: true,
        },
      ],
      suggestedActions: [{ text: "Review this pull request", actions: [{ slug: "comment-pr" }] }],
      mcpClients: [
        {
          kind: "http",
          name: "github",
          url: "https://mcp.acme-demo.example/github",
          authentication: null,
          disabledToolSlugs: ["merge-pull-request", "delete-branch"],
        },
      ],
      output: { type: "markdown" },
      heartbeat: null,
      evaluator: null,
    },
    releases: [
      {
        version: "1.0.0",
        description: "Reviews pull requests for correctness and missing tests.",
        author: DANA,
        daysAgo: 38,
      },
      {
        description: "Skips generated files, snapshots and lockfiles.",
        author: DANA,
        daysAgo: 31,
        change: addLine(
          "Skip generated files, test snapshots and lockfiles unless the pull request is about them.",
        ),
      },
      {
        version: "1.1.0",
        description: "Drafts release notes when a tag is pushed (release-notes).",
        author: DANA,
        daysAgo: 19,
        change: (c) => ({
          capabilities: [...c.capabilities, { slug: "release-notes@0.2.0" }],
          actions: [
            ...c.actions,
            {
              name: "Open release draft",
              slug: "open-release-draft",
              description: "Opens a draft GitHub release with the notes for the tag.",
              kind: "tool",
              toolUuid: "github-release-draft",
            },
          ],
          suggestedActions: [
            ...c.suggestedActions,
            {
              text: "Draft the release notes since the last tag",
              actions: [{ slug: "open-release-draft" }],
            },
          ],
        }),
      },
      {
        version: "2.0.0",
        description:
          "Security review by default: pr-reviewer 1.2.0 with Semgrep findings in strict mode.",
        author: DANA,
        daysAgo: 9,
        change: (c) => ({
          capabilities: [
            { slug: "pr-reviewer@1.2.0", config: { strictMode: true } },
            ...c.capabilities.slice(1),
          ],
          systemPrompt: c.systemPrompt!.replace(
            "Request changes only for blocking issues;",
            "Run the security checks on every pull request. Request changes only for blocking issues, and give a reproduction for each;",
          ),
          maxSteps: 30,
        }),
      },
    ],
  },
  {
    org: "acme",
    workspace: "main",
    name: "SOC Copilot",
    description:
      "Security operations copilot: hunts for threats in the SIEM, checks hosts in the legacy datacentre and writes up incident bridge calls.",
    base: {
      integrationSlug: "splunk",
      languageModelSlug: "gpt-4.1",
      connectorUuid: "0d6f4e2a-3b1c-4a5d-8e7f-9a0b1c2d3e4f",
      systemPrompt: socPrompt,
      withReasoning: true,
      temperature: 0.1,
      maxSteps: 25,
      capabilities: [{ slug: "threat-hunting@1.2.0", config: { legacySiem: true } }],
      actions: [
        {
          name: "Run SIEM search",
          slug: "siem-search",
          description: "Runs a read-only search over the last 30 days.",
          kind: "tool",
          toolUuid: "splunk-search",
        },
      ],
      resources: [],
      suggestedActions: [
        { text: "Hunt for lateral movement from this host", actions: [{ slug: "siem-search" }] },
      ],
      mcpClients: [
        {
          kind: "sse",
          name: "siem",
          url: "https://mcp.acme-demo.example/siem",
          disabledToolSlugs: ["close-alert", "isolate-host"],
        },
      ],
      output: { type: "markdown" },
      heartbeat: null,
      evaluator: null,
    },
    releases: [
      {
        version: "1.0.0",
        description: "Threat hunts on demand over the SIEM.",
        author: DANA,
        daysAgo: 33,
      },
      {
        version: "1.1.0",
        description: "Checks hosts in the legacy datacentre through the ops bridge (read-only).",
        author: DANA,
        daysAgo: 24,
        change: (c) => ({
          capabilities: [
            ...c.capabilities,
            { slug: "legacy-ops-bridge", config: { readOnly: true } },
          ],
          systemPrompt: `${c.systemPrompt}\nFor hosts in the legacy datacentre, use the ops bridge to read inventory and patch status.`,
        }),
      },
      {
        description: "Heartbeat: every 30 minutes, reports new high-severity alerts.",
        author: DANA,
        daysAgo: 17,
        change: {
          heartbeat: {
            intervalMinutes: 30,
            maxMessages: 3,
            prompt:
              "Check the SIEM for new high or critical alerts since your last message. Reply only if an analyst should look at something.",
          },
        },
      },
      {
        version: "1.2.0",
        description:
          "Writes up incident bridge calls (Globex's public meeting-notes); threat-hunting 2.0.0.",
        author: DANA,
        daysAgo: 3,
        change: (c) => ({
          capabilities: [
            { slug: "threat-hunting", config: {} },
            c.capabilities[1]!,
            { slug: "globex/meeting-notes@0.2.0" },
          ],
          systemPrompt: `${c.systemPrompt}\nAfter an incident bridge call, write up the decisions, the action items with owners, and the timeline.`,
        }),
      },
    ],
  },
  {
    org: "globex",
    workspace: "main",
    name: "Accounts Payable Clerk",
    description:
      "Reads supplier invoices from the AP inbox, files them as NetSuite vendor bills and checks them against the vendor's contract terms.",
    base: {
      integrationSlug: "netsuite",
      languageModelSlug: "gpt-4.1-mini",
      connectorUuid: "7c2a9e4b-1d3f-4b6a-a8c9-0e1f2a3b4c5d",
      systemPrompt: apPrompt,
      withReasoning: false,
      temperature: 0,
      maxSteps: 10,
      capabilities: [{ slug: "invoice-extraction@1.1.0", config: { currency: "EUR" } }],
      actions: [
        {
          name: "Create vendor bill",
          slug: "create-vendor-bill",
          description: "Creates a vendor bill in NetSuite from the extracted invoice.",
          kind: "tool",
          toolUuid: "netsuite-vendor-bill",
          waitUntilFinished: true,
        },
      ],
      resources: [
        {
          kind: "model",
          name: "Vendors",
          slug: "vendors",
          description: "Vendor master data: name, VAT number, payment terms.",
          integrationSlug: "netsuite",
          selectedColumnSlugs: ["name", "vat_number", "payment_terms", "currency"],
          limit: 200,
          isReadOnly: true,
        },
      ],
      suggestedActions: [
        { text: "Process today's invoices", actions: [{ slug: "create-vendor-bill" }] },
      ],
      mcpClients: [
        {
          kind: "http",
          name: "netsuite",
          url: "https://mcp.globex-demo.example/netsuite",
          authentication: {
            tokenType: "Bearer",
            accessToken: "demo-token-not-real-5678",
            refreshToken: "demo-refresh-not-real-9012",
            scope: "vendor_bills.write vendors.read",
            clientId: "globex-demo-netsuite",
            issuedAt: "2026-09-15T08:00:00Z",
            expiresIn: 3600,
          },
          disabledToolSlugs: ["approve-bill", "pay-bill"],
        },
      ],
      output: { type: "json" },
      heartbeat: null,
      evaluator: null,
    },
    releases: [
      {
        version: "1.0.0",
        description: "Extracts supplier invoices into NetSuite vendor bills.",
        author: OLU,
        daysAgo: 44,
      },
      {
        description: "Flags invoices whose VAT does not add up instead of filing them.",
        author: DANA,
        daysAgo: 37,
        change: addLine(
          "If net total plus VAT is not the gross total (to the cent), do not create the bill: flag the invoice for the AP team with the numbers.",
        ),
      },
      {
        description: "Evaluator: a bill must match the PDF's totals to be filed.",
        author: OLU,
        daysAgo: 29,
        change: {
          evaluator: {
            rubric:
              "The bill's vendor, invoice number, net total, VAT and gross total match the PDF exactly; every line item is present; nothing was approved or paid.",
            threshold: 0.8,
          },
        },
      },
      {
        version: "1.1.0",
        description: "Checks payment terms against the vendor's contract (contract-review).",
        author: OLU,
        daysAgo: 18,
        change: (c) => ({
          capabilities: [
            ...c.capabilities,
            { slug: "contract-review@2.2.0", config: { jurisdictionEu: true } },
          ],
          systemPrompt: `${c.systemPrompt}\nCheck the payment terms and prices against the vendor's contract; note any difference on the bill.`,
        }),
      },
      {
        version: "2.0.0",
        description:
          "invoice-extraction 2.0.0: line-item extraction; bills over €10,000 wait for approval.",
        author: DANA,
        daysAgo: 8,
        change: (c) => ({
          capabilities: [
            { slug: "invoice-extraction@2.0.0", config: { currency: "EUR", lineItems: true } },
            ...c.capabilities.slice(1),
          ],
          systemPrompt: `${c.systemPrompt}\nBills over €10,000 are created on hold, for approval by the AP lead.`,
        }),
      },
      {
        description: "Reads the approval threshold from the vendor record.",
        author: OLU,
        daysAgo: 2,
        change: (c) => ({
          systemPrompt: c.systemPrompt!.replace(
            "Bills over €10,000 are created on hold",
            "Bills over the vendor's approval threshold (€10,000 when it has none) are created on hold",
          ),
          resources: [
            {
              ...c.resources[0]!,
              selectedColumnSlugs: [
                "name",
                "vat_number",
                "payment_terms",
                "currency",
                "approval_threshold",
              ],
            },
          ],
        }),
      },
    ],
  },
  {
    org: "globex",
    workspace: "main",
    name: "On-call SRE",
    description:
      "First responder for the platform team's Kubernetes clusters: reads the alert, logs and metrics, proposes a fix and keeps the incident timeline.",
    base: {
      integrationSlug: "pagerduty",
      languageModelSlug: "gpt-4.1",
      connectorUuid: "2e8b6c4d-5f7a-4c1e-9d3b-6a8c0e2f4b7d",
      systemPrompt: srePrompt,
      withReasoning: true,
      temperature: 0.3,
      maxSteps: 30,
      capabilities: [{ slug: "k8s-incident-responder@0.2.0", config: { allowWrites: false } }],
      actions: [
        {
          name: "Post to incident channel",
          slug: "post-incident-update",
          description: "Posts an update to the incident's Slack channel.",
          kind: "tool",
          toolUuid: "slack-post",
        },
      ],
      resources: [
        {
          kind: "document",
          name: "Runbooks",
          slug: "runbooks",
          description: "The platform team's runbooks, one per alert.",
          prompt: "Link the runbook of the alert in your first message.",
          isReadOnly: true,
        },
      ],
      suggestedActions: [
        { text: "What is wrong with this alert?" },
        { text: "Post a status update", actions: [{ slug: "post-incident-update" }] },
      ],
      mcpClients: [
        { kind: "http", name: "prometheus", url: "https://mcp.globex-demo.example/prometheus" },
        {
          kind: "http",
          name: "pagerduty",
          url: "https://mcp.globex-demo.example/pagerduty",
          authentication: {
            tokenType: "Token",
            accessToken: "demo-token-not-real-3456",
            scope: "incidents.read",
          },
          disabledToolSlugs: ["resolve-incident"],
        },
      ],
      output: { type: "markdown" },
      heartbeat: null,
      evaluator: null,
    },
    releases: [
      {
        version: "1.0.0",
        description: "Reads alerts, logs and metrics and proposes a fix.",
        author: OLU,
        daysAgo: 30,
      },
      {
        description: "Links the alert's runbook in the first message.",
        author: DANA,
        daysAgo: 23,
        change: addLine(
          "Start every answer with the link to the alert's runbook, if there is one.",
        ),
      },
      {
        version: "1.1.0",
        description: "Heartbeat: every 15 minutes, checks Alertmanager for firing alerts.",
        author: OLU,
        daysAgo: 14,
        change: {
          heartbeat: {
            intervalMinutes: 15,
            maxMessages: 4,
            prompt:
              "List the alerts firing in Alertmanager that nobody has acknowledged, with a one-line guess at the cause.",
          },
        },
      },
      {
        version: "1.2.0",
        description:
          "Checks suspicious pods with Acme's public threat-hunting; incident timelines with meeting-notes.",
        author: OLU,
        daysAgo: 4,
        change: (c) => ({
          capabilities: [
            { slug: "k8s-incident-responder@0.3.0", config: { allowWrites: false } },
            { slug: "acme/threat-hunting" },
            { slug: "meeting-notes" },
          ],
          systemPrompt: `${c.systemPrompt}\nIf a pod runs an image or a process you do not expect, check it for signs of compromise before proposing a restart.`,
        }),
      },
    ],
    draft: {
      author: DANA,
      daysAgo: 1,
      change: (c) => ({
        temperature: 0.1,
        systemPrompt: c.systemPrompt!.replace(
          "Propose a fix as a runbook step or a kubectl command, but do not run anything that changes the cluster.",
          "Propose a fix as a runbook step or a kubectl command, with the command to roll it back. Do not run anything that changes the cluster, and never suggest deleting a PersistentVolumeClaim.",
        ),
      }),
    },
  },
  {
    org: "globex",
    workspace: "main",
    name: "Sales Researcher",
    description:
      "Prepares one-page account briefs before sales calls from public sources and the CRM, and logs them to HubSpot.",
    base: {
      integrationSlug: "hubspot",
      languageModelSlug: "gpt-4.1-mini",
      connectorUuid: "9a1b3c5d-7e9f-4a2b-b4c6-d8e0f2a4b6c8",
      systemPrompt: salesPrompt,
      withReasoning: false,
      temperature: 0.5,
      maxSteps: 15,
      capabilities: [{ slug: "sales-research@1.0.0" }],
      actions: [
        {
          name: "Log brief to HubSpot",
          slug: "log-brief",
          description: "Attaches the brief as a note on the company record.",
          kind: "tool",
          toolUuid: "hubspot-note",
        },
      ],
      resources: [
        {
          kind: "model",
          name: "Companies",
          slug: "companies",
          description: "HubSpot companies with owner, stage and last activity.",
          integrationSlug: "hubspot",
          selectedColumnSlugs: ["name", "domain", "owner", "lifecycle_stage", "last_activity"],
          limit: 20,
          isReadOnly: true,
        },
      ],
      suggestedActions: [{ text: "Brief me on my next call", actions: [{ slug: "log-brief" }] }],
      mcpClients: [
        {
          kind: "http",
          name: "hubspot",
          url: "https://mcp.globex-demo.example/hubspot",
          authentication: {
            tokenType: "Bearer",
            accessToken: "demo-token-not-real-7890",
            scope: "crm.objects.companies.read crm.objects.notes.write",
            clientId: "globex-demo-hubspot",
          },
        },
      ],
      output: { type: "markdown" },
      heartbeat: null,
      evaluator: null,
    },
    releases: [
      {
        version: "1.0.0",
        description: "Account briefs from public sources and the CRM.",
        author: DANA,
        daysAgo: 26,
      },
      {
        description:
          "sales-research 1.0.1: no more briefs about the wrong company when names collide.",
        author: DANA,
        daysAgo: 19,
        change: { capabilities: [{ slug: "sales-research@1.0.1" }] },
      },
      {
        version: "1.1.0",
        description: "Files the call's notes and next steps after the call (meeting-notes).",
        author: OLU,
        daysAgo: 10,
        change: (c) => ({
          capabilities: [...c.capabilities, { slug: "meeting-notes@0.2.0" }],
          systemPrompt: `${c.systemPrompt}\nAfter the call, file the notes and the agreed next steps on the deal.`,
        }),
      },
    ],
  },
];

// ——— Seeding ———————————————————————————————————————————————————————————————————————————————

/** The configuration schema of the API (camelCase), so that demo data passes the same validation as a request. */
const configSchema = camel.obj(camel.configFields).superRefine(camel.unique);

function apply(config: ConfigInput, patch: Patch | undefined): ConfigInput {
  const next = { ...config, ...(typeof patch === "function" ? patch(config) : (patch ?? {})) };
  return configSchema.parse(next) as ConfigInput;
}

/** A service context acting as `email`, who must belong to the org. */
async function memberCtx(
  db: Db,
  org: string,
  workspace: string,
  email: string,
  cache: Map<string, WorkspaceCtx>,
): Promise<WorkspaceCtx> {
  const key = `${org}/${workspace}/${email}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const m = await db.membership.findFirst({
    where: { org: { slug: org }, user: { email } },
    include: { org: true, user: true },
  });
  const ws =
    m &&
    (await db.workspace.findUnique({ where: { orgId_slug: { orgId: m.orgId, slug: workspace } } }));
  if (!m || !ws)
    throw new Error(
      `Demo agents: '${email}' is not a member of '${org}', or '${org}/${workspace}' does not exist`,
    );
  const ctx: WorkspaceCtx = {
    db,
    requestId: "seed",
    actor: {
      type: "user",
      userId: m.user.id,
      email: m.user.email,
      name: m.user.name,
      scopes: ["read", "write", "admin"],
    },
    org: { id: m.org.id, slug: m.org.slug, name: m.org.name },
    role: m.role as RoleName,
    workspace: { id: ws.id, slug: ws.slug, name: ws.name },
  };
  cache.set(key, ctx);
  return ctx;
}

/** `daysAgo` days before now, at a working hour (UTC) that differs from one release to the next. */
function pastDate(now: number, daysAgo: number, salt: number): Date {
  const d = new Date(now - daysAgo * 86_400_000);
  d.setUTCHours(8 + ((salt * 5) % 9), (salt * 23) % 60, (salt * 37) % 60, 0);
  return d.getTime() < now ? d : new Date(now - daysAgo * 86_400_000);
}

async function seedOne(db: Db, spec: DemoAgent, ctxs: Map<string, WorkspaceCtx>): Promise<void> {
  const ctxOf = (email: string) => memberCtx(db, spec.org, spec.workspace, email, ctxs);
  const creator = await ctxOf(spec.releases[0]!.author);
  const agent = await createAgent(creator, { name: spec.name, description: spec.description });
  let config = spec.base;
  const deployed: { id: string; at: Date }[] = [];
  const now = Date.now();
  for (const [i, r] of spec.releases.entries()) {
    const ctx = await ctxOf(r.author);
    config = apply(config, r.change);
    const draft = await getDraft(ctx, agent.id);
    await updateDraft(ctx, agent.id, { config, revision: draft.revision }, "camel");
    const release = await deployDraft(
      ctx,
      agent.id,
      { ...(r.version ? { version: r.version } : {}), description: r.description },
      "camel",
    );
    deployed.push({ id: release.id, at: pastDate(now, r.daysAgo, i + spec.name.length) });
  }
  let draftAt = deployed.at(-1)!.at;
  if (spec.draft) {
    const ctx = await ctxOf(spec.draft.author);
    const draft = await getDraft(ctx, agent.id);
    await updateDraft(
      ctx,
      agent.id,
      { config: apply(config, spec.draft.change), revision: draft.revision },
      "camel",
    );
    draftAt = pastDate(now, spec.draft.daysAgo, spec.releases.length + spec.name.length);
  }

  // Into the past (see the module comment), keeping the order.
  for (const [i, r] of deployed.entries()) {
    await db.release.update({
      where: { id: r.id },
      data: { createdAt: r.at, deployedAt: r.at, updatedAt: deployed[i + 1]?.at ?? r.at },
    });
  }
  const first = deployed[0]!.at.getTime();
  await db.release.update({
    where: { draftOf: agent.id },
    data: { createdAt: new Date(first - 30 * 60_000), updatedAt: draftAt },
  });
  await db.agent.update({
    where: { id: agent.id },
    data: { createdAt: new Date(first - 60 * 60_000), updatedAt: draftAt },
  });
}

/** Creates the demo agents that are missing; returns how many it created. */
export async function seedDemoAgents(db: Db): Promise<number> {
  const ctxs = new Map<string, WorkspaceCtx>();
  let created = 0;
  for (const spec of demoAgents) {
    const ws = await db.workspace.findFirst({
      where: { slug: spec.workspace, org: { slug: spec.org } },
      select: { id: true },
    });
    if (!ws)
      throw new Error(`Demo agents: the workspace '${spec.org}/${spec.workspace}' does not exist`);
    const taken = await db.agent.findUnique({
      where: { workspaceId_name: { workspaceId: ws.id, name: spec.name } },
      select: { id: true },
    });
    if (taken) continue;
    await seedOne(db, spec, ctxs);
    created++;
  }
  return created;
}
