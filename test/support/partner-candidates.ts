// Generated candidates of one partner with a decided, published attempt each (half certified), for the
// partner-list benchmark: one multi-row INSERT … SELECT generate_series per table.
export function generatedPartnerCandidatesSql(options: { count: number; partnerId: string; certificationId: string; frameworkVersionId: string; prefix?: string }): string {
  const { count, partnerId, certificationId, frameworkVersionId } = options;
  const p = options.prefix ?? 'list';
  return `
      INSERT INTO "Candidate" (id, "partnerId", "fileNumber", email, "birthName", "firstName", "createdAt", "updatedAt")
      SELECT '${p}-c-' || i, '${partnerId}', '${p.toUpperCase()}-' || lpad(i::text, 6, '0'), '${p}' || i || '@example.fr', 'NOM-' || i, 'Prénom',
             now() - (i || ' minutes')::interval, now()
        FROM generate_series(1, ${count}) AS i;
      INSERT INTO "Attempt" (id, "candidateId", "certificationId", "frameworkVersionId", state, "blockCodesInScope", "updatedAt")
      SELECT '${p}-a-' || i, '${p}-c-' || i, '${certificationId}', '${frameworkVersionId}', 'RESULT_PUBLISHED', '{}', now()
        FROM generate_series(1, ${count}) AS i;
      INSERT INTO "Decision" (id, "attemptId", "frameworkVersionId", rule, "ruleVersion", outcome, details, "validatedBlockCodes", "juryDate")
      SELECT '${p}-d-' || i, '${p}-a-' || i, '${frameworkVersionId}', 'ALL_COMPETENCES', 'generated',
             (CASE WHEN i % 2 = 0 THEN 'CERTIFIED' ELSE 'NOT_CERTIFIED' END)::"Outcome", '{}'::jsonb, '{}', now() - interval '20 days'
        FROM generate_series(1, ${count}) AS i;
      INSERT INTO "Result" (id, "attemptId", "decisionId", "publishBy", "publishedAt")
      SELECT '${p}-r-' || i, '${p}-a-' || i, '${p}-d-' || i, now() - interval '10 days', now() - interval '12 days'
        FROM generate_series(1, ${count}) AS i;`;
}
