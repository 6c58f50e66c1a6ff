// The draft editor's model: what is read is sent back unchanged, edits reach the body the API
// takes, the browser's checks match the API's rules, and the API's errors land on their fields.
import { describe, expect, it } from "vitest";
import { updateDraftBody } from "@/lib/agents/schemas";
import {
  actionRow,
  apiErrors,
  errorAt,
  formSignature,
  fromDraft,
  keyLabel,
  mcpClientRow,
  toBody,
  validate,
  type DraftForm,
} from "./draft-form";
import type { DraftView } from "./hooks";

const draft = (over: Record<string, unknown> = {}) =>
  ({
    template_slug: null,
    language_model_slug: "gpt-4.1",
    integration_slug: "hubspot",
    connector_uuid: null,
    with_reasoning: false,
    temperature: 0.2,
    max_steps: null,
    system_prompt: "You help.",
    actions: [
      { slug: "create_note", name: "Create note", config: { a: 1 }, is_bulk_allowed: false },
    ],
    resources: [{ slug: "contacts", selected_column_slugs: ["email"], limit: 10 }],
    capabilities: [{ slug: "pdf-tools@1.2.0" }],
    suggested_actions: [{ text: "Summarise", actions: [{ slug: "create_note" }] }],
    mcp_clients: [
      {
        name: "files",
        url: "https://mcp.example.com/sse",
        authentication: { access_token: "••••abcd", token_type: "Bearer" },
      },
    ],
    output: null,
    heartbeat: null,
    evaluator: { rubric: "Be right", threshold: 0.8 },
    ...over,
  }) as unknown as DraftView;

const configOf = (d: DraftView) => {
  const { revision: _, ...body } = toBody(fromDraft(d), 1);
  return body;
};

describe("reading a draft and sending it back", () => {
  it("sends back exactly what was read when nothing is edited, explicit defaults and redacted secrets included", () => {
    const d = draft();
    const body: Record<string, unknown> = configOf(d);
    for (const key of Object.keys(body)) expect(body[key], key).toEqual((d as never)[key]);
  });

  it("builds a body the API's schema accepts", () => {
    expect(updateDraftBody.safeParse(toBody(fromDraft(draft()), 3)).success).toBe(true);
    const blank: DraftForm = fromDraft(draft({ actions: [], resources: [], mcp_clients: [] }));
    expect(updateDraftBody.safeParse(toBody(blank, 1)).success).toBe(true);
  });

  it("sends edits, and leaves an optional field out when it is emptied (unless the draft had it)", () => {
    const f = fromDraft(draft({ actions: [] }));
    f.actions = [{ ...actionRow(), slug: " send_mail ", name: "", config: '{"to": "x"}' }];
    f.temperature = "";
    f.heartbeat = { ...f.heartbeat, on: true, interval_minutes: "15" };
    const body = toBody(f, 7);
    expect(body.revision).toBe(7);
    expect(body.actions).toEqual([{ slug: "send_mail", config: { to: "x" } }]);
    expect(body.temperature).toBeNull();
    expect(body.heartbeat).toEqual({ interval_minutes: 15 });
  });

  it("keeps a stored MCP secret unless a new one is typed, and turns authentication off as null", () => {
    const f = fromDraft(draft());
    const client = f.mcp_clients[0]!;
    expect((toBody(f, 1).mcp_clients as { authentication: unknown }[])[0]!.authentication).toEqual({
      access_token: "••••abcd",
      token_type: "Bearer",
    });
    f.mcp_clients[0] = { ...client, auth: { ...client.auth, access_token: "new-secret" } };
    expect(
      (toBody(f, 1).mcp_clients as { authentication: { access_token: string } }[])[0]!
        .authentication.access_token,
    ).toBe("new-secret");
    f.mcp_clients[0] = { ...client, auth: { ...client.auth, on: false } };
    expect(
      (toBody(f, 1).mcp_clients as { authentication: unknown }[])[0]!.authentication,
    ).toBeNull();
  });

  it("sends a connector MCP client without a URL", () => {
    const f = fromDraft(draft({ mcp_clients: [] }));
    f.mcp_clients = [{ ...mcpClientRow(), name: "crm", kind: "connector" }];
    expect(toBody(f, 1).mcp_clients).toEqual([{ name: "crm", kind: "connector" }]);
    expect(validate(f)).toEqual({});
  });

  it("tells forms apart by content, not by the rows' React keys", () => {
    expect(formSignature(fromDraft(draft()))).toBe(formSignature(fromDraft(draft())));
    const edited = fromDraft(draft());
    edited.system_prompt = "Other";
    expect(formSignature(edited)).not.toBe(formSignature(fromDraft(draft())));
  });
});

describe("the browser's checks", () => {
  it("passes a draft as read", () => {
    expect(validate(fromDraft(draft()))).toEqual({});
  });

  it("names each invalid field by the key the API's errors use", () => {
    const f = fromDraft(draft());
    f.temperature = "1.5";
    f.max_steps = "0";
    f.connector_uuid = "nope";
    f.actions = [
      { ...actionRow(), slug: "a", config: "{broken" },
      { ...actionRow(), slug: "a" },
      { ...actionRow(), slug: "" },
    ];
    f.capabilities[0] = { ...f.capabilities[0]!, slug: "Not A Ref!" };
    f.mcp_clients[0] = { ...f.mcp_clients[0]!, url: "ftp://x" };
    f.evaluator = { ...f.evaluator, threshold: "2" };
    const e = validate(f);
    expect(Object.keys(e).sort()).toEqual(
      [
        "temperature",
        "max_steps",
        "connector_uuid",
        "actions.0.config",
        "actions.1.slug",
        "actions.2.slug",
        "capabilities.0.slug",
        "mcp_clients.0.url",
        "evaluator.threshold",
      ].sort(),
    );
    expect(e["actions.1.slug"]).toMatch(/appears twice/);
  });

  it("refuses a redaction typed back as a secret", () => {
    const f = fromDraft(draft());
    f.mcp_clients[0] = {
      ...f.mcp_clients[0]!,
      auth: { ...f.mcp_clients[0]!.auth, refresh_token: "••••zzzz" },
    };
    expect(validate(f)).toHaveProperty(["mcp_clients.0.authentication.refresh_token"]);
  });
});

describe("the API's errors", () => {
  it("land on the field they name, the first one per field", () => {
    const e = apiErrors([
      { loc: ["body", "actions", 0, "slug"], msg: "required" },
      { loc: ["body", "actions", 0, "slug"], msg: "second" },
      { loc: ["draft", "temperature"], msg: "too hot" },
    ]);
    expect(e).toEqual({ "actions.0.slug": "required", temperature: "too hot" });
    expect(errorAt(e, "actions")).toBe("0.slug: required");
    expect(errorAt(e, "resources")).toBeUndefined();
    expect(keyLabel("actions.0.slug")).toBe("Actions #1 slug");
    expect(keyLabel("mcp_clients.2.disabled_tool_slugs")).toBe(
      "MCP clients #3 disabled tool slugs",
    );
  });
});
