-- CreateEnum
CREATE TYPE "ResultDisclosure" AS ENUM ('DECISION_ONLY', 'AGREED_SCORES', 'AGREED_SCORES_AND_JURY_NAMES');

-- AlterTable
ALTER TABLE "Certification" ADD COLUMN     "resultDisclosure" "ResultDisclosure" NOT NULL DEFAULT 'AGREED_SCORES';
