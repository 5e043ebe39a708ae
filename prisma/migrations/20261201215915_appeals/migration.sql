-- AlterTable
ALTER TABLE "Appeal" ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "openResultId" TEXT,
ADD COLUMN     "reEvaluatedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "AppealAttachment" ADD COLUMN     "resultId" TEXT NOT NULL,
ADD COLUMN     "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ALTER COLUMN "appealId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "AppealToken" ADD COLUMN     "appealId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Appeal_reEvaluationOralId_key" ON "Appeal"("reEvaluationOralId");

-- CreateIndex
CREATE UNIQUE INDEX "Appeal_openResultId_key" ON "Appeal"("openResultId");

-- CreateIndex
CREATE INDEX "AppealAttachment_resultId_idx" ON "AppealAttachment"("resultId");

-- CreateIndex
CREATE UNIQUE INDEX "AppealToken_appealId_key" ON "AppealToken"("appealId");

-- CreateIndex
CREATE INDEX "AppealToken_resultId_idx" ON "AppealToken"("resultId");

-- AddForeignKey
ALTER TABLE "AppealToken" ADD CONSTRAINT "AppealToken_appealId_fkey" FOREIGN KEY ("appealId") REFERENCES "Appeal"("id") ON DELETE SET NULL ON UPDATE CASCADE;
