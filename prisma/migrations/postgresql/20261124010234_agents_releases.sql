-- CreateTable
CREATE TABLE "Agent" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "deployedReleaseId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Agent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Release" (
    "id" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "parentId" TEXT,
    "userId" TEXT,
    "status" TEXT NOT NULL,
    "draftOf" TEXT,
    "version" TEXT,
    "versionKey" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "templateSlug" TEXT,
    "actions" JSONB NOT NULL,
    "resources" JSONB NOT NULL,
    "capabilities" JSONB NOT NULL,
    "suggestedActions" JSONB NOT NULL,
    "systemPrompt" TEXT NOT NULL DEFAULT '',
    "withReasoning" BOOLEAN NOT NULL DEFAULT false,
    "temperature" DOUBLE PRECISION,
    "maxSteps" INTEGER,
    "integrationSlug" TEXT NOT NULL DEFAULT '',
    "connectorUuid" TEXT,
    "languageModelSlug" TEXT NOT NULL DEFAULT '',
    "mcpClients" JSONB NOT NULL,
    "output" JSONB,
    "heartbeat" JSONB,
    "evaluator" JSONB,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "optimizationJobId" TEXT,
    "optimizationAppliedAt" TIMESTAMP(3),
    "deployedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Release_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Agent_workspaceId_name_key" ON "Agent"("workspaceId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Release_draftOf_key" ON "Release"("draftOf");

-- CreateIndex
CREATE INDEX "Release_agentId_createdAt_idx" ON "Release"("agentId", "createdAt");

-- CreateIndex
CREATE INDEX "Release_workspaceId_idx" ON "Release"("workspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "Release_agentId_version_key" ON "Release"("agentId", "version");

-- AddForeignKey
ALTER TABLE "Agent" ADD CONSTRAINT "Agent_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Release" ADD CONSTRAINT "Release_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Release" ADD CONSTRAINT "Release_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

