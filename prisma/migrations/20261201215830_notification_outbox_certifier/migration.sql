-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "certifierId" TEXT;

-- CreateIndex
CREATE INDEX "Notification_certifierId_createdAt_idx" ON "Notification"("certifierId", "createdAt");
