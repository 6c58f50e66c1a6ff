-- CreateIndex
CREATE INDEX "AuditEvent_orgId_targetType_targetId_createdAt_idx" ON "AuditEvent"("orgId", "targetType", "targetId", "createdAt");

