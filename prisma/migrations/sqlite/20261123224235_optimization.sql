-- CreateTable
CREATE TABLE "Prompt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "tags" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "activeVersionId" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Prompt_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PromptVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "promptId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "note" TEXT,
    "source" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PromptVersion_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Persona" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "goals" JSONB NOT NULL,
    "traits" JSONB NOT NULL,
    "difficulty" TEXT NOT NULL DEFAULT 'medium',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Persona_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OptimizationJob" (
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
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "OptimizationJob_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OptimizationJob_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OptimizationVariant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "isOriginal" BOOLEAN NOT NULL DEFAULT false,
    "isWinner" BOOLEAN NOT NULL DEFAULT false,
    "strategy" TEXT,
    "rationale" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OptimizationVariant_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "OptimizationJob" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OptimizationCell" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT NOT NULL,
    "variantKey" TEXT NOT NULL,
    "persona" TEXT NOT NULL,
    "scenario" TEXT NOT NULL,
    "taskCompletion" REAL,
    "quality" REAL,
    "sentiment" REAL,
    "transcript" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OptimizationCell_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "OptimizationJob" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OptimizationLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "message" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OptimizationLog_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "OptimizationJob" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Workspace" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "personasSeeded" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Workspace_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Workspace" ("createdAt", "id", "name", "orgId", "slug", "updatedAt") SELECT "createdAt", "id", "name", "orgId", "slug", "updatedAt" FROM "Workspace";
DROP TABLE "Workspace";
ALTER TABLE "new_Workspace" RENAME TO "Workspace";
CREATE UNIQUE INDEX "Workspace_orgId_slug_key" ON "Workspace"("orgId", "slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Prompt_workspaceId_name_key" ON "Prompt"("workspaceId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "PromptVersion_promptId_number_key" ON "PromptVersion"("promptId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Persona_workspaceId_name_key" ON "Persona"("workspaceId", "name");

-- CreateIndex
CREATE INDEX "OptimizationJob_workspaceId_createdAt_idx" ON "OptimizationJob"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "OptimizationJob_workspaceId_status_idx" ON "OptimizationJob"("workspaceId", "status");

-- CreateIndex
CREATE INDEX "OptimizationJob_promptId_idx" ON "OptimizationJob"("promptId");

-- CreateIndex
CREATE UNIQUE INDEX "OptimizationVariant_jobId_key_key" ON "OptimizationVariant"("jobId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "OptimizationCell_jobId_variantKey_persona_scenario_key" ON "OptimizationCell"("jobId", "variantKey", "persona", "scenario");

-- CreateIndex
CREATE UNIQUE INDEX "OptimizationLog_jobId_seq_key" ON "OptimizationLog"("jobId", "seq");

