// Appeals (issue 7): operations, their types, and the attachment upload (plain HTTP, see server
// modules/appeal/appeal.http.ts).
import { downloadWithCredential } from './download';
import { graphql, type ResultOf, type VariablesOf } from './tada';
import { authToken } from '../auth/token';
import { currentLocale } from '../i18n';
import type { EnumOf } from './types';

export type CaseState = EnumOf<'CaseState'>;

/** The server's limits (appeal.rules.ts), shown in the form. */
export const APPEAL_STATEMENT_MIN = 20;
export const APPEAL_STATEMENT_MAX = 5000;
export const APPEAL_MAX_ATTACHMENTS = 5;
export const APPEAL_ATTACHMENT_ACCEPT = 'application/pdf,image/png,image/jpeg';

const APPEAL_FIELDS = graphql(`
  fragment AppealFields on Appeal @_unmask {
    id
    state
    statement
    moderationReason
    submittedAt
    answerBy
    daysLeft
    late
    atRisk
    open
    version
    viaLink
    attemptId
    candidateName
    contestedOutcome
    reEvaluationOralId
    reEvaluatedAt
    closedAt
    certification {
      id
      code
      title
    }
    attachments {
      id
      filename
      mimeType
      size
      downloadPath
    }
    history {
      at
      action
      state
      reason
    }
  }
`);

export const AppealByTokenQuery = graphql(`
  query AppealByToken($token: String!) {
    appealByToken(token: $token) {
      resultId
      attemptId
      certificationCode
      certificationTitle
      outcome
      publishedAt
      contestUntil
    }
  }
`);

export const SubmitAppealWithTokenMutation = graphql(`
  mutation SubmitAppealWithToken($token: String!, $input: AppealInput!) {
    submitAppealWithToken(token: $token, input: $input) {
      ...AppealFields
    }
  }
`, [APPEAL_FIELDS]);

export const SubmitAppealMutation = graphql(`
  mutation SubmitAppeal($attemptId: ID!, $input: AppealInput!) {
    submitAppeal(attemptId: $attemptId, input: $input) {
      ...AppealFields
    }
  }
`, [APPEAL_FIELDS]);

/** The candidate's page: the attempt's result (window) and its appeals. */
export const CandidateAppealQuery = graphql(`
  query CandidateAppeal($attemptId: ID!) {
    myAttempts {
      id
      state
      certification {
        id
        code
        title
      }
      result {
        id
        outcome
        published
        contestUntil
      }
    }
    attemptAppeals(attemptId: $attemptId) {
      ...AppealFields
    }
  }
`, [APPEAL_FIELDS]);

export const AppealsQueueQuery = graphql(`
  query AppealsQueue($state: CaseState, $atRisk: Boolean) {
    appeals(first: 200, state: $state, atRisk: $atRisk) {
      totalCount
      edges {
        node {
          ...AppealFields
        }
      }
    }
  }
`, [APPEAL_FIELDS]);

export const StartAppealReviewMutation = graphql(`
  mutation StartAppealReview($id: ID!, $expectedVersion: Int!) {
    startAppealReview(id: $id, expectedVersion: $expectedVersion) {
      ...AppealFields
    }
  }
`, [APPEAL_FIELDS]);

export const DecideAppealMutation = graphql(`
  mutation DecideAppeal($id: ID!, $expectedVersion: Int!, $upheld: Boolean!, $reason: String!) {
    decideAppeal(id: $id, expectedVersion: $expectedVersion, upheld: $upheld, reason: $reason) {
      ...AppealFields
    }
  }
`, [APPEAL_FIELDS]);

export const CloseAppealMutation = graphql(`
  mutation CloseAppeal($id: ID!, $expectedVersion: Int!) {
    closeAppeal(id: $id, expectedVersion: $expectedVersion) {
      ...AppealFields
    }
  }
`, [APPEAL_FIELDS]);

export const ReEvaluationPickerQuery = graphql(`
  query ReEvaluationPicker($appealId: ID!, $certificationId: ID!) {
    reEvaluationJurors(appealId: $appealId) {
      eligible
      reasons {
        code
        message
      }
      juror {
        id
        displayName
      }
    }
    juries(certificationId: $certificationId) {
      id
      name
      members {
        role
        juror {
          id
          displayName
        }
      }
    }
  }
`);

export const OpenReEvaluationMutation = graphql(`
  mutation OpenReEvaluation($appealId: ID!, $expectedVersion: Int!, $juryId: ID!, $scheduledAt: DateTime!) {
    openReEvaluation(appealId: $appealId, expectedVersion: $expectedVersion, juryId: $juryId, scheduledAt: $scheduledAt) {
      ...AppealFields
    }
  }
`, [APPEAL_FIELDS]);

export const AppealEventsSubscription = graphql(`
  subscription AppealEvents($appealId: ID!, $since: Int) {
    appealEvents(appealId: $appealId, since: $since) {
      seq
      type
      appealId
      state
    }
  }
`);

export const AppealQueueEventsSubscription = graphql(`
  subscription AppealQueueEvents($since: Int) {
    appealQueueEvents(since: $since) {
      seq
      type
      appealId
      state
    }
  }
`);

export type Appeal = ResultOf<typeof APPEAL_FIELDS>;
export type AppealAttachment = Appeal['attachments'][number];
export type AppealInput = VariablesOf<typeof SubmitAppealMutation>['input'];
export type AppealEvent = ResultOf<typeof AppealEventsSubscription>['appealEvents'];

/** An upload refused by the server, with its translated message. */
export class UploadError extends Error {}

/** Uploads one attachment (for the candidate's attempt, or through a contest link); resolves its id. */
export async function uploadAppealAttachment(target: { attemptId: string } | { token: string }, file: File): Promise<string> {
  const query = 'token' in target ? `token=${encodeURIComponent(target.token)}` : `attemptId=${encodeURIComponent(target.attemptId)}`;
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { 'accept-language': currentLocale() };
  if (!('token' in target) && authToken.value) headers.authorization = `Bearer ${authToken.value}`;
  const response = await fetch(`/uploads/appeal-attachment?${query}`, { method: 'POST', headers, body: form });
  const body = (await response.json().catch(() => ({}))) as { attachmentId?: string; errors?: { message: string }[] };
  if (!response.ok || !body.attachmentId) throw new UploadError(body.errors?.[0]?.message ?? response.statusText);
  return body.attachmentId;
}

/** Opens an attachment (the download needs the bearer token, so it goes through a blob URL). */
export async function openAppealAttachment(attachment: AppealAttachment): Promise<void> {
  try {
    await downloadWithCredential(attachment.downloadPath, attachment.filename);
  } catch (error) {
    throw new UploadError((error as Error).message);
  }
}
