-- AlterTable
ALTER TABLE "Call" ADD COLUMN "currentNodeId" TEXT;
ALTER TABLE "Call" ADD COLUMN "currentNodeSince" DATETIME;
