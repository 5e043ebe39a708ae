-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'JUROR', 'PARTNER', 'CANDIDATE');

-- CreateEnum
CREATE TYPE "Locale" AS ENUM ('fr', 'en');

-- CreateEnum
CREATE TYPE "Registry" AS ENUM ('RNCP', 'RS', 'CQP', 'CLEA');

-- CreateEnum
CREATE TYPE "DecisionRule" AS ENUM ('ALL_COMPETENCES', 'BY_BLOCK');

-- CreateEnum
CREATE TYPE "AggregationMethod" AS ENUM ('MEAN', 'MEDIAN', 'CONSENSUS');

-- CreateEnum
CREATE TYPE "FrameworkStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'RETIRED');

-- CreateEnum
CREATE TYPE "Modality" AS ENUM ('QUESTIONNAIRE', 'PROJECT_FILE', 'ORAL', 'OBSERVATION', 'INTERVIEW', 'WRITTEN');

-- CreateEnum
CREATE TYPE "Sex" AS ENUM ('M', 'F');

-- CreateEnum
CREATE TYPE "AccommodationKind" AS ENUM ('EXTRA_TIME', 'REMOTE_ORAL', 'ACCESSIBLE_ROOM', 'ASSISTANT', 'ADAPTED_MATERIAL', 'OTHER');

-- CreateEnum
CREATE TYPE "AccessRoute" AS ENUM ('INITIAL_TRAINING', 'CONTINUING_TRAINING', 'APPRENTICESHIP', 'PROFESSIONALISATION', 'VAE', 'INDEPENDENT_CANDIDATE');

-- CreateEnum
CREATE TYPE "Funding" AS ENUM ('CPF', 'SELF', 'EMPLOYER', 'OPCO', 'FRANCE_TRAVAIL', 'REGION', 'OTHER');

-- CreateEnum
CREATE TYPE "AttemptState" AS ENUM ('REGISTERED', 'FILE_SUBMITTED', 'FILE_ACKNOWLEDGED', 'SCHEDULED', 'IN_EVALUATION', 'DECIDED', 'RESULT_PUBLISHED', 'FROZEN', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ExamMode" AS ENUM ('REMOTE', 'ON_SITE', 'MIXED');

-- CreateEnum
CREATE TYPE "JuryKind" AS ENUM ('EVALUATION_AND_DELIBERATION', 'EVALUATION', 'DELIBERATION', 'COMMISSION');

-- CreateEnum
CREATE TYPE "JuryRole" AS ENUM ('PRESIDENT', 'MEMBER');

-- CreateEnum
CREATE TYPE "Representation" AS ENUM ('EMPLOYER', 'EMPLOYEE', 'QUALIFIED_PERSON');

-- CreateEnum
CREATE TYPE "OralPhase" AS ENUM ('WAITING', 'IDENTITY_CHECKED', 'PRESENTATION', 'QUESTIONS', 'DELIBERATION', 'DECIDED', 'SIGNED');

-- CreateEnum
CREATE TYPE "Outcome" AS ENUM ('CERTIFIED', 'PARTIALLY_CERTIFIED', 'NOT_CERTIFIED');

-- CreateEnum
CREATE TYPE "CaseState" AS ENUM ('SUBMITTED', 'UNDER_REVIEW', 'UPHELD', 'REJECTED', 'CLOSED');

-- CreateEnum
CREATE TYPE "ComplaintSubject" AS ENUM ('TRAINING', 'CERTIFICATION_PROCESS');

-- CreateEnum
CREATE TYPE "QuestionKind" AS ENUM ('SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'TRUE_FALSE', 'NUMERIC');

-- CreateEnum
CREATE TYPE "QuizPurpose" AS ENUM ('PRACTICE', 'ASSESSED');

-- CreateEnum
CREATE TYPE "ModuleEvaluationKind" AS ENUM ('PRELIMINARY', 'FINAL');

-- CreateEnum
CREATE TYPE "CdcPassageStatus" AS ENUM ('PENDING', 'SENT', 'ACCEPTED', 'REJECTED');

-- CreateEnum
CREATE TYPE "NotificationStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "Certifier" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "siret" TEXT NOT NULL,
    "cdcClientId" TEXT,
    "cdcContractId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Certifier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Partner" (
    "id" TEXT NOT NULL,
    "certifierId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "siret" TEXT NOT NULL,
    "declarationNumber" TEXT,
    "contactEmail" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Partner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "certifierId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "displayName" TEXT NOT NULL,
    "locale" "Locale" NOT NULL DEFAULT 'fr',
    "partnerId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMP(3),

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JurorProfile" (
    "userId" TEXT NOT NULL,
    "profession" TEXT,
    "employer" TEXT,
    "isCertifierEmployee" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "JurorProfile_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "TrainerLink" (
    "id" TEXT NOT NULL,
    "jurorId" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "since" TIMESTAMP(3),
    "until" TIMESTAMP(3),

    CONSTRAINT "TrainerLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConflictDeclaration" (
    "id" TEXT NOT NULL,
    "jurorId" TEXT NOT NULL,
    "candidateId" TEXT,
    "partnerId" TEXT,
    "reason" TEXT NOT NULL,
    "declaredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConflictDeclaration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Certification" (
    "id" TEXT NOT NULL,
    "certifierId" TEXT NOT NULL,
    "registry" "Registry" NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "level" INTEGER,
    "decisionRule" "DecisionRule" NOT NULL,
    "aggregationMethod" "AggregationMethod" NOT NULL DEFAULT 'MEAN',
    "disagreementThreshold" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "oralTotalMinutes" INTEGER NOT NULL DEFAULT 30,
    "oralPresentationMinutes" INTEGER NOT NULL DEFAULT 15,
    "oralQuestionsMinutes" INTEGER NOT NULL DEFAULT 15,
    "minJurySize" INTEGER NOT NULL DEFAULT 2,
    "appealWindowDays" INTEGER NOT NULL DEFAULT 30,
    "maxAttempts" INTEGER,
    "successRateMinCandidates" INTEGER NOT NULL DEFAULT 10,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Certification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FrameworkVersion" (
    "id" TEXT NOT NULL,
    "certificationId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "FrameworkStatus" NOT NULL DEFAULT 'DRAFT',
    "scaleMin" INTEGER NOT NULL DEFAULT 0,
    "scaleMax" INTEGER NOT NULL DEFAULT 4,
    "scaleLabels" JSONB,
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FrameworkVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Block" (
    "id" TEXT NOT NULL,
    "frameworkVersionId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "Block_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Competence" (
    "id" TEXT NOT NULL,
    "frameworkVersionId" TEXT NOT NULL,
    "blockId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "modality" "Modality" NOT NULL DEFAULT 'ORAL',
    "minimumScore" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "Competence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Criterion" (
    "id" TEXT NOT NULL,
    "competenceId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "Criterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BlockEquivalence" (
    "id" TEXT NOT NULL,
    "fromCertificationCode" TEXT NOT NULL,
    "fromBlockCode" TEXT NOT NULL,
    "toCertificationCode" TEXT NOT NULL,
    "toBlockCode" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BlockEquivalence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Candidate" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "fileNumber" TEXT NOT NULL,
    "userId" TEXT,
    "email" TEXT NOT NULL,
    "birthName" TEXT NOT NULL,
    "usageName" TEXT,
    "firstName" TEXT NOT NULL,
    "firstName2" TEXT,
    "firstName3" TEXT,
    "birthDate" DATE,
    "sex" "Sex",
    "birthInseeCode" TEXT,
    "birthPostalCode" TEXT,
    "birthCity" TEXT,
    "birthCountryCode" TEXT,
    "cpfFileNumber" TEXT,
    "phone" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "anonymisedAt" TIMESTAMP(3),

    CONSTRAINT "Candidate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Accommodation" (
    "candidateId" TEXT NOT NULL,
    "kinds" "AccommodationKind"[],
    "extraTimeMinutes" INTEGER NOT NULL DEFAULT 0,
    "notes" TEXT,
    "recordedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Accommodation_pkey" PRIMARY KEY ("candidateId")
);

-- CreateTable
CREATE TABLE "Attempt" (
    "id" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "certificationId" TEXT NOT NULL,
    "frameworkVersionId" TEXT NOT NULL,
    "attemptNumber" INTEGER NOT NULL DEFAULT 1,
    "previousAttemptId" TEXT,
    "state" "AttemptState" NOT NULL DEFAULT 'REGISTERED',
    "accessRoute" "AccessRoute" NOT NULL DEFAULT 'CONTINUING_TRAINING',
    "funding" "Funding",
    "blockCodesInScope" TEXT[],
    "frozenAt" TIMESTAMP(3),
    "frozenReason" TEXT,
    "registeredById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AcquiredBlock" (
    "id" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "certificationId" TEXT NOT NULL,
    "blockCode" TEXT NOT NULL,
    "acquiredAt" TIMESTAMP(3) NOT NULL,
    "decisionId" TEXT,

    CONSTRAINT "AcquiredBlock_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StoredFile" (
    "id" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectFile" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "fileId" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgeBy" TIMESTAMP(3) NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,

    CONSTRAINT "ProjectFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExamSession" (
    "id" TEXT NOT NULL,
    "certificationId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "mode" "ExamMode" NOT NULL,
    "place" TEXT,
    "remoteLink" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExamSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Slot" (
    "id" TEXT NOT NULL,
    "examSessionId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "durationMinutes" INTEGER NOT NULL DEFAULT 30,
    "capacity" INTEGER NOT NULL DEFAULT 1,
    "bookedCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Slot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Booking" (
    "id" TEXT NOT NULL,
    "slotId" TEXT NOT NULL,
    "attemptId" TEXT,
    "forAttemptId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelledAt" TIMESTAMP(3),

    CONSTRAINT "Booking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Jury" (
    "id" TEXT NOT NULL,
    "certificationId" TEXT NOT NULL,
    "examSessionId" TEXT,
    "name" TEXT NOT NULL,
    "kind" "JuryKind" NOT NULL DEFAULT 'EVALUATION_AND_DELIBERATION',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Jury_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JuryMember" (
    "id" TEXT NOT NULL,
    "juryId" TEXT NOT NULL,
    "jurorId" TEXT NOT NULL,
    "role" "JuryRole" NOT NULL,
    "representation" "Representation",

    CONSTRAINT "JuryMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Oral" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "juryId" TEXT NOT NULL,
    "slotId" TEXT,
    "scheduledAt" TIMESTAMP(3) NOT NULL,
    "phase" "OralPhase" NOT NULL DEFAULT 'WAITING',
    "phaseStartedAt" TIMESTAMP(3),
    "extraTimeMinutes" INTEGER NOT NULL DEFAULT 0,
    "identityCheckedAt" TIMESTAMP(3),
    "identityDocumentType" TEXT,
    "fraudReportedAt" TIMESTAMP(3),
    "fraudStatement" TEXT,
    "lockedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Oral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Score" (
    "id" TEXT NOT NULL,
    "oralId" TEXT NOT NULL,
    "jurorId" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "comment" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Score_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreedScore" (
    "id" TEXT NOT NULL,
    "oralId" TEXT NOT NULL,
    "competenceId" TEXT NOT NULL,
    "aggregationMethod" "AggregationMethod" NOT NULL,
    "aggregateValue" DOUBLE PRECISION,
    "spread" DOUBLE PRECISION,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "agreedValue" DOUBLE PRECISION NOT NULL,
    "justification" TEXT,
    "setById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AgreedScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "oralId" TEXT,
    "frameworkVersionId" TEXT NOT NULL,
    "rule" "DecisionRule" NOT NULL,
    "ruleVersion" TEXT NOT NULL,
    "outcome" "Outcome" NOT NULL,
    "details" JSONB NOT NULL,
    "validatedBlockCodes" TEXT[],
    "juryDate" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersededById" TEXT,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Minutes" (
    "id" TEXT NOT NULL,
    "oralId" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "contentHash" TEXT NOT NULL,
    "generatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedAt" TIMESTAMP(3),

    CONSTRAINT "Minutes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MinutesSignature" (
    "id" TEXT NOT NULL,
    "minutesId" TEXT NOT NULL,
    "jurorId" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MinutesSignature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Result" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "publishBy" TIMESTAMP(3) NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "publishedById" TEXT,

    CONSTRAINT "Result_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SigningKey" (
    "id" TEXT NOT NULL,
    "certifierId" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "privateKeyEncrypted" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "blockCodes" TEXT[],
    "credential" JSONB NOT NULL,
    "signingKeyId" TEXT NOT NULL,
    "issueBy" TIMESTAMP(3) NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "revocationReason" TEXT,

    CONSTRAINT "Certificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Feedback" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "ratings" JSONB NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Feedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Appeal" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "state" "CaseState" NOT NULL DEFAULT 'SUBMITTED',
    "statement" TEXT NOT NULL,
    "moderationReason" TEXT,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answerBy" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "reEvaluationOralId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Appeal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppealToken" (
    "id" TEXT NOT NULL,
    "resultId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AppealToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppealAttachment" (
    "id" TEXT NOT NULL,
    "appealId" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,

    CONSTRAINT "AppealAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Complaint" (
    "id" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "attemptId" TEXT,
    "partnerId" TEXT,
    "subject" "ComplaintSubject" NOT NULL,
    "statement" TEXT NOT NULL,
    "state" "CaseState" NOT NULL DEFAULT 'SUBMITTED',
    "answer" TEXT,
    "moderationReason" TEXT,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answerBy" TIMESTAMP(3) NOT NULL,
    "answeredAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Complaint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuizQuestion" (
    "id" TEXT NOT NULL,
    "frameworkVersionId" TEXT NOT NULL,
    "competenceId" TEXT NOT NULL,
    "kind" "QuestionKind" NOT NULL,
    "prompt" TEXT NOT NULL,
    "choices" JSONB,
    "correctAnswer" JSONB NOT NULL,
    "explanation" TEXT,
    "retiredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuizQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuizAttempt" (
    "id" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "attemptId" TEXT,
    "purpose" "QuizPurpose" NOT NULL,
    "questionIds" TEXT[],
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deadlineAt" TIMESTAMP(3),
    "submittedAt" TIMESTAMP(3),
    "results" JSONB,

    CONSTRAINT "QuizAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuizAnswer" (
    "id" TEXT NOT NULL,
    "quizAttemptId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "answer" JSONB NOT NULL,
    "correct" BOOLEAN,
    "answeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuizAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModuleEvaluation" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "blockId" TEXT NOT NULL,
    "kind" "ModuleEvaluationKind" NOT NULL,
    "evaluatorId" TEXT NOT NULL,
    "mastered" BOOLEAN NOT NULL,
    "comment" TEXT,
    "evaluatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModuleEvaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingPath" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "partnerId" TEXT,
    "blockCodes" TEXT[],
    "notes" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingPath_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExperiencePeriod" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "employer" TEXT NOT NULL,
    "jobTitle" TEXT NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "evidenceFileId" TEXT,
    "checkedAt" TIMESTAMP(3),
    "checkedById" TEXT,
    "accepted" BOOLEAN,

    CONSTRAINT "ExperiencePeriod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CdcBatch" (
    "id" TEXT NOT NULL,
    "certifierId" TEXT NOT NULL,
    "schemaVersion" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "storageKey" TEXT,
    "passageCount" INTEGER NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reportIdFlux" TEXT,
    "reportIdTraitement" TEXT,
    "reportImportedAt" TIMESTAMP(3),

    CONSTRAINT "CdcBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CdcPassage" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "idTechnique" TEXT NOT NULL,
    "status" "CdcPassageStatus" NOT NULL DEFAULT 'PENDING',
    "juryDate" TIMESTAMP(3) NOT NULL,
    "transmitBy" TIMESTAMP(3) NOT NULL,
    "lastBatchId" TEXT,
    "acceptedAt" TIMESTAMP(3),
    "rejectionMessage" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CdcPassage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CdcPassageEvent" (
    "id" TEXT NOT NULL,
    "passageId" TEXT NOT NULL,
    "batchId" TEXT,
    "kind" TEXT NOT NULL,
    "message" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CdcPassageEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "seq" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorKind" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "RoomSequence" (
    "room" TEXT NOT NULL,
    "lastSeq" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RoomSequence_pkey" PRIMARY KEY ("room")
);

-- CreateTable
CREATE TABLE "EventLogEntry" (
    "id" BIGSERIAL NOT NULL,
    "room" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EventLogEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT,
    "email" TEXT,
    "template" TEXT NOT NULL,
    "locale" "Locale" NOT NULL DEFAULT 'fr',
    "data" JSONB NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "status" "NotificationStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "lastError" TEXT,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Certifier_siret_key" ON "Certifier"("siret");

-- CreateIndex
CREATE UNIQUE INDEX "Partner_siret_key" ON "Partner"("siret");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE INDEX "ApiKey_partnerId_idx" ON "ApiKey"("partnerId");

-- CreateIndex
CREATE UNIQUE INDEX "TrainerLink_jurorId_partnerId_key" ON "TrainerLink"("jurorId", "partnerId");

-- CreateIndex
CREATE INDEX "ConflictDeclaration_jurorId_idx" ON "ConflictDeclaration"("jurorId");

-- CreateIndex
CREATE UNIQUE INDEX "Certification_code_key" ON "Certification"("code");

-- CreateIndex
CREATE UNIQUE INDEX "FrameworkVersion_certificationId_version_key" ON "FrameworkVersion"("certificationId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Block_frameworkVersionId_code_key" ON "Block"("frameworkVersionId", "code");

-- CreateIndex
CREATE INDEX "Competence_blockId_idx" ON "Competence"("blockId");

-- CreateIndex
CREATE UNIQUE INDEX "Competence_frameworkVersionId_code_key" ON "Competence"("frameworkVersionId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Criterion_competenceId_code_key" ON "Criterion"("competenceId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "BlockEquivalence_fromCertificationCode_fromBlockCode_toCert_key" ON "BlockEquivalence"("fromCertificationCode", "fromBlockCode", "toCertificationCode", "toBlockCode");

-- CreateIndex
CREATE UNIQUE INDEX "Candidate_userId_key" ON "Candidate"("userId");

-- CreateIndex
CREATE INDEX "Candidate_partnerId_createdAt_idx" ON "Candidate"("partnerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Candidate_partnerId_fileNumber_key" ON "Candidate"("partnerId", "fileNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Attempt_previousAttemptId_key" ON "Attempt"("previousAttemptId");

-- CreateIndex
CREATE INDEX "Attempt_certificationId_state_idx" ON "Attempt"("certificationId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "Attempt_candidateId_certificationId_attemptNumber_key" ON "Attempt"("candidateId", "certificationId", "attemptNumber");

-- CreateIndex
CREATE UNIQUE INDEX "AcquiredBlock_candidateId_certificationId_blockCode_key" ON "AcquiredBlock"("candidateId", "certificationId", "blockCode");

-- CreateIndex
CREATE INDEX "ProjectFile_acknowledgedAt_acknowledgeBy_idx" ON "ProjectFile"("acknowledgedAt", "acknowledgeBy");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectFile_attemptId_version_key" ON "ProjectFile"("attemptId", "version");

-- CreateIndex
CREATE INDEX "ExamSession_certificationId_startsAt_idx" ON "ExamSession"("certificationId", "startsAt");

-- CreateIndex
CREATE INDEX "Slot_examSessionId_startsAt_idx" ON "Slot"("examSessionId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_attemptId_key" ON "Booking"("attemptId");

-- CreateIndex
CREATE INDEX "Booking_slotId_idx" ON "Booking"("slotId");

-- CreateIndex
CREATE INDEX "JuryMember_jurorId_idx" ON "JuryMember"("jurorId");

-- CreateIndex
CREATE UNIQUE INDEX "JuryMember_juryId_jurorId_key" ON "JuryMember"("juryId", "jurorId");

-- CreateIndex
CREATE INDEX "Oral_juryId_scheduledAt_idx" ON "Oral"("juryId", "scheduledAt");

-- CreateIndex
CREATE INDEX "Oral_attemptId_idx" ON "Oral"("attemptId");

-- CreateIndex
CREATE UNIQUE INDEX "Score_oralId_jurorId_criterionId_key" ON "Score"("oralId", "jurorId", "criterionId");

-- CreateIndex
CREATE UNIQUE INDEX "AgreedScore_oralId_competenceId_key" ON "AgreedScore"("oralId", "competenceId");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_oralId_key" ON "Decision"("oralId");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_supersededById_key" ON "Decision"("supersededById");

-- CreateIndex
CREATE INDEX "Decision_attemptId_idx" ON "Decision"("attemptId");

-- CreateIndex
CREATE UNIQUE INDEX "Minutes_oralId_key" ON "Minutes"("oralId");

-- CreateIndex
CREATE UNIQUE INDEX "MinutesSignature_minutesId_jurorId_key" ON "MinutesSignature"("minutesId", "jurorId");

-- CreateIndex
CREATE UNIQUE INDEX "Result_attemptId_key" ON "Result"("attemptId");

-- CreateIndex
CREATE UNIQUE INDEX "Result_decisionId_key" ON "Result"("decisionId");

-- CreateIndex
CREATE INDEX "Certificate_attemptId_idx" ON "Certificate"("attemptId");

-- CreateIndex
CREATE UNIQUE INDEX "Feedback_attemptId_key" ON "Feedback"("attemptId");

-- CreateIndex
CREATE INDEX "Appeal_state_answerBy_idx" ON "Appeal"("state", "answerBy");

-- CreateIndex
CREATE UNIQUE INDEX "AppealToken_tokenHash_key" ON "AppealToken"("tokenHash");

-- CreateIndex
CREATE INDEX "Complaint_partnerId_state_idx" ON "Complaint"("partnerId", "state");

-- CreateIndex
CREATE INDEX "QuizQuestion_frameworkVersionId_competenceId_idx" ON "QuizQuestion"("frameworkVersionId", "competenceId");

-- CreateIndex
CREATE INDEX "QuizAttempt_candidateId_purpose_idx" ON "QuizAttempt"("candidateId", "purpose");

-- CreateIndex
CREATE UNIQUE INDEX "QuizAnswer_quizAttemptId_questionId_key" ON "QuizAnswer"("quizAttemptId", "questionId");

-- CreateIndex
CREATE UNIQUE INDEX "ModuleEvaluation_attemptId_blockId_kind_key" ON "ModuleEvaluation"("attemptId", "blockId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "CdcBatch_fileName_key" ON "CdcBatch"("fileName");

-- CreateIndex
CREATE UNIQUE INDEX "CdcPassage_attemptId_key" ON "CdcPassage"("attemptId");

-- CreateIndex
CREATE UNIQUE INDEX "CdcPassage_idTechnique_key" ON "CdcPassage"("idTechnique");

-- CreateIndex
CREATE INDEX "CdcPassage_status_transmitBy_idx" ON "CdcPassage"("status", "transmitBy");

-- CreateIndex
CREATE INDEX "CdcPassageEvent_passageId_at_idx" ON "CdcPassageEvent"("passageId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_hash_key" ON "AuditEntry"("hash");

-- CreateIndex
CREATE INDEX "AuditEntry_entityType_entityId_idx" ON "AuditEntry"("entityType", "entityId");

-- CreateIndex
CREATE UNIQUE INDEX "EventLogEntry_room_seq_key" ON "EventLogEntry"("room", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_dedupeKey_key" ON "Notification"("dedupeKey");

-- CreateIndex
CREATE INDEX "Notification_status_nextAttemptAt_idx" ON "Notification"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");

-- AddForeignKey
ALTER TABLE "Partner" ADD CONSTRAINT "Partner_certifierId_fkey" FOREIGN KEY ("certifierId") REFERENCES "Certifier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_certifierId_fkey" FOREIGN KEY ("certifierId") REFERENCES "Certifier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JurorProfile" ADD CONSTRAINT "JurorProfile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainerLink" ADD CONSTRAINT "TrainerLink_jurorId_fkey" FOREIGN KEY ("jurorId") REFERENCES "JurorProfile"("userId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainerLink" ADD CONSTRAINT "TrainerLink_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConflictDeclaration" ADD CONSTRAINT "ConflictDeclaration_jurorId_fkey" FOREIGN KEY ("jurorId") REFERENCES "JurorProfile"("userId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConflictDeclaration" ADD CONSTRAINT "ConflictDeclaration_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConflictDeclaration" ADD CONSTRAINT "ConflictDeclaration_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certification" ADD CONSTRAINT "Certification_certifierId_fkey" FOREIGN KEY ("certifierId") REFERENCES "Certifier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FrameworkVersion" ADD CONSTRAINT "FrameworkVersion_certificationId_fkey" FOREIGN KEY ("certificationId") REFERENCES "Certification"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Block" ADD CONSTRAINT "Block_frameworkVersionId_fkey" FOREIGN KEY ("frameworkVersionId") REFERENCES "FrameworkVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Competence" ADD CONSTRAINT "Competence_frameworkVersionId_fkey" FOREIGN KEY ("frameworkVersionId") REFERENCES "FrameworkVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Competence" ADD CONSTRAINT "Competence_blockId_fkey" FOREIGN KEY ("blockId") REFERENCES "Block"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Criterion" ADD CONSTRAINT "Criterion_competenceId_fkey" FOREIGN KEY ("competenceId") REFERENCES "Competence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Accommodation" ADD CONSTRAINT "Accommodation_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attempt" ADD CONSTRAINT "Attempt_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attempt" ADD CONSTRAINT "Attempt_certificationId_fkey" FOREIGN KEY ("certificationId") REFERENCES "Certification"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attempt" ADD CONSTRAINT "Attempt_frameworkVersionId_fkey" FOREIGN KEY ("frameworkVersionId") REFERENCES "FrameworkVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attempt" ADD CONSTRAINT "Attempt_previousAttemptId_fkey" FOREIGN KEY ("previousAttemptId") REFERENCES "Attempt"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AcquiredBlock" ADD CONSTRAINT "AcquiredBlock_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AcquiredBlock" ADD CONSTRAINT "AcquiredBlock_certificationId_fkey" FOREIGN KEY ("certificationId") REFERENCES "Certification"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AcquiredBlock" ADD CONSTRAINT "AcquiredBlock_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectFile" ADD CONSTRAINT "ProjectFile_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectFile" ADD CONSTRAINT "ProjectFile_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExamSession" ADD CONSTRAINT "ExamSession_certificationId_fkey" FOREIGN KEY ("certificationId") REFERENCES "Certification"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Slot" ADD CONSTRAINT "Slot_examSessionId_fkey" FOREIGN KEY ("examSessionId") REFERENCES "ExamSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "Slot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Jury" ADD CONSTRAINT "Jury_certificationId_fkey" FOREIGN KEY ("certificationId") REFERENCES "Certification"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Jury" ADD CONSTRAINT "Jury_examSessionId_fkey" FOREIGN KEY ("examSessionId") REFERENCES "ExamSession"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JuryMember" ADD CONSTRAINT "JuryMember_juryId_fkey" FOREIGN KEY ("juryId") REFERENCES "Jury"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JuryMember" ADD CONSTRAINT "JuryMember_jurorId_fkey" FOREIGN KEY ("jurorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Oral" ADD CONSTRAINT "Oral_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Oral" ADD CONSTRAINT "Oral_juryId_fkey" FOREIGN KEY ("juryId") REFERENCES "Jury"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Oral" ADD CONSTRAINT "Oral_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "Slot"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Score" ADD CONSTRAINT "Score_oralId_fkey" FOREIGN KEY ("oralId") REFERENCES "Oral"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Score" ADD CONSTRAINT "Score_jurorId_fkey" FOREIGN KEY ("jurorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Score" ADD CONSTRAINT "Score_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreedScore" ADD CONSTRAINT "AgreedScore_oralId_fkey" FOREIGN KEY ("oralId") REFERENCES "Oral"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreedScore" ADD CONSTRAINT "AgreedScore_competenceId_fkey" FOREIGN KEY ("competenceId") REFERENCES "Competence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_oralId_fkey" FOREIGN KEY ("oralId") REFERENCES "Oral"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_frameworkVersionId_fkey" FOREIGN KEY ("frameworkVersionId") REFERENCES "FrameworkVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_supersededById_fkey" FOREIGN KEY ("supersededById") REFERENCES "Decision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Minutes" ADD CONSTRAINT "Minutes_oralId_fkey" FOREIGN KEY ("oralId") REFERENCES "Oral"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MinutesSignature" ADD CONSTRAINT "MinutesSignature_minutesId_fkey" FOREIGN KEY ("minutesId") REFERENCES "Minutes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MinutesSignature" ADD CONSTRAINT "MinutesSignature_jurorId_fkey" FOREIGN KEY ("jurorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Result" ADD CONSTRAINT "Result_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Result" ADD CONSTRAINT "Result_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SigningKey" ADD CONSTRAINT "SigningKey_certifierId_fkey" FOREIGN KEY ("certifierId") REFERENCES "Certifier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_signingKeyId_fkey" FOREIGN KEY ("signingKeyId") REFERENCES "SigningKey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appeal" ADD CONSTRAINT "Appeal_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appeal" ADD CONSTRAINT "Appeal_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppealAttachment" ADD CONSTRAINT "AppealAttachment_appealId_fkey" FOREIGN KEY ("appealId") REFERENCES "Appeal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppealAttachment" ADD CONSTRAINT "AppealAttachment_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizQuestion" ADD CONSTRAINT "QuizQuestion_frameworkVersionId_fkey" FOREIGN KEY ("frameworkVersionId") REFERENCES "FrameworkVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizQuestion" ADD CONSTRAINT "QuizQuestion_competenceId_fkey" FOREIGN KEY ("competenceId") REFERENCES "Competence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizAttempt" ADD CONSTRAINT "QuizAttempt_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizAttempt" ADD CONSTRAINT "QuizAttempt_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizAnswer" ADD CONSTRAINT "QuizAnswer_quizAttemptId_fkey" FOREIGN KEY ("quizAttemptId") REFERENCES "QuizAttempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizAnswer" ADD CONSTRAINT "QuizAnswer_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "QuizQuestion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModuleEvaluation" ADD CONSTRAINT "ModuleEvaluation_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModuleEvaluation" ADD CONSTRAINT "ModuleEvaluation_blockId_fkey" FOREIGN KEY ("blockId") REFERENCES "Block"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingPath" ADD CONSTRAINT "TrainingPath_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingPath" ADD CONSTRAINT "TrainingPath_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperiencePeriod" ADD CONSTRAINT "ExperiencePeriod_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperiencePeriod" ADD CONSTRAINT "ExperiencePeriod_evidenceFileId_fkey" FOREIGN KEY ("evidenceFileId") REFERENCES "StoredFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CdcBatch" ADD CONSTRAINT "CdcBatch_certifierId_fkey" FOREIGN KEY ("certifierId") REFERENCES "Certifier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CdcPassage" ADD CONSTRAINT "CdcPassage_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CdcPassageEvent" ADD CONSTRAINT "CdcPassageEvent_passageId_fkey" FOREIGN KEY ("passageId") REFERENCES "CdcPassage"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CdcPassageEvent" ADD CONSTRAINT "CdcPassageEvent_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "CdcBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
