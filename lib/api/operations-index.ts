// Every operation of the API, for the OpenAPI document. A route file whose operation is missing
// here fails lib/api/openapi.test.ts.
import * as agents from "@/lib/agents/operations";
import * as audit from "@/lib/audit/operations";
import * as catalog from "@/lib/catalog/operations";
import * as invitations from "@/lib/invitations/operations";
import * as llm from "@/lib/llm/operations";
import * as members from "@/lib/members/operations";
import * as orgs from "@/lib/orgs/operations";
import * as optimization from "@/lib/optimization/operations";
import * as optimizationCompat from "@/lib/optimization/compat-operations";
import * as runtimes from "@/lib/runtimes/operations";
import * as search from "@/lib/search/operations";
import * as system from "@/lib/system/health";
import * as tokens from "@/lib/tokens/operations";
import * as users from "@/lib/users/operations";
import type { Operation } from "./operation";

function ops(mod: Record<string, unknown>): Operation[] {
  return Object.entries(mod)
    .filter(([name]) => name.endsWith("Op") && name !== "unknownRouteOp")
    .map(([, op]) => op as Operation);
}

export const allOperations: Operation[] = [
  system,
  users,
  orgs,
  members,
  invitations,
  tokens,
  audit,
  catalog,
  runtimes,
  optimization,
  optimizationCompat,
  llm,
  agents,
  search,
].flatMap(ops);
