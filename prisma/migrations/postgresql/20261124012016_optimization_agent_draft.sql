-- AlterTable
ALTER TABLE "OptimizationJob" ADD COLUMN     "agentId" TEXT;

