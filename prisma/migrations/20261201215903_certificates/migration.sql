-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "scope" TEXT NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_decisionId_scope_key" ON "Certificate"("decisionId", "scope");

-- CreateIndex
CREATE INDEX "SigningKey_certifierId_idx" ON "SigningKey"("certifierId");
