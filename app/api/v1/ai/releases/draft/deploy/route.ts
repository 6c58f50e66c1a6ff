// POST /api/v1/ai/releases/draft/deploy (Cargo's client; the seed's deployDraft): the body's configuration written to the draft, then deployed.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { compatDeployDraft } from "@/lib/agents/compat-handlers";
import { compatDraftDeployOp } from "@/lib/agents/operations";

export const POST = route(compatDraftDeployOp, compatDeployDraft);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(compatDraftDeployOp);
