-- AlterTable
ALTER TABLE "Certification" ADD COLUMN     "rncpCode" TEXT;

-- AlterTable
ALTER TABLE "ExperiencePeriod" ADD COLUMN     "activities" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "reviewReason" TEXT;

-- CreateTable
CREATE TABLE "VaeBlockAssessment" (
    "id" TEXT NOT NULL,
    "oralId" TEXT NOT NULL,
    "blockCode" TEXT NOT NULL,
    "modalities" "Modality"[],
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VaeBlockAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "VaeBlockAssessment_oralId_blockCode_key" ON "VaeBlockAssessment"("oralId", "blockCode");

-- CreateIndex
CREATE INDEX "ExperiencePeriod_attemptId_idx" ON "ExperiencePeriod"("attemptId");
