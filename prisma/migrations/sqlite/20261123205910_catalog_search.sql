-- CreateTable
CREATE TABLE "CapabilityKeyword" (
    "capabilityId" TEXT NOT NULL,
    "keyword" TEXT NOT NULL,

    PRIMARY KEY ("capabilityId", "keyword"),
    CONSTRAINT "CapabilityKeyword_capabilityId_fkey" FOREIGN KEY ("capabilityId") REFERENCES "Capability" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Capability" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "isPublic" BOOLEAN NOT NULL DEFAULT false,
    "latestVersionId" TEXT,
    "latestVersion" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "authorName" TEXT,
    "license" TEXT,
    "versionCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Capability_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Capability" ("createdAt", "id", "isPublic", "name", "orgId", "updatedAt") SELECT "createdAt", "id", "isPublic", "name", "orgId", "updatedAt" FROM "Capability";
DROP TABLE "Capability";
ALTER TABLE "new_Capability" RENAME TO "Capability";
CREATE INDEX "Capability_isPublic_idx" ON "Capability"("isPublic");
CREATE INDEX "Capability_orgId_createdAt_idx" ON "Capability"("orgId", "createdAt");
CREATE INDEX "Capability_orgId_updatedAt_idx" ON "Capability"("orgId", "updatedAt");
CREATE INDEX "Capability_authorName_idx" ON "Capability"("authorName");
CREATE INDEX "Capability_license_idx" ON "Capability"("license");
CREATE UNIQUE INDEX "Capability_orgId_name_key" ON "Capability"("orgId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CapabilityKeyword_keyword_idx" ON "CapabilityKeyword"("keyword");


-- Full-text search over each capability's latest version (hand-written: Prisma cannot express it).
-- Kept in step by lib/catalog/search.ts; ranked with bm25.
CREATE VIRTUAL TABLE "capability_fts" USING fts5(
    "capability_id" UNINDEXED,
    "name",
    "description",
    "keywords",
    "author",
    "components",
    tokenize = 'unicode61 remove_diacritics 2'
);
