// Every operation of the API, for the OpenAPI document. A route file whose operation is missing
// here fails lib/api/openapi.test.ts.
import * as agents from "../agents/operations";
import * as audit from "../audit/operations";
import * as catalog from "../catalog/operations";
import * as invitations from "../invitations/operations";
import * as llm from "../llm/operations";
import * as members from "../members/operations";
import * as orgs from "../orgs/operations";
import * as optimization from "../optimization/operations";
import * as runtimes from "../runtimes/operations";
import * as system from "../system/health";
import * as tokens from "../tokens/operations";
import * as users from "../users/operations";
import type { Operation } from "./operation";

function ops(mod: Record<string, unknown>): Operation[] {
  return Object.entries(mod)
    .filter(([name]) => name.endsWith("Op") && name !== "unknownRouteOp")
    .map(([, op]) => op as Operation);
}

export const allOperations: Operation[] = [system, users, orgs, members, invitations, tokens, audit, catalog, runtimes, optimization, llm, agents].flatMap(ops);
