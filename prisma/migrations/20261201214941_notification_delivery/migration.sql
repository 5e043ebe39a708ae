-- AlterEnum
ALTER TYPE "NotificationStatus" ADD VALUE 'SENDING';

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "claimedUntil" TIMESTAMP(3);
