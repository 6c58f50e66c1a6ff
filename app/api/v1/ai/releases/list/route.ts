// GET /api/v1/ai/releases/list?agentUuid=&userUuid=&statuses[]=&limit=&offset= (seeds/003, and Cargo's client)
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { compatList } from "@/lib/agents/compat-handlers";
import { compatListOp } from "@/lib/agents/operations";

export const GET = route(compatListOp, compatList);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(compatListOp);
