-- AlterTable
ALTER TABLE "Certification" ADD COLUMN     "assessedQuestionnaire" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "questionnaireMinutes" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "questionnaireQuestions" INTEGER NOT NULL DEFAULT 20;

-- AlterTable
ALTER TABLE "QuizAttempt" ADD COLUMN     "supersededAt" TIMESTAMP(3),
ADD COLUMN     "supersededReason" TEXT;
