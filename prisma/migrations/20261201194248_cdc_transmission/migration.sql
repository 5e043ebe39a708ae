-- AlterTable
ALTER TABLE "CdcBatch" ADD COLUMN     "reportFileName" TEXT,
ADD COLUMN     "reportStorageKey" TEXT,
ADD COLUMN     "reportSummary" JSONB,
ADD COLUMN     "sha256" TEXT,
ADD COLUMN     "sizeBytes" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "CdcBatch_reportIdTraitement_key" ON "CdcBatch"("reportIdTraitement");

-- CreateIndex
CREATE INDEX "CdcPassage_lastBatchId_idx" ON "CdcPassage"("lastBatchId");
