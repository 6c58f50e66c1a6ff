-- DropIndex
DROP INDEX "CapabilityKeyword_keyword_idx";

-- CreateIndex
CREATE INDEX "Capability_orgId_latestVersionId_id_idx" ON "Capability"("orgId", "latestVersionId", "id");

-- CreateIndex
CREATE INDEX "Capability_orgId_authorName_latestVersionId_idx" ON "Capability"("orgId", "authorName", "latestVersionId");

-- CreateIndex
CREATE INDEX "Capability_orgId_license_latestVersionId_idx" ON "Capability"("orgId", "license", "latestVersionId");

-- CreateIndex
CREATE INDEX "CapabilityKeyword_keyword_capabilityId_idx" ON "CapabilityKeyword"("keyword", "capabilityId");

