-- CreateEnum
CREATE TYPE "CleaCommissionOutcome" AS ENUM ('CERTIFIED', 'REJECTED');

-- CreateTable
CREATE TABLE "CleaFile" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "evaluatorId" TEXT,
    "evaluatorAssignedAt" TIMESTAMP(3),
    "commissionId" TEXT,
    "outcome" "CleaCommissionOutcome",
    "outcomeReason" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CleaFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CleaEvaluation" (
    "id" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "kind" "ModuleEvaluationKind" NOT NULL,
    "evaluatorId" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "evaluatedAt" TIMESTAMP(3) NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersededAt" TIMESTAMP(3),

    CONSTRAINT "CleaEvaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CleaModuleResult" (
    "id" TEXT NOT NULL,
    "evaluationId" TEXT NOT NULL,
    "blockCode" TEXT NOT NULL,
    "mastered" BOOLEAN NOT NULL,
    "comment" TEXT,

    CONSTRAINT "CleaModuleResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CleaTrainingLine" (
    "id" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "preliminaryId" TEXT NOT NULL,
    "blockCode" TEXT NOT NULL,
    "toTrain" TEXT NOT NULL,
    "partnerId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CleaTrainingLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CleaPortfolio" (
    "id" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "evaluationId" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "modules" JSONB NOT NULL,

    CONSTRAINT "CleaPortfolio_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CleaCommissionRule" (
    "certificationId" TEXT NOT NULL,
    "employerSeats" INTEGER NOT NULL DEFAULT 1,
    "employeeSeats" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CleaCommissionRule_pkey" PRIMARY KEY ("certificationId")
);

-- CreateIndex
CREATE UNIQUE INDEX "CleaFile_attemptId_key" ON "CleaFile"("attemptId");

-- CreateIndex
CREATE UNIQUE INDEX "CleaFile_decisionId_key" ON "CleaFile"("decisionId");

-- CreateIndex
CREATE INDEX "CleaEvaluation_fileId_evaluatedAt_idx" ON "CleaEvaluation"("fileId", "evaluatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CleaModuleResult_evaluationId_blockCode_key" ON "CleaModuleResult"("evaluationId", "blockCode");

-- CreateIndex
CREATE UNIQUE INDEX "CleaTrainingLine_preliminaryId_blockCode_key" ON "CleaTrainingLine"("preliminaryId", "blockCode");

-- CreateIndex
CREATE UNIQUE INDEX "CleaPortfolio_evaluationId_key" ON "CleaPortfolio"("evaluationId");

-- AddForeignKey
ALTER TABLE "CleaFile" ADD CONSTRAINT "CleaFile_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CleaEvaluation" ADD CONSTRAINT "CleaEvaluation_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "CleaFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CleaModuleResult" ADD CONSTRAINT "CleaModuleResult_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "CleaEvaluation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CleaTrainingLine" ADD CONSTRAINT "CleaTrainingLine_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "CleaFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CleaPortfolio" ADD CONSTRAINT "CleaPortfolio_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "CleaFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
