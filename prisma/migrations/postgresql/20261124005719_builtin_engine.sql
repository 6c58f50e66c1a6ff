-- AlterTable
ALTER TABLE "OptimizationJob" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "leaseExpiresAt" TIMESTAMP(3),
ADD COLUMN     "leaseOwner" TEXT,
ADD COLUMN     "maxTurns" INTEGER NOT NULL DEFAULT 6,
ADD COLUMN     "plan" JSONB;

-- AlterTable
ALTER TABLE "OptimizationCell" ADD COLUMN     "heldOut" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "judgeNote" TEXT;

-- CreateTable
CREATE TABLE "ModelProvider" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ModelProvider_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ModelProvider_workspaceId_key" ON "ModelProvider"("workspaceId");

-- CreateIndex
CREATE INDEX "OptimizationJob_executor_status_createdAt_idx" ON "OptimizationJob"("executor", "status", "createdAt");

-- AddForeignKey
ALTER TABLE "ModelProvider" ADD CONSTRAINT "ModelProvider_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

