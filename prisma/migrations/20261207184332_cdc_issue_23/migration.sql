-- AlterEnum
ALTER TYPE "CdcPassageStatus" ADD VALUE 'WITHDRAWN';

-- AlterTable
ALTER TABLE "Candidate" ADD COLUMN     "birthCountryName" TEXT,
ADD COLUMN     "birthPlaceConfirmedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "CdcBatch" ADD COLUMN     "exportId" TEXT,
ADD COLUMN     "rejectedAt" TIMESTAMP(3),
ADD COLUMN     "rejectionMessage" TEXT;

-- AlterTable
ALTER TABLE "CdcPassage" ADD COLUMN     "portalAction" TEXT,
ADD COLUMN     "portalActionReason" TEXT,
ADD COLUMN     "portalActionSince" TIMESTAMP(3),
ADD COLUMN     "sentAt" TIMESTAMP(3),
ADD COLUMN     "withdrawRequestedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Certification" ADD COLUMN     "validityMonths" INTEGER;

-- CreateIndex
CREATE INDEX "CdcBatch_exportId_idx" ON "CdcBatch"("exportId");

-- Passages already sent: their age awaiting a report starts at their batch's date.
UPDATE "CdcPassage" p SET "sentAt" = b."createdAt" FROM "CdcBatch" b WHERE b.id = p."lastBatchId" AND p."sentAt" IS NULL;
