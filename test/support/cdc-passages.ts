// Generated CDC passages for volume tests and benchmarks: `count` holders of one certification, each with a
// RESULT_PUBLISHED attempt and a PENDING passage — 90 % identified by titulaire (half by INSEE code, half by
// postal code), 5 % by their CPF file only, 5 % blocked (no birth date, no CPF file). One multi-row
// INSERT … SELECT generate_series per table.
export function generatedPassagesSql(options: { count: number; partnerId: string; certificationId: string; frameworkVersionId: string; prefix?: string }): string {
  const { count, partnerId, certificationId, frameworkVersionId } = options;
  const p = options.prefix ?? 'bench';
  return `
      INSERT INTO "Candidate" (id, "partnerId", "fileNumber", email, "birthName", "usageName", "firstName", "birthDate", sex,
                               "birthInseeCode", "birthPostalCode", "birthCity", "cpfFileNumber", "updatedAt")
      SELECT '${p}-c-' || i, '${partnerId}', '${p.toUpperCase()}-' || i, '${p}' || i || '@example.fr', 'NOM-' || i || ' D''ARC',
             CASE WHEN i % 3 = 0 THEN 'USAGE' END, 'Prénom',
             CASE WHEN i % 10 = 0 THEN NULL ELSE date '1970-01-01' + (i % 12000) END,
             (CASE WHEN i % 2 = 0 THEN 'M' ELSE 'F' END)::"Sex",
             CASE WHEN i % 4 = 1 THEN NULL ELSE '75056' END, '75001', 'Paris',
             CASE WHEN i % 20 = 10 THEN lpad(i::text, 11, '2') END, now()
        FROM generate_series(1, ${count}) AS i;
      INSERT INTO "Attempt" (id, "candidateId", "certificationId", "frameworkVersionId", state, "blockCodesInScope", "updatedAt")
      SELECT '${p}-a-' || i, '${p}-c-' || i, '${certificationId}', '${frameworkVersionId}', 'RESULT_PUBLISHED', '{}', now()
        FROM generate_series(1, ${count}) AS i;
      INSERT INTO "CdcPassage" (id, "attemptId", "idTechnique", "juryDate", "transmitBy", "updatedAt")
      SELECT md5('${p}-p-' || i), '${p}-a-' || i, 'CJ-${p.toUpperCase()}-' || i, now() - interval '20 days', now() + interval '70 days', now()
        FROM generate_series(1, ${count}) AS i;`;
}
