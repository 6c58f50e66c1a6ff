// Approved MCP tools and their fingerprints (capability-format.md, "An MCP server may also declare
// the tools it is approved to expose"). A fingerprint is the lowercase hex SHA-256 of the RFC 8785
// (JCS) canonical JSON of {name, description, input_schema, output_schema, annotations}, absent
// fields left out, so that key order and whitespace never change it. Pure: no I/O.
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { z } from "zod";

const jsonObject = z.record(z.string(), z.unknown());

/** A tool's definition fields, in either spelling of the schema keys (declared or observed). */
export const toolDefinitionFields = {
  description: z.string().max(20_000).optional(),
  input_schema: jsonObject.optional(),
  inputSchema: jsonObject.optional(),
  output_schema: jsonObject.optional(),
  outputSchema: jsonObject.optional(),
  annotations: jsonObject.optional(),
};

/** One tool as declared under a server (`tools: [...]`). */
export const declaredToolSchema = z
  .looseObject({
    name: z.string().trim().min(1, "a tool needs a non-empty 'name'").max(200),
    ...toolDefinitionFields,
  })
  .refine((t) => t.input_schema !== undefined || t.inputSchema !== undefined, {
    message: "a tool needs 'input_schema' (a JSON Schema object)",
    path: ["input_schema"],
  })
  .refine((t) => !(t.input_schema !== undefined && t.inputSchema !== undefined), {
    message: "give 'input_schema' or 'inputSchema', not both",
    path: ["inputSchema"],
  })
  .refine((t) => !(t.output_schema !== undefined && t.outputSchema !== undefined), {
    message: "give 'output_schema' or 'outputSchema', not both",
    path: ["outputSchema"],
  });

/** The fields a fingerprint covers, in the snake_case spelling. */
export interface ToolDefinition {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
  output_schema?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

export interface ApprovedTool extends ToolDefinition {
  fingerprint: string;
}

/** The covered fields of a declared (or observed) tool; other keys are dropped. */
export function toolDefinition(raw: z.infer<typeof declaredToolSchema>): ToolDefinition {
  const def: ToolDefinition = {
    name: raw.name,
    input_schema: (raw.input_schema ?? raw.inputSchema) as Record<string, unknown>,
  };
  if (raw.description !== undefined) def.description = raw.description;
  const output = raw.output_schema ?? raw.outputSchema;
  if (output !== undefined) def.output_schema = output;
  if (raw.annotations !== undefined) def.annotations = raw.annotations;
  return def;
}

/** RFC 8785 canonical JSON of the covered fields (absent ones left out). */
export function canonicalTool(tool: ToolDefinition): string {
  const covered: Record<string, unknown> = { name: tool.name, input_schema: tool.input_schema };
  if (tool.description !== undefined) covered.description = tool.description;
  if (tool.output_schema !== undefined) covered.output_schema = tool.output_schema;
  if (tool.annotations !== undefined) covered.annotations = tool.annotations;
  const json = canonicalize(covered);
  if (json === undefined) throw new Error("a tool definition must be JSON");
  return json;
}

/** Lowercase hex SHA-256 of the canonical JSON. */
export function toolFingerprint(tool: ToolDefinition): string {
  return createHash("sha256").update(canonicalTool(tool), "utf8").digest("hex");
}

export function approvedTool(raw: z.infer<typeof declaredToolSchema>): ApprovedTool {
  const def = toolDefinition(raw);
  return { ...def, fingerprint: toolFingerprint(def) };
}

/** A declared tool with the server that declares it. */
export interface ServerTool extends ApprovedTool {
  server: string;
}

/**
 * The approved tools of a version's MCP servers, from their component metadata (ingest stores
 * `metadata.tools` only for a server that declares tools). `servers` lists the servers that
 * declare tools (an empty declaration included), since only those are checked for drift.
 */
export function approvedToolsOf(components: { type: string; name: string; metadata: unknown }[]): {
  servers: string[];
  tools: ServerTool[];
} {
  const servers: string[] = [];
  const tools: ServerTool[] = [];
  for (const c of components) {
    if (c.type !== "mcp_server" || !c.metadata || typeof c.metadata !== "object") continue;
    const declared = (c.metadata as { tools?: unknown }).tools;
    if (!Array.isArray(declared)) continue;
    servers.push(c.name);
    for (const t of declared as ApprovedTool[]) tools.push({ ...t, server: c.name });
  }
  return { servers, tools };
}
