-- AlterTable
ALTER TABLE "OptimizationJob" ADD COLUMN     "archivedAt" TIMESTAMP(3),
ADD COLUMN     "name" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "OptimizationJob_workspaceId_archivedAt_createdAt_idx" ON "OptimizationJob"("workspaceId", "archivedAt", "createdAt");

-- CreateIndex
CREATE INDEX "OptimizationJob_workspaceId_executor_createdAt_idx" ON "OptimizationJob"("workspaceId", "executor", "createdAt");

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
