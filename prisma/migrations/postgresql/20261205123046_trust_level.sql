-- AlterTable
ALTER TABLE "Capability" ADD COLUMN     "trustLevel" TEXT;

-- AlterTable
ALTER TABLE "CapabilityVersion" ADD COLUMN     "trustCounts" JSONB,
ADD COLUMN     "trustLevel" TEXT,
ADD COLUMN     "trustRules" TEXT;

-- CreateIndex
CREATE INDEX "Capability_orgId_trustLevel_latestVersionId_idx" ON "Capability"("orgId", "trustLevel", "latestVersionId");

