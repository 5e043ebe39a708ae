-- CreateTable
CREATE TABLE "JurorCertification" (
    "jurorId" TEXT NOT NULL,
    "certificationId" TEXT NOT NULL,

    CONSTRAINT "JurorCertification_pkey" PRIMARY KEY ("jurorId","certificationId")
);

-- CreateTable
CREATE TABLE "JurorAvailability" (
    "jurorId" TEXT NOT NULL,
    "day" DATE NOT NULL,

    CONSTRAINT "JurorAvailability_pkey" PRIMARY KEY ("jurorId","day")
);

-- CreateIndex
CREATE INDEX "JurorCertification_certificationId_idx" ON "JurorCertification"("certificationId");

-- AddForeignKey
ALTER TABLE "JurorCertification" ADD CONSTRAINT "JurorCertification_jurorId_fkey" FOREIGN KEY ("jurorId") REFERENCES "JurorProfile"("userId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JurorCertification" ADD CONSTRAINT "JurorCertification_certificationId_fkey" FOREIGN KEY ("certificationId") REFERENCES "Certification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JurorAvailability" ADD CONSTRAINT "JurorAvailability_jurorId_fkey" FOREIGN KEY ("jurorId") REFERENCES "JurorProfile"("userId") ON DELETE CASCADE ON UPDATE CASCADE;
