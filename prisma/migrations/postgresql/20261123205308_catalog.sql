-- CreateTable
CREATE TABLE "Capability" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "isPublic" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Capability_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CapabilityVersion" (
    "id" TEXT NOT NULL,
    "capabilityId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "versionKey" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "authorName" TEXT,
    "license" TEXT,
    "repository" TEXT,
    "keywords" JSONB NOT NULL,
    "manifest" JSONB NOT NULL,
    "componentCounts" JSONB NOT NULL,
    "components" JSONB NOT NULL,
    "artifactSha256" TEXT NOT NULL,
    "runtimeDigest" TEXT NOT NULL,
    "bundleKind" TEXT NOT NULL,
    "fileCount" INTEGER NOT NULL,
    "totalBytes" INTEGER NOT NULL,
    "origin" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CapabilityVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CapabilityFile" (
    "versionId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,

    CONSTRAINT "CapabilityFile_pkey" PRIMARY KEY ("versionId","path")
);

-- CreateTable
CREATE TABLE "Blob" (
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Blob_pkey" PRIMARY KEY ("sha256")
);

-- CreateIndex
CREATE UNIQUE INDEX "Capability_orgId_name_key" ON "Capability"("orgId", "name");

-- CreateIndex
CREATE INDEX "CapabilityVersion_capabilityId_versionKey_idx" ON "CapabilityVersion"("capabilityId", "versionKey");

-- CreateIndex
CREATE UNIQUE INDEX "CapabilityVersion_capabilityId_version_key" ON "CapabilityVersion"("capabilityId", "version");

-- CreateIndex
CREATE INDEX "CapabilityFile_sha256_idx" ON "CapabilityFile"("sha256");

-- AddForeignKey
ALTER TABLE "Capability" ADD CONSTRAINT "Capability_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CapabilityVersion" ADD CONSTRAINT "CapabilityVersion_capabilityId_fkey" FOREIGN KEY ("capabilityId") REFERENCES "Capability"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CapabilityFile" ADD CONSTRAINT "CapabilityFile_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "CapabilityVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

