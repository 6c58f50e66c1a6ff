-- CreateTable
CREATE TABLE "ModelProvider" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "apiKeyCiphertext" TEXT,
    "apiKeyLast4" TEXT,
    "model" TEXT NOT NULL,
    "agentModel" TEXT,
    "userModel" TEXT,
    "judgeModel" TEXT,
    "maxConcurrency" INTEGER NOT NULL DEFAULT 8,
    "timeoutMs" INTEGER NOT NULL DEFAULT 60000,
    "updatedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ModelProvider_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

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
    "maxTurns" INTEGER NOT NULL DEFAULT 6,
    "plan" JSONB,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "OptimizationJob_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OptimizationJob_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_OptimizationJob" ("agentName", "agentPath", "analysis", "appliedVariantId", "capabilityName", "capabilityVersion", "capabilityVersionId", "confidence", "createdAt", "createdById", "error", "executor", "finishedAt", "id", "intent", "isDemo", "lift", "mode", "originalContent", "personaIds", "progressDone", "progressTotal", "promotedVersionId", "promptId", "promptVersionId", "retryOfId", "stage", "startedAt", "status", "stopReason", "targetKind", "updatedAt", "usage", "variantCount", "verdict", "winnerVariantId", "workspaceId") SELECT "agentName", "agentPath", "analysis", "appliedVariantId", "capabilityName", "capabilityVersion", "capabilityVersionId", "confidence", "createdAt", "createdById", "error", "executor", "finishedAt", "id", "intent", "isDemo", "lift", "mode", "originalContent", "personaIds", "progressDone", "progressTotal", "promotedVersionId", "promptId", "promptVersionId", "retryOfId", "stage", "startedAt", "status", "stopReason", "targetKind", "updatedAt", "usage", "variantCount", "verdict", "winnerVariantId", "workspaceId" FROM "OptimizationJob";
DROP TABLE "OptimizationJob";
ALTER TABLE "new_OptimizationJob" RENAME TO "OptimizationJob";
CREATE INDEX "OptimizationJob_workspaceId_createdAt_idx" ON "OptimizationJob"("workspaceId", "createdAt");
CREATE INDEX "OptimizationJob_workspaceId_status_idx" ON "OptimizationJob"("workspaceId", "status");
CREATE INDEX "OptimizationJob_promptId_idx" ON "OptimizationJob"("promptId");
CREATE INDEX "OptimizationJob_executor_status_createdAt_idx" ON "OptimizationJob"("executor", "status", "createdAt");
CREATE TABLE "new_OptimizationCell" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT NOT NULL,
    "variantKey" TEXT NOT NULL,
    "persona" TEXT NOT NULL,
    "scenario" TEXT NOT NULL,
    "taskCompletion" REAL,
    "quality" REAL,
    "sentiment" REAL,
    "heldOut" BOOLEAN NOT NULL DEFAULT false,
    "judgeNote" TEXT,
    "transcript" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OptimizationCell_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "OptimizationJob" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_OptimizationCell" ("createdAt", "id", "jobId", "persona", "quality", "scenario", "sentiment", "taskCompletion", "transcript", "variantKey") SELECT "createdAt", "id", "jobId", "persona", "quality", "scenario", "sentiment", "taskCompletion", "transcript", "variantKey" FROM "OptimizationCell";
DROP TABLE "OptimizationCell";
ALTER TABLE "new_OptimizationCell" RENAME TO "OptimizationCell";
CREATE UNIQUE INDEX "OptimizationCell_jobId_variantKey_persona_scenario_key" ON "OptimizationCell"("jobId", "variantKey", "persona", "scenario");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ModelProvider_workspaceId_key" ON "ModelProvider"("workspaceId");

