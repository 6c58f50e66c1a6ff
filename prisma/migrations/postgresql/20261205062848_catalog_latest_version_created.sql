-- AlterTable
ALTER TABLE "Capability" ADD COLUMN     "latestVersionCreatedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Capability_orgId_latestVersionCreatedAt_idx" ON "Capability"("orgId", "latestVersionCreatedAt");


-- Backfill: the creation time of each capability's latest version.
UPDATE "Capability" SET "latestVersionCreatedAt" = (SELECT v."createdAt" FROM "CapabilityVersion" v WHERE v."id" = "Capability"."latestVersionId") WHERE "latestVersionId" IS NOT NULL;
