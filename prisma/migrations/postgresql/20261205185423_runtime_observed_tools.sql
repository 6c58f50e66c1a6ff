-- AlterTable
ALTER TABLE "Runtime" ADD COLUMN     "observedTools" JSONB,
ADD COLUMN     "observedToolsAt" TIMESTAMP(3);

