-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "currentNodeId" TEXT,
ADD COLUMN     "currentNodeSince" TIMESTAMP(3);
