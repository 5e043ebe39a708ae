-- Presence rows are ephemeral (open sockets); those left by stopped processes are dropped, not migrated.
DELETE FROM "OralPresence";

-- DropIndex
DROP INDEX "OralPresence_oralId_lastSeenAt_idx";

-- AlterTable
ALTER TABLE "OralPresence" DROP COLUMN "lastSeenAt",
ADD COLUMN     "processId" TEXT NOT NULL;

-- CreateTable
CREATE TABLE "ServerProcess" (
    "id" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServerProcess_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OralPresence_oralId_idx" ON "OralPresence"("oralId");

-- CreateIndex
CREATE INDEX "OralPresence_processId_idx" ON "OralPresence"("processId");

-- AddForeignKey
ALTER TABLE "OralPresence" ADD CONSTRAINT "OralPresence_processId_fkey" FOREIGN KEY ("processId") REFERENCES "ServerProcess"("id") ON DELETE CASCADE ON UPDATE CASCADE;
