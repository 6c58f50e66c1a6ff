-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OptimizationJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "targetKind" TEXT NOT NULL,
    "promptId" TEXT,
    "promptVersionId" TEXT,
    "capabilityVersionId" TEXT,
    "capabilityName" TEXT,
    "capabilityVersion" TEXT,
    "agentName" TEXT,
    "agentPath" TEXT,
    "originalContent" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "variantCount" INTEGER NOT NULL,
    "intent" JSONB NOT NULL,
    "personaIds" JSONB NOT NULL,
    "executor" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "stage" TEXT,
    "progressDone" INTEGER NOT NULL DEFAULT 0,
    "progressTotal" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "stopReason" TEXT,
    "analysis" JSONB,
    "winnerVariantId" TEXT,
    "lift" REAL,
    "confidence" REAL,
    "verdict" TEXT,
    "usage" JSONB,
    "appliedVariantId" TEXT,
    "promotedVersionId" TEXT,
    "retryOfId" TEXT,
    "agentId" TEXT,
    "maxTurns" INTEGER NOT NULL DEFAULT 6,
    "plan" JSONB,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "name" TEXT NOT NULL DEFAULT '',
    "archivedAt" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "OptimizationJob_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OptimizationJob_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_OptimizationJob" ("agentId", "agentName", "agentPath", "analysis", "appliedVariantId", "attempts", "capabilityName", "capabilityVersion", "capabilityVersionId", "confidence", "createdAt", "createdById", "error", "executor", "finishedAt", "id", "intent", "isDemo", "leaseExpiresAt", "leaseOwner", "lift", "maxTurns", "mode", "originalContent", "personaIds", "plan", "progressDone", "progressTotal", "promotedVersionId", "promptId", "promptVersionId", "retryOfId", "stage", "startedAt", "status", "stopReason", "targetKind", "updatedAt", "usage", "variantCount", "verdict", "winnerVariantId", "workspaceId") SELECT "agentId", "agentName", "agentPath", "analysis", "appliedVariantId", "attempts", "capabilityName", "capabilityVersion", "capabilityVersionId", "confidence", "createdAt", "createdById", "error", "executor", "finishedAt", "id", "intent", "isDemo", "leaseExpiresAt", "leaseOwner", "lift", "maxTurns", "mode", "originalContent", "personaIds", "plan", "progressDone", "progressTotal", "promotedVersionId", "promptId", "promptVersionId", "retryOfId", "stage", "startedAt", "status", "stopReason", "targetKind", "updatedAt", "usage", "variantCount", "verdict", "winnerVariantId", "workspaceId" FROM "OptimizationJob";
DROP TABLE "OptimizationJob";
ALTER TABLE "new_OptimizationJob" RENAME TO "OptimizationJob";
CREATE INDEX "OptimizationJob_workspaceId_createdAt_idx" ON "OptimizationJob"("workspaceId", "createdAt");
CREATE INDEX "OptimizationJob_workspaceId_status_idx" ON "OptimizationJob"("workspaceId", "status");
CREATE INDEX "OptimizationJob_promptId_idx" ON "OptimizationJob"("promptId");
CREATE INDEX "OptimizationJob_executor_status_createdAt_idx" ON "OptimizationJob"("executor", "status", "createdAt");
CREATE INDEX "OptimizationJob_workspaceId_archivedAt_createdAt_idx" ON "OptimizationJob"("workspaceId", "archivedAt", "createdAt");
CREATE INDEX "OptimizationJob_workspaceId_executor_createdAt_idx" ON "OptimizationJob"("workspaceId", "executor", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "OptimizationCell_jobId_taskCompletion_idx" ON "OptimizationCell"("jobId", "taskCompletion");

-- CreateIndex
CREATE INDEX "OptimizationCell_jobId_quality_idx" ON "OptimizationCell"("jobId", "quality");

-- CreateIndex
CREATE INDEX "OptimizationCell_jobId_sentiment_idx" ON "OptimizationCell"("jobId", "sentiment");


-- Name the runs stored before names existed as a new run is named: its target and the first 8
-- characters of its id (createJob, lib/optimization/job/create.ts).
UPDATE "OptimizationJob" SET "name" = COALESCE(
    CASE "targetKind"
      WHEN 'prompt' THEN (SELECT p."name" FROM "Prompt" p WHERE p."id" = "OptimizationJob"."promptId")
      WHEN 'agent_draft' THEN "agentName" || ' · draft'
      ELSE "capabilityName" || ' · ' || "agentName"
    END,
    'run'
  ) || ' · ' || substr("id", 1, 8)
WHERE "name" = '';
