import { describe, expect, it } from "vitest";
import { approvedTool, canonicalTool, declaredToolSchema, toolFingerprint } from "./fingerprint";

const read = {
  name: "read_file",
  description: "Reads a file.",
  input_schema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
};

describe("tool fingerprints", () => {
  it("is SHA-256 over the RFC 8785 canonical JSON of the covered fields", () => {
    expect(canonicalTool(read)).toBe(
      '{"description":"Reads a file.","input_schema":{"properties":{"path":{"type":"string"}},"required":["path"],"type":"object"},"name":"read_file"}',
    );
    expect(toolFingerprint(read)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("ignores key order, whitespace and the MCP spelling of the schema keys", () => {
    const reordered = JSON.parse(
      '{ "inputSchema": { "required": ["path"], "properties": { "path": { "type": "string" } }, "type": "object" },\n  "description": "Reads a file.", "name": "read_file", "x-extra": 1 }',
    );
    expect(approvedTool(declaredToolSchema.parse(reordered)).fingerprint).toBe(
      toolFingerprint(read),
    );
  });

  it("changes with the description, the schema, an enum or a default", () => {
    const base = toolFingerprint(read);
    expect(toolFingerprint({ ...read, description: "Reads a file.\u200b" })).not.toBe(base);
    expect(
      toolFingerprint({
        ...read,
        input_schema: {
          ...read.input_schema,
          properties: { path: { type: "string", default: "~" } },
        },
      }),
    ).not.toBe(base);
    expect(toolFingerprint({ ...read, annotations: { readOnlyHint: true } })).not.toBe(base);
  });

  it("refuses a tool without a name or an input schema", () => {
    expect(declaredToolSchema.safeParse({ name: "x" }).success).toBe(false);
    expect(declaredToolSchema.safeParse({ input_schema: {} }).success).toBe(false);
    expect(
      declaredToolSchema.safeParse({ name: "x", input_schema: {}, inputSchema: {} }).success,
    ).toBe(false);
  });
});
