-- CreateTable
CREATE TABLE "OralPresence" (
    "id" TEXT NOT NULL,
    "oralId" TEXT NOT NULL,
    "jurorId" TEXT NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OralPresence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OralPresence_oralId_lastSeenAt_idx" ON "OralPresence"("oralId", "lastSeenAt");
