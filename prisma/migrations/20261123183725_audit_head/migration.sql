-- CreateTable
CREATE TABLE "AuditHead" (
    "chain" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "length" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "AuditHead_pkey" PRIMARY KEY ("chain")
);
