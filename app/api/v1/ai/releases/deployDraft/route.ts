// POST /api/v1/ai/releases/deployDraft (seeds/003; also at draft/deploy, where Cargo's client calls it): the body's configuration written to the draft, then deployed.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { compatDeployDraft } from "@/lib/agents/compat-handlers";
import { compatDeployDraftOp } from "@/lib/agents/operations";

export const POST = route(compatDeployDraftOp, compatDeployDraft);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(compatDeployDraftOp);
