// The words of the demo optimization runs: prompts with two versions, the candidates each run
// reports (with the text they add) and the scenarios its simulated users bring. Scores are not
// here: prisma/seed/optimization.ts scripts them from a hash of these names.

export interface DemoScenario {
  id: string;
  /** What the simulated user asks first. */
  ask: string;
  /** The user's goal in a clause ("you were charged twice for March"), for variants that restate it. */
  goal: string;
  /** The original prompt's answer. */
  answer: string;
}

export type Style =
  | "plain"
  | "confirm"
  | "empathy"
  | "short"
  | "quote"
  | "upsell"
  | "budget"
  | "checklist"
  | "tour"
  | "formal"
  | "assumptions"
  | "chart"
  | "ask-id"
  | "one-step"
  | "sources";

export interface DemoVariant {
  key: string;
  name: string;
  strategy?: string;
  rationale?: string;
  /** Appended to the original text (a candidate's change); the control has none. */
  addition?: string;
  style: Style;
  /** Mean change in points on each metric against the control (0 for the control). */
  effect: { task_completion: number; quality: number; sentiment: number };
}

export interface DemoRunSpec {
  /** Stable id of the spec: the seed of its scores. */
  id: string;
  /** The run's name in the list. */
  name: string;
  kind: "winner" | "inconclusive" | "original_won" | "stopped" | "capability_winner";
  target: { prompt: string } | { capability: string; version: string; agent: string };
  mode: "exploratory" | "validation";
  targets: string[];
  /** Also how a second seed recognises the run (with is_demo). */
  hypothesis: string;
  variants: DemoVariant[];
  scenarios: DemoScenario[];
  /** What the user's unresolved conversation ends with. */
  escalation: string;
  /** A stopped run: how many cells were reported before the stop, and why it stopped. */
  stop?: { cells: number; reason: string };
}

export interface DemoPromptSpec {
  name: string;
  description: string;
  tags: string[];
  status: "draft" | "active" | "deprecated" | "archived";
  versions: { content: string; note?: string }[];
}

const none = { task_completion: 0, quality: 0, sentiment: 0 };
const control = (name = "Control (Original)"): DemoVariant => ({
  key: "control",
  name,
  style: "plain",
  effect: none,
});

// ——— acme ——————————————————————————————————————————————————————————————————————————————————

const supportReplyV1 = `You are Acme's customer support assistant. Answer questions about Acme Cloud: billing, sign-in, integrations and data exports.

Be friendly and accurate. If you do not know the answer, say so and offer to open a ticket.`;

const supportReplyV2 = `You are Acme's customer support assistant for Acme Cloud. You help with billing, sign-in, integrations and data exports.

- Be friendly, accurate and brief.
- Link to the help center article when one exists.
- If you cannot solve it, say so and open a ticket with a summary, so that the customer does not have to repeat themselves.`;

const billingV1 = `You answer billing questions for Acme Cloud customers: invoices, payment methods, plan changes and refunds.

Explain charges in plain words and never promise a refund the policy does not allow.`;

const billingV2 = `You answer billing questions for Acme Cloud customers: invoices, payment methods, plan changes and refunds.

- Explain every charge in plain words, with the dates it covers.
- Refunds: annual plans within 30 days of renewal, monthly plans never; offer a credit instead.
- Never ask for full card numbers.`;

const qualifierV1 = `You chat with visitors on acme.ai who ask about Acme Cloud. Answer their questions and, when they are interested, offer to book a demo.`;

const qualifierV2 = `You chat with visitors on acme.ai who ask about Acme Cloud.

- Answer the question they asked first, in two or three sentences.
- Learn what they want to automate and how many people would use it.
- When they are a fit (10 seats or more), offer a demo slot; otherwise point them to the free trial.`;

const acmePrompts: DemoPromptSpec[] = [
  {
    name: "support-reply",
    description: "Replies to Acme Cloud support tickets in Zendesk before a human picks them up.",
    tags: ["support", "zendesk"],
    status: "active",
    versions: [
      { content: supportReplyV1 },
      { content: supportReplyV2, note: "Name the product areas and the escalation path" },
    ],
  },
  {
    name: "billing-assistant",
    description: "Answers billing questions in the in-app chat: invoices, plan changes, refunds.",
    tags: ["billing", "in-app"],
    status: "active",
    versions: [
      { content: billingV1 },
      { content: billingV2, note: "State the refund policy exactly" },
    ],
  },
  {
    name: "sales-qualifier",
    description:
      "Website chat that answers visitors' questions and books demos for qualified leads.",
    tags: ["sales", "website"],
    status: "draft",
    versions: [
      { content: qualifierV1 },
      { content: qualifierV2, note: "Qualify on seats before offering a demo" },
    ],
  },
];

const supportScenarios: DemoScenario[] = [
  {
    id: "double-charge",
    ask: "I was charged twice for March. Can you fix that?",
    goal: "you were charged twice for March and want one charge refunded",
    answer:
      "I can see two payments of $49 on March 3. The second one is a duplicate from a retried card payment; I've refunded it, and it will be back on your card in 5–7 business days. Your invoice for March now shows a single charge.",
  },
  {
    id: "sso-login-loop",
    ask: "When I sign in with Okta I end up back on the sign-in page, over and over.",
    goal: "you are stuck in a sign-in loop with Okta SSO",
    answer:
      "That loop happens when the Okta app still uses our old callback URL. In Okta, open the Acme Cloud app, set the sign-in redirect URI to https://app.acme.ai/sso/callback and save. Then sign out of Okta and in again. The help center article 'SSO with Okta' has screenshots.",
  },
  {
    id: "slack-integration",
    ask: "Our Slack notifications stopped yesterday.",
    goal: "Slack notifications stopped arriving in your workspace",
    answer:
      "Your Slack connection expired when the Slack admin rotated tokens yesterday. Go to Settings → Integrations → Slack, click Reconnect and approve the permissions again. Notifications resume right away; the ones missed in between are not re-sent.",
  },
  {
    id: "csv-export-timeout",
    ask: "Exporting our events to CSV times out every time.",
    goal: "your CSV export of events times out",
    answer:
      "Exports over 1 million rows time out in the browser. Pick a shorter date range, or use Export → Send to email, which builds the file in the background and mails you a link when it's ready (usually within 10 minutes).",
  },
  {
    id: "change-plan",
    ask: "How do I move from Team to Business in the middle of the month?",
    goal: "you want to upgrade from Team to Business mid-month",
    answer:
      "Go to Settings → Billing → Change plan and pick Business. You're charged the prorated difference for the rest of this month today, and the full Business price from your next renewal.",
  },
  {
    id: "invoice-vat",
    ask: "Our invoices are missing our VAT number.",
    goal: "your VAT number is missing from your invoices",
    answer:
      "Add it under Settings → Billing → Company details → VAT ID. New invoices show it from then on, and I can reissue the last three invoices with it; I've done that now, they're in your billing history.",
  },
  {
    id: "2fa-lost-phone",
    ask: "I lost my phone and can't get my 2FA codes.",
    goal: "you lost the phone with your two-factor codes",
    answer:
      "Use one of the recovery codes you saved when you turned on 2FA. If you don't have them, an admin of your organization can reset your 2FA from Members → your name → Reset two-factor; you'll set it up again at your next sign-in.",
  },
  {
    id: "api-rate-limit",
    ask: "We're getting 429 errors from the API since this morning.",
    goal: "your API calls return 429 Too Many Requests",
    answer:
      "Your key is on the Team limit of 600 requests per minute, and since 9:00 your sync job sends about 900. Spread the job over more time, back off when you get a 429 (the Retry-After header says how long), or ask us to raise the limit on the Business plan.",
  },
];

const billingScenarios: DemoScenario[] = [
  {
    id: "refund-after-renewal",
    ask: "We renewed the annual plan by mistake last week. Can we get a refund?",
    goal: "you renewed the annual plan by mistake and want a refund",
    answer:
      "Yes: annual plans can be refunded in full within 30 days of renewal, and yours renewed 6 days ago. I've started the refund of $4,680; it reaches your card within 5–7 business days, and your workspace moves to the free plan at the end of the current period.",
  },
  {
    id: "failed-card",
    ask: "Why did my card payment fail?",
    goal: "your card payment failed",
    answer:
      "Your bank declined the charge with 'do not honor', which usually means the bank flagged it. Ask the bank to allow payments to ACME AI, or add another card under Settings → Billing → Payment methods; we retry automatically within 24 hours.",
  },
  {
    id: "proration-question",
    ask: "Why is this month's invoice higher than usual?",
    goal: "this month's invoice is higher than usual",
    answer:
      "You added 4 seats on the 12th. The invoice has your normal $490 plus $78.40 for those seats from the 12th to the end of the month; from next month the seats are part of the regular $686.",
  },
];

const qualifierScenarios: DemoScenario[] = [
  {
    id: "pricing-inquiry",
    ask: "How much does Acme Cloud cost for a team of 25?",
    goal: "you want a price for 25 people",
    answer:
      "For 25 people the Business plan is $49 per seat per month, so $1,225 a month, or $980 a month billed yearly. It includes SSO and audit logs. Would you like me to set up a demo for your team?",
  },
  {
    id: "security-questionnaire",
    ask: "Do you have a SOC 2 report? Our security team needs it.",
    goal: "your security team needs our SOC 2 report",
    answer:
      "Yes, we have a SOC 2 Type II report from this year. I can send it under NDA: share your work email and I'll start the request. Our trust center at trust.acme.ai also has the pen test summary and our subprocessors.",
  },
  {
    id: "demo-request",
    ask: "Can someone show us how the workflow builder works?",
    goal: "you'd like a demo of the workflow builder",
    answer:
      "Happy to. Demos take 30 minutes with a solutions engineer; there are slots on Tuesday at 10:00 and Thursday at 15:00 (CET). Which one suits you, and how many people would join?",
  },
];

const analystScenarios: DemoScenario[] = [
  {
    id: "weekly-active-users",
    ask: "How many weekly active users did we have over the last quarter?",
    goal: "weekly active users, last 13 weeks, from mart_product.user_activity",
    answer:
      "Weekly active users rose from 18,240 to 21,905 over the last 13 weeks (+20%), with a dip in the week of the outage. SQL: SELECT date_trunc('week', day) AS week, count(DISTINCT user_id) FROM mart_product.user_activity WHERE day >= now() - interval '13 weeks' GROUP BY 1 ORDER BY 1;",
  },
  {
    id: "churn-by-plan",
    ask: "Which plan churns the most?",
    goal: "monthly logo churn per plan, last 6 months, from mart_finance.subscriptions",
    answer:
      "Team churns most: 3.1% of accounts a month over the last 6 months, against 1.2% for Business and 0.4% for Enterprise. SQL: SELECT plan, avg(churned::int) FROM mart_finance.subscriptions WHERE month >= date_trunc('month', now()) - interval '6 months' GROUP BY plan;",
  },
  {
    id: "revenue-by-region",
    ask: "Break down last month's revenue by region.",
    goal: "last calendar month's recognised revenue per region, from mart_finance.revenue",
    answer:
      "Last month: North America $1.42M (58%), EMEA $0.74M (30%), APAC $0.29M (12%). SQL: SELECT region, sum(amount) FROM mart_finance.revenue WHERE month = date_trunc('month', now()) - interval '1 month' GROUP BY region ORDER BY 2 DESC;",
  },
];

const acmeRuns: DemoRunSpec[] = [
  {
    id: "acme-support-stopped",
    name: "Support: one next step",
    kind: "stopped",
    target: { prompt: "support-reply" },
    mode: "exploratory",
    targets: ["task completion"],
    hypothesis:
      "Ending every answer with exactly one next step keeps frustrated customers in the conversation.",
    variants: [
      control(),
      {
        key: "b",
        name: "One next step",
        strategy: "End with a single next step",
        addition: "\n- End every answer with exactly one next step for the customer.",
        style: "one-step",
        effect: { task_completion: 3, quality: 0, sentiment: 2 },
      },
    ],
    scenarios: supportScenarios.slice(0, 3),
    escalation:
      "I've opened a ticket with everything you've told me; a specialist will reply by email within one business day.",
    stop: { cells: 12, reason: "The judge model's quota ran out halfway; retry once it resets." },
  },
  {
    id: "acme-qualifier-original",
    name: "Qualifier: budget first",
    kind: "original_won",
    target: { prompt: "sales-qualifier" },
    mode: "exploratory",
    targets: ["quality", "task completion"],
    hypothesis: "Asking about budget and timeline up front qualifies website leads faster.",
    variants: [
      control(),
      {
        key: "b",
        name: "Budget first",
        strategy: "Qualify before answering",
        addition: "\n- Before answering anything else, ask for their budget and timeline.",
        style: "budget",
        effect: { task_completion: -5, quality: -9, sentiment: -11 },
      },
      {
        key: "c",
        name: "Feature tour",
        strategy: "Offer a tour",
        addition: "\n- After each answer, offer a quick tour of the top three features.",
        style: "tour",
        effect: { task_completion: -3, quality: -5, sentiment: -2 },
      },
    ],
    scenarios: qualifierScenarios,
    escalation: "I'll pass this to our sales team; someone will email you today.",
  },
  {
    id: "acme-billing-inconclusive",
    name: "Billing: quote the policy",
    kind: "inconclusive",
    target: { prompt: "billing-assistant" },
    mode: "exploratory",
    targets: ["task completion", "sentiment"],
    hypothesis:
      "Shorter replies that quote the refund policy resolve more billing questions in one conversation.",
    variants: [
      control(),
      {
        key: "b",
        name: "Quote the policy",
        strategy: "Quote the policy verbatim",
        addition:
          "\n- When refunds come up, quote the policy sentence that applies, word for word.",
        style: "quote",
        effect: { task_completion: -1, quality: 2, sentiment: 0 },
      },
      {
        key: "c",
        name: "Shorter replies",
        strategy: "At most two sentences",
        addition: "\n- Answer in at most two sentences.",
        style: "short",
        effect: { task_completion: 12, quality: -2, sentiment: -16 },
      },
      {
        key: "d",
        name: "Annual plan nudge",
        strategy: "Mention the annual discount",
        addition:
          "\n- When a monthly customer asks about charges, mention that the annual plan saves 20%.",
        style: "upsell",
        effect: { task_completion: -2, quality: 0, sentiment: -4 },
      },
    ],
    scenarios: billingScenarios,
    escalation:
      "I've passed this to our billing team with the details; they'll reply by email within one business day.",
  },
  {
    id: "acme-analyst-winner",
    name: "Analyst: state assumptions",
    kind: "capability_winner",
    target: { capability: "sql-analyst", version: "1.1.0", agent: "analyst" },
    mode: "exploratory",
    targets: ["task completion", "clarity"],
    hypothesis:
      "Stating the tables, filters and time range it assumed before the numbers makes the analyst's answers easier to act on.",
    variants: [
      control(),
      {
        key: "b",
        name: "Assumptions first",
        strategy: "State assumptions before the answer",
        rationale:
          "Readers could not tell which metric definition an answer used, so they re-asked.",
        addition:
          "\n\nBefore the numbers, state in one line which tables, filters and time range you assumed, so the reader can correct you.",
        style: "assumptions",
        effect: { task_completion: 12, quality: 9, sentiment: 3 },
      },
      {
        key: "c",
        name: "Chart by default",
        strategy: "Always plot",
        addition: "\n\nPlot every answer that has more than three rows.",
        style: "chart",
        effect: { task_completion: 1, quality: -1, sentiment: 0 },
      },
    ],
    scenarios: analystScenarios,
    escalation:
      "I can't answer that from the marts I can read; I've noted the question for the data platform team.",
  },
  {
    id: "acme-support-winner",
    name: "Support: goal, then steps",
    kind: "winner",
    target: { prompt: "support-reply" },
    mode: "validation",
    targets: ["task completion", "tone"],
    hypothesis:
      "Restating the customer's goal before answering, then giving numbered steps, resolves more tickets in the first conversation.",
    variants: [
      control(),
      {
        key: "b",
        name: "Variant B",
        strategy: "Confirm the goal, then numbered steps",
        rationale:
          "Transcripts of unresolved tickets often answered a different question than the one asked.",
        addition:
          "\n- Start by restating the customer's goal in one sentence, and ask them to correct it if it is wrong.\n- Give the fix as numbered steps, one action per step.",
        style: "confirm",
        effect: { task_completion: 11, quality: 4, sentiment: 2 },
      },
      {
        key: "c",
        name: "Variant C",
        strategy: "Acknowledge first",
        addition:
          "\n- Open by acknowledging how the problem affects the customer, in one sentence.",
        style: "empathy",
        effect: { task_completion: 1, quality: 0, sentiment: 5 },
      },
    ],
    scenarios: supportScenarios,
    escalation:
      "I've opened a ticket with everything you've told me; a specialist will reply by email within one business day.",
  },
];

// ——— globex ————————————————————————————————————————————————————————————————————————————————

const supplierV1 = `You answer suppliers' questions to Globex Accounts Payable by email: invoice status, payment dates, remittance and vendor details.

Be polite and precise. Never change bank details by email.`;

const supplierV2 = `You answer suppliers' questions to Globex Accounts Payable: invoice status, payment dates, remittance and vendor details.

- Be polite and precise; give dates, amounts and document numbers.
- Payment terms are net 45 from the invoice's receipt.
- Never change bank details by email: send the supplier to the vendor portal, where changes are verified by phone.`;

const itDeskV1 = `You are Globex's IT service desk assistant. Help employees with accounts, laptops, VPN and access requests.`;

const itDeskV2 = `You are Globex's IT service desk assistant. Help employees with accounts, laptops, VPN and access requests.

- Try the documented fix first and say which knowledge base article it comes from.
- Access to shared mailboxes and drives needs the owner's approval: open the request for them.
- Hardware replacements go through a ticket; give its number.`;

const intakeV1 = `You take legal requests from Globex employees: NDAs, contract reviews and signatures. Collect what the legal team needs and tell the requester what happens next.`;

const intakeV2 = `You take legal requests from Globex employees: NDAs, contract reviews and signatures.

- Collect the counterparty, the contract type, the value and the deadline.
- Standard NDAs are approved the same day from the template; anything else goes to the legal queue (3 business days).
- Tell the requester the ticket number and what happens next.`;

const globexPrompts: DemoPromptSpec[] = [
  {
    name: "supplier-helpdesk",
    description: "Answers supplier emails to Accounts Payable about invoices and payments.",
    tags: ["accounts-payable", "suppliers"],
    status: "active",
    versions: [
      { content: supplierV1 },
      { content: supplierV2, note: "Payment terms and the vendor portal" },
    ],
  },
  {
    name: "it-service-desk",
    description: "First line of the internal IT service desk in Teams.",
    tags: ["it", "internal"],
    status: "active",
    versions: [
      { content: itDeskV1 },
      { content: itDeskV2, note: "Cite the knowledge base; approvals for access" },
    ],
  },
  {
    name: "contract-intake",
    description: "Takes legal requests from employees and routes them to the legal team.",
    tags: ["legal", "internal"],
    status: "draft",
    versions: [
      { content: intakeV1 },
      { content: intakeV2, note: "Collect value and deadline; SLA per request type" },
    ],
  },
];

const supplierScenarios: DemoScenario[] = [
  {
    id: "payment-status",
    ask: "When will invoice INV-20931 be paid?",
    goal: "you want the payment date of invoice INV-20931",
    answer:
      "INV-20931 for €12,400 was received on May 2 and approved on May 9. With our net 45 terms it is scheduled for payment on June 16; the remittance advice is emailed the same day.",
  },
  {
    id: "missing-po-number",
    ask: "Our invoice was rejected for a missing PO number. What now?",
    goal: "your invoice was rejected because it had no PO number",
    answer:
      "We can only pay invoices that quote a Globex purchase order. Ask your Globex contact for the PO number (it starts with 45), add it to the invoice and send it again to ap-invoices@globex.com; the net 45 terms start when we receive the corrected invoice.",
  },
  {
    id: "bank-details-change",
    ask: "We changed banks. Please update our account number to the one below.",
    goal: "you want to change the bank account we pay you on",
    answer:
      "For your security we never change bank details by email. Please update them in the vendor portal under Company → Payment details; our vendor team then confirms the change by phone with the contact on file before the next payment run.",
  },
  {
    id: "duplicate-invoice",
    ask: "Did you receive our invoice? We sent it twice by mistake.",
    goal: "you sent the same invoice twice and want to be sure it is paid once",
    answer:
      "We received it twice, on May 3 and May 5. The second copy was flagged as a duplicate and will not be paid; the first is approved and scheduled for June 17. No action is needed on your side.",
  },
  {
    id: "early-payment-discount",
    ask: "Can we get paid earlier if we offer a discount?",
    goal: "you'd like early payment in exchange for a discount",
    answer:
      "Yes: with a 2% discount we pay within 10 days instead of 45. Sign up for the early payment programme in the vendor portal under Payment terms; it applies to invoices approved after you join.",
  },
  {
    id: "remittance-advice",
    ask: "We got a payment but can't tell which invoices it covers.",
    goal: "you need the remittance advice for a payment",
    answer:
      "The payment of €38,210 on May 28 covers INV-20877, INV-20880 and INV-20884. I've re-sent the remittance advice to your accounts inbox; it's also in the vendor portal under Payments.",
  },
  {
    id: "wrong-currency",
    ask: "You paid us in USD but our invoice was in EUR.",
    goal: "a payment arrived in USD for an invoice in EUR",
    answer:
      "You're right: invoice INV-20702 was in EUR and the vendor record still had USD as the payment currency. I've corrected the record; the treasury team will pay the €214 exchange difference in the next payment run on Friday.",
  },
  {
    id: "vendor-onboarding",
    ask: "We're a new supplier. How do we get set up to invoice Globex?",
    goal: "you are a new supplier and want to start invoicing",
    answer:
      "Your Globex contact sends you an invitation to the vendor portal. There you fill in your company details, tax forms and bank details, which our vendor team verifies by phone within 3 business days. After that, invoices quoting a Globex PO can be sent to ap-invoices@globex.com.",
  },
];

const itScenarios: DemoScenario[] = [
  {
    id: "vpn-not-connecting",
    ask: "The VPN says 'authentication failed' since this morning.",
    goal: "the VPN rejects your sign-in since this morning",
    answer:
      "Your password expired overnight and the VPN still uses the old one. Change it at password.globex.com, then sign in to the VPN client again with the new password (KB-0142).",
  },
  {
    id: "laptop-replacement",
    ask: "My laptop screen is cracked. Can I get a new one?",
    goal: "your laptop screen is cracked and you need a replacement",
    answer:
      "I've opened hardware ticket INC-48213 for a replacement. Bring the laptop to the IT desk on floor 3 any weekday between 9 and 16; you'll get a loaner the same day and your files are restored from backup.",
  },
  {
    id: "shared-mailbox-access",
    ask: "I need access to the finance-ops shared mailbox.",
    goal: "you need access to the finance-ops shared mailbox",
    answer:
      "Access to finance-ops needs its owner's approval. I've sent request RITM-7731 to Dana Pérez; once she approves, access appears in Outlook within an hour.",
  },
];

const intakeScenarios: DemoScenario[] = [
  {
    id: "nda-review-request",
    ask: "I need an NDA with Initech before a call on Thursday.",
    goal: "you need an NDA with Initech by Thursday",
    answer:
      "A standard mutual NDA from our template is approved the same day. I've created request LEG-2291 with Initech as the counterparty; you'll get the NDA to send for signature within a few hours.",
  },
  {
    id: "msa-redline-status",
    ask: "Where are we with the Hooli MSA redlines?",
    goal: "you want the status of the Hooli MSA redlines",
    answer:
      "The Hooli MSA (LEG-2240) is with the legal team: the liability and data-processing clauses were redlined on Monday and sent back to Hooli's counsel. We're waiting on their reply.",
  },
  {
    id: "signature-routing",
    ask: "Who needs to sign a €120k services contract?",
    goal: "you want to know who signs a €120k services contract",
    answer:
      "Contracts between €100k and €500k are signed by your VP and by legal. Upload it to request LEG-2295 and it's routed to both in DocuSign in that order.",
  },
];

const researchScenarios: DemoScenario[] = [
  {
    id: "account-brief-initech",
    ask: "Brief me on Initech before tomorrow's call.",
    goal: "a one-page brief on Initech for tomorrow's call",
    answer:
      "Initech: 1,200 employees, software for banks, new CFO since March (press release, initech.com). Our history: one closed deal in 2023 ($48k), two open support tickets, last contact 5 weeks ago. Questions to ask: how the new CFO changes budget approval; whether the open tickets block expansion; who else evaluates AP automation.",
  },
  {
    id: "renewal-risk-hooli",
    ask: "Is Hooli likely to renew? Give me what I need for the call.",
    goal: "Hooli's renewal risk, from the CRM and recent news",
    answer:
      "Hooli renews in 60 days ($210k). Usage fell 18% since they reorganised in April (news: Hooli restructures, April 12). Three escalated tickets this quarter. Questions to ask: who owns the tool after the reorg; whether the escalations are solved for them; what a smaller renewal would need.",
  },
  {
    id: "new-logo-vandelay",
    ask: "What should I know about Vandelay Industries?",
    goal: "a first brief on Vandelay Industries, a new prospect",
    answer:
      "Vandelay Industries: importer/exporter, about 300 employees, opened a warehouse in Rotterdam in May (news). No history with us in the CRM. Questions to ask: how they process supplier invoices today; how many a month; who signs off on finance tools.",
  },
];

const globexRuns: DemoRunSpec[] = [
  {
    id: "globex-supplier-stopped",
    name: "Supplier: their language",
    kind: "stopped",
    target: { prompt: "supplier-helpdesk" },
    mode: "exploratory",
    targets: ["task completion"],
    hypothesis: "Answering suppliers in their own language lowers the number of follow-up emails.",
    variants: [
      control(),
      {
        key: "b",
        name: "Reply in their language",
        strategy: "Mirror the supplier's language",
        addition: "\n- Reply in the language the supplier wrote in.",
        style: "plain",
        effect: { task_completion: 2, quality: 1, sentiment: 4 },
      },
    ],
    scenarios: supplierScenarios.slice(0, 3),
    escalation:
      "I've forwarded this to an Accounts Payable specialist, who will reply within two business days.",
    stop: {
      cells: 10,
      reason: "Stopped by Olu: the harness was pointed at the staging vendor portal.",
    },
  },
  {
    id: "globex-intake-original",
    name: "Legal intake: checklist",
    kind: "original_won",
    target: { prompt: "contract-intake" },
    mode: "exploratory",
    targets: ["quality"],
    hypothesis: "A checklist of every field up front gets complete legal requests in one message.",
    variants: [
      control(),
      {
        key: "b",
        name: "Checklist up front",
        strategy: "Ask every field at once",
        addition:
          "\n- Start by listing every field you need as a checklist for the requester to fill in.",
        style: "checklist",
        effect: { task_completion: -4, quality: -8, sentiment: -9 },
      },
      {
        key: "c",
        name: "Formal register",
        strategy: "Formal tone",
        addition: "\n- Write in a formal register.",
        style: "formal",
        effect: { task_completion: -1, quality: -5, sentiment: -3 },
      },
    ],
    scenarios: intakeScenarios,
    escalation:
      "I've put this in the legal queue; a lawyer will contact you within 3 business days.",
  },
  {
    id: "globex-itdesk-inconclusive",
    name: "IT desk: article first",
    kind: "inconclusive",
    target: { prompt: "it-service-desk" },
    mode: "exploratory",
    targets: ["task completion"],
    hypothesis: "Citing the knowledge base article first makes employees try the fix themselves.",
    variants: [
      control(),
      {
        key: "b",
        name: "Article first",
        strategy: "Lead with the KB article",
        addition: "\n- Start with the knowledge base article's title and link.",
        style: "plain",
        effect: { task_completion: 2, quality: 1, sentiment: 0 },
      },
      {
        key: "c",
        name: "Numbered steps",
        strategy: "Steps as a list",
        addition: "\n- Give fixes as numbered steps.",
        style: "confirm",
        effect: { task_completion: 1, quality: 2, sentiment: 0 },
      },
      {
        key: "d",
        name: "Friendlier tone",
        strategy: "Warmer wording",
        addition: "\n- Be warm and informal.",
        style: "empathy",
        effect: { task_completion: -1, quality: 0, sentiment: 2 },
      },
    ],
    scenarios: itScenarios,
    escalation:
      "I've assigned your ticket to the second-line team; they'll contact you in Teams today.",
  },
  {
    id: "globex-research-winner",
    name: "Research: cite sources",
    kind: "capability_winner",
    target: { capability: "sales-research", version: "1.0.1", agent: "researcher" },
    mode: "exploratory",
    targets: ["quality", "task completion"],
    hypothesis:
      "Citing a source for every news item makes the briefs trustworthy enough to use on the call.",
    variants: [
      control(),
      {
        key: "b",
        name: "Sources inline",
        strategy: "Cite every fact",
        rationale: "Reps skipped the news section because they could not check it.",
        addition:
          "\n\nAfter every fact from the news or the web, give its source and date in brackets.",
        style: "sources",
        effect: { task_completion: 6, quality: 13, sentiment: 2 },
      },
      {
        key: "c",
        name: "Bullet brief",
        strategy: "Bullets only",
        addition: "\n\nWrite the brief as bullets only.",
        style: "short",
        effect: { task_completion: 0, quality: 1, sentiment: -1 },
      },
    ],
    scenarios: researchScenarios,
    escalation: "I couldn't find enough on this account; I've logged what I have in the CRM.",
  },
  {
    id: "globex-supplier-winner",
    name: "Supplier: invoice number first",
    kind: "winner",
    target: { prompt: "supplier-helpdesk" },
    mode: "validation",
    targets: ["task completion"],
    hypothesis: "Asking for the invoice number first avoids answering about the wrong invoice.",
    variants: [
      control(),
      {
        key: "b",
        name: "Variant B",
        strategy: "Ask for the document number first",
        rationale: "A third of follow-ups were about a different invoice than the one answered.",
        addition:
          "\n- If the supplier did not give an invoice or PO number, ask for it before answering.",
        style: "ask-id",
        effect: { task_completion: 10, quality: 3, sentiment: 1 },
      },
      {
        key: "c",
        name: "Variant C",
        strategy: "Formal letter style",
        addition: "\n- Write like a formal business letter.",
        style: "formal",
        effect: { task_completion: 0, quality: 1, sentiment: -2 },
      },
    ],
    scenarios: supplierScenarios,
    escalation:
      "I've forwarded this to an Accounts Payable specialist, who will reply within two business days.",
  },
];

export const demoOptimization: {
  org: string;
  workspace: string;
  prompts: DemoPromptSpec[];
  runs: DemoRunSpec[];
}[] = [
  { org: "acme", workspace: "main", prompts: acmePrompts, runs: acmeRuns },
  { org: "globex", workspace: "main", prompts: globexPrompts, runs: globexRuns },
];
