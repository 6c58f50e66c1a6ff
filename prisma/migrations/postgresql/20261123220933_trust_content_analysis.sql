-- AlterTable
ALTER TABLE "CapabilityVersion" ADD COLUMN     "contentAnalysis" JSONB;

