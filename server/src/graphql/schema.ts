// Assembles the schema from the modules. Import order does not matter; each module registers its types.
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.ts';
import './enums.ts';
import '../modules/identity/identity.graphql.ts';
import '../modules/account/account.graphql.ts';
import '../modules/certification/certification.graphql.ts';
import '../modules/candidate/candidate.graphql.ts';
import '../modules/project-file/project-file.graphql.ts';
import '../modules/jury/jury.graphql.ts';
import '../modules/partner/partner.graphql.ts';
import '../modules/scoring/scoring.graphql.ts';
import '../modules/scoring/integrity.graphql.ts';
import '../modules/exam-session/exam-session.graphql.ts';
import '../modules/audit/audit.graphql.ts';
import '../modules/privacy/privacy.graphql.ts';
import '../modules/privacy/rectification.graphql.ts';
import '../modules/cdc/cdc.graphql.ts';
import '../modules/quiz/quiz.graphql.ts';
import '../modules/quiz/questionnaire.graphql.ts';
import '../modules/result/result.graphql.ts';
import '../jobs/jobs.graphql.ts';
import '../modules/appeal/appeal.graphql.ts';
import '../modules/certificate/certificate.graphql.ts';
import '../modules/feedback/feedback.graphql.ts';
import '../modules/statistics/statistics.graphql.ts';
import '../modules/statistics/dashboard-trends.graphql.ts';
import '../modules/complaint/complaint.graphql.ts';
import '../modules/candidate/retake.graphql.ts';
import '../modules/cqp/cqp.graphql.ts';
import '../modules/vae/vae.graphql.ts';
import '../modules/notification/notification.graphql.ts';
import '../modules/clea/clea.graphql.ts';

let schema: GraphQLSchema | undefined;

export function getSchema(): GraphQLSchema {
  schema ??= builder.toSchema();
  return schema;
}

/** The committed `schema.graphql`: sorted so that diffs stay readable. */
export function printedSchema(): string {
  return printSchema(lexicographicSortSchema(getSchema())) + '\n';
}
