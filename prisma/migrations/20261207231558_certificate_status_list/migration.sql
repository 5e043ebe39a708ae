-- DropIndex
DROP INDEX "Certificate_decisionId_scope_key";

-- AlterTable
ALTER TABLE "Candidate" ADD COLUMN     "holderDid" TEXT;

-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "generation" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "revocationCode" TEXT,
ADD COLUMN     "supersededAt" TIMESTAMP(3),
ADD COLUMN     "supersededById" TEXT;

-- CreateTable
CREATE TABLE "StatusList" (
    "certifierId" TEXT NOT NULL,
    "credential" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "stale" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "StatusList_pkey" PRIMARY KEY ("certifierId")
);

-- CreateTable
CREATE TABLE "StatusListEntry" (
    "certifierId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "certificateId" TEXT NOT NULL,

    CONSTRAINT "StatusListEntry_pkey" PRIMARY KEY ("certifierId","index")
);

-- CreateIndex
CREATE UNIQUE INDEX "StatusListEntry_certificateId_key" ON "StatusListEntry"("certificateId");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_supersededById_key" ON "Certificate"("supersededById");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_decisionId_scope_generation_key" ON "Certificate"("decisionId", "scope", "generation");

-- AddForeignKey
ALTER TABLE "StatusList" ADD CONSTRAINT "StatusList_certifierId_fkey" FOREIGN KEY ("certifierId") REFERENCES "Certifier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusListEntry" ADD CONSTRAINT "StatusListEntry_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Revocations made before codes existed: their public code is the issuer's decision.
UPDATE "Certificate" SET "revocationCode" = 'ISSUER_DECISION' WHERE "revokedAt" IS NOT NULL;
