-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "workspaceId" TEXT,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "requestId" TEXT,
    "summary" JSONB,
    "search" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEvent_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_AuditEvent" ("action", "actorId", "actorLabel", "actorType", "createdAt", "id", "orgId", "requestId", "summary", "targetId", "targetType", "workspaceId") SELECT "action", "actorId", "actorLabel", "actorType", "createdAt", "id", "orgId", "requestId", "summary", "targetId", "targetType", "workspaceId" FROM "AuditEvent";
DROP TABLE "AuditEvent";
ALTER TABLE "new_AuditEvent" RENAME TO "AuditEvent";
CREATE INDEX "AuditEvent_orgId_createdAt_id_idx" ON "AuditEvent"("orgId", "createdAt", "id");
CREATE INDEX "AuditEvent_orgId_action_createdAt_id_idx" ON "AuditEvent"("orgId", "action", "createdAt", "id");
CREATE INDEX "AuditEvent_orgId_actorId_createdAt_id_idx" ON "AuditEvent"("orgId", "actorId", "createdAt", "id");
CREATE INDEX "AuditEvent_orgId_targetType_createdAt_id_idx" ON "AuditEvent"("orgId", "targetType", "createdAt", "id");
CREATE INDEX "AuditEvent_orgId_targetType_targetId_createdAt_idx" ON "AuditEvent"("orgId", "targetType", "targetId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- The search text of the events written before it existed (lib/audit/service.ts writes it since).
UPDATE "AuditEvent" SET "search" = lower("actorLabel" || ' ' || "action" || ' ' || COALESCE("summary", ''));
