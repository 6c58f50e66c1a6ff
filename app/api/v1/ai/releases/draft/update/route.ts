// PUT /api/v1/ai/releases/draft/update (Cargo's client; the seed's updateDraft): changes the fields the body names
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { compatUpdateDraft } from "@/lib/agents/compat-handlers";
import { compatDraftUpdateOp } from "@/lib/agents/operations";

export const PUT = route(compatDraftUpdateOp, compatUpdateDraft);

export const { GET, POST, PATCH, DELETE, OPTIONS } = otherMethods(compatDraftUpdateOp);
