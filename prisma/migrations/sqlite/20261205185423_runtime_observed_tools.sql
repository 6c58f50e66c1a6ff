-- AlterTable
ALTER TABLE "Runtime" ADD COLUMN "observedTools" JSONB;
ALTER TABLE "Runtime" ADD COLUMN "observedToolsAt" DATETIME;

