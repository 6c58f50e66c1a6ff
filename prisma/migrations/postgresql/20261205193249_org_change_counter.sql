-- CreateTable
CREATE TABLE "OrgChange" (
    "orgId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "OrgChange_pkey" PRIMARY KEY ("orgId")
);

