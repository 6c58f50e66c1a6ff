-- CreateTable
CREATE TABLE "OrgChange" (
    "orgId" TEXT NOT NULL PRIMARY KEY,
    "seq" INTEGER NOT NULL DEFAULT 0
);

