-- CreateEnum
CREATE TYPE "IdentityDocumentType" AS ENUM ('NATIONAL_ID_CARD', 'PASSPORT', 'RESIDENCE_PERMIT', 'DRIVING_LICENCE');

-- CreateEnum
CREATE TYPE "FraudReviewStatus" AS ENUM ('PENDING', 'CONFIRMED', 'DISMISSED');

-- AlterTable
ALTER TABLE "Jury" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Oral" DROP COLUMN "fraudReportedAt",
DROP COLUMN "fraudStatement",
DROP COLUMN "identityDocumentType",
ADD COLUMN     "identityDocumentType" "IdentityDocumentType";

-- CreateTable
CREATE TABLE "FraudReport" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "oralId" TEXT,
    "reportedById" TEXT NOT NULL,
    "statement" TEXT NOT NULL,
    "reportedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "frozenFromState" "AttemptState" NOT NULL,
    "status" "FraudReviewStatus" NOT NULL DEFAULT 'PENDING',
    "reviewReason" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "reviewedById" TEXT,

    CONSTRAINT "FraudReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FraudReport_status_reportedAt_idx" ON "FraudReport"("status", "reportedAt");

-- CreateIndex
CREATE INDEX "FraudReport_attemptId_idx" ON "FraudReport"("attemptId");

-- AddForeignKey
ALTER TABLE "FraudReport" ADD CONSTRAINT "FraudReport_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FraudReport" ADD CONSTRAINT "FraudReport_oralId_fkey" FOREIGN KEY ("oralId") REFERENCES "Oral"("id") ON DELETE SET NULL ON UPDATE CASCADE;
