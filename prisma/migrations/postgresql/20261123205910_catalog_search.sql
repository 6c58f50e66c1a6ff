-- AlterTable
ALTER TABLE "Capability" ADD COLUMN     "authorName" TEXT,
ADD COLUMN     "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "latestVersion" TEXT,
ADD COLUMN     "latestVersionId" TEXT,
ADD COLUMN     "license" TEXT,
ADD COLUMN     "versionCount" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "CapabilityKeyword" (
    "capabilityId" TEXT NOT NULL,
    "keyword" TEXT NOT NULL,

    CONSTRAINT "CapabilityKeyword_pkey" PRIMARY KEY ("capabilityId","keyword")
);

-- CreateIndex
CREATE INDEX "CapabilityKeyword_keyword_idx" ON "CapabilityKeyword"("keyword");

-- CreateIndex
CREATE INDEX "Capability_isPublic_idx" ON "Capability"("isPublic");

-- CreateIndex
CREATE INDEX "Capability_orgId_createdAt_idx" ON "Capability"("orgId", "createdAt");

-- CreateIndex
CREATE INDEX "Capability_orgId_updatedAt_idx" ON "Capability"("orgId", "updatedAt");

-- CreateIndex
CREATE INDEX "Capability_authorName_idx" ON "Capability"("authorName");

-- CreateIndex
CREATE INDEX "Capability_license_idx" ON "Capability"("license");

-- AddForeignKey
ALTER TABLE "CapabilityKeyword" ADD CONSTRAINT "CapabilityKeyword_capabilityId_fkey" FOREIGN KEY ("capabilityId") REFERENCES "Capability"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Full-text search over each capability's latest version (hand-written: Prisma cannot express it).
-- Kept in step by lib/catalog/search.ts; a weighted tsvector with a GIN index, ranked with ts_rank.
CREATE TABLE "capability_search" (
    "capability_id" TEXT NOT NULL PRIMARY KEY REFERENCES "Capability"("id") ON DELETE CASCADE,
    "document" tsvector NOT NULL
);
CREATE INDEX "capability_search_document_idx" ON "capability_search" USING GIN ("document");
