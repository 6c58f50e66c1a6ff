// Word lists of the generated bench catalog (scripts/bench/catalog-data.ts): real words, so that
// names read like capabilities, descriptions give full-text search something to rank, keywords
// come from a vocabulary of a few hundred, and facets have a long tail.

/** Business and engineering areas: the first part of names, and keywords. */
export const domains = [
  "security", "billing", "support", "sales", "marketing", "legal", "finance", "hiring", "devops", "data",
  "analytics", "infra", "cloud", "kubernetes", "database", "search", "docs", "onboarding", "compliance", "privacy",
  "incident", "observability", "logging", "metrics", "payments", "invoice", "contract", "travel", "recruiting", "procurement",
  "inventory", "shipping", "logistics", "retail", "healthcare", "insurance", "banking", "crm", "email", "calendar",
  "meeting", "translation", "research", "code", "testing", "release", "design", "content", "seo", "social",
  "forecasting", "pricing", "fraud", "risk", "audit", "tax", "payroll", "benefits", "learning", "knowledge",
] as const;

/** What a capability is: the second part of names. */
export const roles = [
  "triage", "reviewer", "assistant", "analyst", "summarizer", "extractor", "router", "planner", "monitor", "auditor",
  "scanner", "writer", "classifier", "bridge", "helper", "copilot", "toolkit", "pipeline", "notifier", "tracker",
  "reporter", "optimizer", "validator", "translator", "scheduler", "explorer", "navigator", "curator", "checker", "digest",
  "responder", "investigator", "coach", "estimator", "reconciler", "detector", "harvester", "indexer", "linter", "migrator",
] as const;

/** Optional third part of names (teams, editions, regions). */
export const qualifiers = [
  "lite", "pro", "eu", "us", "apac", "legacy", "next", "internal", "batch", "realtime",
  "nightly", "mobile", "web", "edge", "enterprise", "starter", "v2", "v3", "core", "plus",
  "fast", "secure", "open", "team", "global",
] as const;

/** Things capabilities work on (plural nouns of descriptions). */
export const objects = [
  "support tickets", "invoices", "pull requests", "contracts", "alerts", "server logs", "expense reports", "sales calls",
  "customer emails", "meeting transcripts", "job applications", "purchase orders", "shipping manifests", "insurance claims",
  "patient referrals", "bank statements", "tax filings", "payroll runs", "release notes", "design reviews", "runbooks",
  "incident timelines", "survey responses", "product reviews", "chat transcripts", "vendor questionnaires", "security findings",
  "access requests", "data pipelines", "SQL queries", "dashboards", "feature requests", "bug reports", "test failures",
  "deployment manifests", "Terraform plans", "Kubernetes events", "cloud bills", "audit trails", "policy documents",
  "knowledge base articles", "onboarding checklists", "travel bookings", "calendar invites", "price quotes", "loan applications",
  "fraud signals", "churn signals", "marketing campaigns", "blog drafts", "translation memories", "research papers",
] as const;

export const verbs = [
  "Triages", "Summarizes", "Extracts fields from", "Reviews", "Monitors", "Classifies", "Routes", "Drafts replies to",
  "Reconciles", "Audits", "Translates", "Scores", "Deduplicates", "Enriches", "Validates", "Prioritizes", "Redacts personal data in",
  "Answers questions about", "Tags", "Forecasts trends in", "Detects anomalies in", "Explains", "Cross-checks", "Archives",
] as const;

export const manners = [
  "by urgency and customer tier", "against company policy", "for missing approvals", "with citations to the source",
  "in plain language", "before they reach a human", "across every region", "with confidence scores", "using historical outcomes",
  "for regulatory risk", "within minutes", "according to the style guide", "with a short rationale", "for duplicates and fraud",
  "by owner and due date", "in several languages",
] as const;

export const outcomes = [
  "and posts a daily digest to Slack", "and opens Jira issues for follow-up", "and files the result in the CRM",
  "and escalates what needs a person", "and writes a weekly report", "and keeps an audit trail", "and pages the on-call engineer",
  "and updates the dashboard", "and suggests next steps", "and drafts a response for review", "and flags exceptions for finance",
  "and emails a summary to the owner", "and syncs the outcome to the warehouse", "and comments on the pull request",
] as const;

export const integrations = [
  "the GitHub API", "the Jira MCP server", "Zendesk", "Salesforce", "the Slack Events API", "Snowflake", "BigQuery",
  "PostgreSQL", "the Stripe API", "Google Drive", "Confluence", "Notion", "PagerDuty", "Datadog", "Grafana", "Sentry",
  "SAP", "Workday", "ServiceNow", "HubSpot", "Gmail", "Microsoft Teams", "Linear", "S3 buckets", "an internal REST API",
] as const;

/** Extra keywords beyond the domains: technologies, functions and practices (about 240). */
export const keywordPool = [
  // technologies and products
  "python", "typescript", "go", "rust", "java", "sql", "graphql", "rest", "grpc", "webhooks",
  "slack", "jira", "github", "gitlab", "bitbucket", "confluence", "notion", "linear", "asana", "trello",
  "zendesk", "intercom", "freshdesk", "salesforce", "hubspot", "stripe", "paypal", "quickbooks", "xero", "netsuite",
  "sap", "workday", "servicenow", "okta", "auth0", "postgres", "mysql", "mongodb", "redis", "elasticsearch",
  "opensearch", "snowflake", "bigquery", "redshift", "databricks", "spark", "kafka", "airflow", "dbt", "looker",
  "tableau", "metabase", "aws", "gcp", "azure", "terraform", "pulumi", "ansible", "docker", "helm",
  "prometheus", "grafana", "datadog", "sentry", "pagerduty", "opsgenie", "splunk", "cloudflare", "vercel", "netlify",
  "gmail", "outlook", "teams", "zoom", "google-drive", "sharepoint", "dropbox", "box", "s3", "figma",
  "openai", "anthropic", "langchain", "llamaindex", "pgvector", "pinecone", "weaviate", "qdrant", "mcp", "playwright",
  // functions
  "summarization", "classification", "extraction", "ocr", "translation", "routing", "triage", "review", "monitoring", "alerting",
  "reporting", "scheduling", "forecasting", "anomaly-detection", "sentiment", "deduplication", "enrichment", "validation", "reconciliation", "redaction",
  "search", "rag", "embeddings", "vector-search", "question-answering", "chat", "voice", "transcription", "scraping", "crawling",
  "etl", "data-quality", "lineage", "cataloging", "tagging", "scoring", "ranking", "recommendation", "personalization", "segmentation",
  "code-review", "refactoring", "test-generation", "documentation", "changelog", "dependency-updates", "vulnerability-scanning", "secrets-detection", "sast", "dast",
  "incident-response", "postmortems", "runbooks", "on-call", "capacity-planning", "cost-optimization", "finops", "backups", "disaster-recovery", "migrations",
  // practices, regulation, audiences
  "gdpr", "ccpa", "hipaa", "soc2", "iso27001", "pci-dss", "sox", "aml", "kyc", "pii",
  "accessibility", "localization", "i18n", "style-guide", "brand", "legal-review", "procurement", "vendor-risk", "third-party", "contracts",
  "customer-success", "churn", "retention", "upsell", "lead-scoring", "outreach", "prospecting", "pipeline", "quota", "commissions",
  "expenses", "accounts-payable", "accounts-receivable", "invoicing", "budgeting", "treasury", "fp-and-a", "close", "ledger", "tax",
  "recruiting", "interviews", "onboarding", "offboarding", "performance", "learning", "benefits", "payroll", "handbook", "policies",
  "support", "helpdesk", "knowledge-base", "faq", "feedback", "surveys", "nps", "community", "moderation", "trust-and-safety",
  "research", "papers", "citations", "literature-review", "experiments", "a-b-testing", "analytics", "dashboards", "kpis", "okrs",
  "workflow", "automation", "approval", "notifications", "digest", "calendar", "meetings", "notes", "email", "chatops",
] as const;

export const firstNames = [
  "Ada", "Bruno", "Chloe", "Dmitri", "Elena", "Farid", "Greta", "Hiro", "Ines", "Jonas",
  "Kavya", "Lars", "Mina", "Nadia", "Oscar", "Priya", "Quentin", "Rosa", "Sami", "Tomas",
  "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zoe", "Amara", "Bo", "Carmen", "Dev",
] as const;

export const lastNames = [
  "Okafor", "Lindqvist", "Moreau", "Tanaka", "Ivanova", "Haddad", "Schmidt", "Nakamura", "Ferreira", "Kowalski",
  "Patel", "Berg", "Rahimi", "Costa", "Novak", "Sharma", "Dubois", "Alvarez", "Kim", "Horvat",
] as const;

export const teams = [
  "Platform", "Security", "Data", "Support Ops", "Revenue Ops", "People", "Finance Systems", "Developer Experience", "SRE", "Legal Ops",
  "Growth", "Trust and Safety", "IT Operations", "Research", "Procurement", "Analytics", "Compliance", "Customer Success", "Marketing Ops", "Infrastructure",
  "Payments", "Identity", "Search", "Mobile", "Billing", "Documentation", "Quality", "Localization", "Partnerships", "Field Engineering",
  "Design Systems", "Observability", "Release Engineering", "Privacy", "Risk", "Treasury", "Tax", "Payroll", "Recruiting", "Learning",
  "Knowledge", "Automation", "Cloud", "Databases", "Networking", "Edge", "AI Enablement", "Applied ML", "Evaluation", "Agents",
] as const;

/** SPDX ids (and one proprietary licence) with their weights; null: no licence in the manifest. */
export const licenses: [string | null, number][] = [
  ["MIT", 40], ["Apache-2.0", 25], ["BSD-3-Clause", 8], ["MPL-2.0", 5], ["ISC", 5],
  ["GPL-3.0-only", 3], ["Acme-Proprietary-1.0", 9], [null, 5],
];

export const models = ["claude-sonnet-4-5", "claude-opus-4-1", "claude-haiku-4-5", "gpt-4.1", "gpt-4o-mini"] as const;
