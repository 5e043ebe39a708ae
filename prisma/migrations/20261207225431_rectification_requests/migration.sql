-- CreateEnum
CREATE TYPE "RectificationState" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateTable
CREATE TABLE "RectificationRequest" (
    "id" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "changes" JSONB NOT NULL,
    "comment" TEXT NOT NULL,
    "state" "RectificationState" NOT NULL DEFAULT 'PENDING',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RectificationRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RectificationRequest_candidateId_createdAt_idx" ON "RectificationRequest"("candidateId", "createdAt");

-- CreateIndex
CREATE INDEX "RectificationRequest_state_createdAt_idx" ON "RectificationRequest"("state", "createdAt");

-- AddForeignKey
ALTER TABLE "RectificationRequest" ADD CONSTRAINT "RectificationRequest_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;
