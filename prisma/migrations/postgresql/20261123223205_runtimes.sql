-- CreateTable
CREATE TABLE "Runtime" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "resolvedDigest" TEXT NOT NULL,
    "reportedDigest" TEXT,
    "reportedStatus" TEXT,
    "lastHeartbeatAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Runtime_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RuntimeBinding" (
    "id" TEXT NOT NULL,
    "runtimeId" TEXT NOT NULL,
    "capabilityId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "flags" JSONB NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RuntimeBinding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Runtime_workspaceId_name_key" ON "Runtime"("workspaceId", "name");

-- CreateIndex
CREATE INDEX "RuntimeBinding_capabilityId_idx" ON "RuntimeBinding"("capabilityId");

-- CreateIndex
CREATE INDEX "RuntimeBinding_versionId_idx" ON "RuntimeBinding"("versionId");

-- CreateIndex
CREATE UNIQUE INDEX "RuntimeBinding_runtimeId_capabilityId_key" ON "RuntimeBinding"("runtimeId", "capabilityId");

-- AddForeignKey
ALTER TABLE "Runtime" ADD CONSTRAINT "Runtime_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RuntimeBinding" ADD CONSTRAINT "RuntimeBinding_runtimeId_fkey" FOREIGN KEY ("runtimeId") REFERENCES "Runtime"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RuntimeBinding" ADD CONSTRAINT "RuntimeBinding_capabilityId_fkey" FOREIGN KEY ("capabilityId") REFERENCES "Capability"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RuntimeBinding" ADD CONSTRAINT "RuntimeBinding_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "CapabilityVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

