// PUT /api/v1/ai/releases/updateDraft (seeds/003; also at draft/update, where Cargo's client calls it): changes the fields the body names
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { compatUpdateDraft } from "@/lib/agents/compat-handlers";
import { compatUpdateDraftOp } from "@/lib/agents/operations";

export const PUT = route(compatUpdateDraftOp, compatUpdateDraft);

export const { GET, POST, PATCH, DELETE, OPTIONS } = otherMethods(compatUpdateDraftOp);
