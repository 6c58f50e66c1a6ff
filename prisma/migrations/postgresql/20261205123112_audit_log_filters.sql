-- DropIndex
DROP INDEX "AuditEvent_orgId_createdAt_idx";

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "search" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "AuditEvent_orgId_createdAt_id_idx" ON "AuditEvent"("orgId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_orgId_action_createdAt_id_idx" ON "AuditEvent"("orgId", "action", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_orgId_actorId_createdAt_id_idx" ON "AuditEvent"("orgId", "actorId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_orgId_targetType_createdAt_id_idx" ON "AuditEvent"("orgId", "targetType", "createdAt", "id");


-- The search text of the events written before it existed (lib/audit/service.ts writes it since).
UPDATE "AuditEvent" SET "search" = lower("actorLabel" || ' ' || "action" || ' ' || COALESCE("summary"::text, ''));
