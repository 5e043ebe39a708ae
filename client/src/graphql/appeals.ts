// Appeals (issue 7): operations, their types, and the attachment upload (plain HTTP, see server
// modules/appeal/appeal.http.ts).
import { gql } from '@urql/core';
import { authToken } from '../auth/token';
import { currentLocale } from '../i18n';
import type { CaseState } from './complaints';

export type { CaseState };
export type Outcome = 'CERTIFIED' | 'PARTIALLY_CERTIFIED' | 'NOT_CERTIFIED';

export interface AppealAttachment {
  id: string;
  filename: string;
  mimeType: string;
  size: number;
  downloadPath: string;
}

export interface AppealHistoryEntry {
  at: string;
  action: string;
  state: CaseState | null;
  reason: string | null;
}

export interface Appeal {
  id: string;
  state: CaseState;
  statement: string;
  moderationReason: string | null;
  submittedAt: string;
  answerBy: string;
  daysLeft: number | null;
  late: boolean;
  atRisk: boolean;
  open: boolean;
  version: number;
  viaLink: boolean;
  attemptId: string;
  candidateName: string;
  contestedOutcome: Outcome;
  reEvaluationOralId: string | null;
  reEvaluatedAt: string | null;
  closedAt: string | null;
  certification: { id: string; code: string; title: string };
  attachments: AppealAttachment[];
  history: AppealHistoryEntry[];
}

export interface AppealLink {
  resultId: string;
  attemptId: string;
  certificationCode: string;
  certificationTitle: string;
  outcome: Outcome;
  publishedAt: string;
  contestUntil: string;
}

export interface AppealEvent {
  seq: number;
  type: string;
  appealId: string;
  state: CaseState | null;
}

export interface ReEvaluationJuror {
  eligible: boolean;
  reasons: { code: string; message: string }[];
  juror: { id: string; displayName: string };
}

export interface AppealInput {
  statement: string;
  attachmentIds: string[];
}

/** The server's limits (appeal.rules.ts), shown in the form. */
export const APPEAL_STATEMENT_MIN = 20;
export const APPEAL_STATEMENT_MAX = 5000;
export const APPEAL_MAX_ATTACHMENTS = 5;
export const APPEAL_ATTACHMENT_ACCEPT = 'application/pdf,image/png,image/jpeg';

const APPEAL_FIELDS = gql`
  fragment AppealFields on Appeal {
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
`;

export const AppealByTokenQuery = gql<{ appealByToken: AppealLink }, { token: string }>`
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
`;

export const SubmitAppealWithTokenMutation = gql<{ submitAppealWithToken: Appeal }, { token: string; input: AppealInput }>`
  mutation SubmitAppealWithToken($token: String!, $input: AppealInput!) {
    submitAppealWithToken(token: $token, input: $input) {
      ...AppealFields
    }
  }
  ${APPEAL_FIELDS}
`;

export const SubmitAppealMutation = gql<{ submitAppeal: Appeal }, { attemptId: string; input: AppealInput }>`
  mutation SubmitAppeal($attemptId: ID!, $input: AppealInput!) {
    submitAppeal(attemptId: $attemptId, input: $input) {
      ...AppealFields
    }
  }
  ${APPEAL_FIELDS}
`;

/** The candidate's page: the attempt's result (window) and its appeals. */
export const CandidateAppealQuery = gql<
  {
    myAttempts: { id: string; state: string; certification: { id: string; code: string; title: string }; result: { id: string; outcome: Outcome; published: boolean; contestUntil: string | null } | null }[];
    attemptAppeals: Appeal[];
  },
  { attemptId: string }
>`
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
  ${APPEAL_FIELDS}
`;

export const AppealsQueueQuery = gql<
  { appeals: { totalCount: number; edges: { node: Appeal }[] } },
  { state?: CaseState | null; atRisk?: boolean | null }
>`
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
  ${APPEAL_FIELDS}
`;

export const StartAppealReviewMutation = gql<{ startAppealReview: Appeal }, { id: string; expectedVersion: number }>`
  mutation StartAppealReview($id: ID!, $expectedVersion: Int!) {
    startAppealReview(id: $id, expectedVersion: $expectedVersion) {
      ...AppealFields
    }
  }
  ${APPEAL_FIELDS}
`;

export const DecideAppealMutation = gql<{ decideAppeal: Appeal }, { id: string; expectedVersion: number; upheld: boolean; reason: string }>`
  mutation DecideAppeal($id: ID!, $expectedVersion: Int!, $upheld: Boolean!, $reason: String!) {
    decideAppeal(id: $id, expectedVersion: $expectedVersion, upheld: $upheld, reason: $reason) {
      ...AppealFields
    }
  }
  ${APPEAL_FIELDS}
`;

export const CloseAppealMutation = gql<{ closeAppeal: Appeal }, { id: string; expectedVersion: number }>`
  mutation CloseAppeal($id: ID!, $expectedVersion: Int!) {
    closeAppeal(id: $id, expectedVersion: $expectedVersion) {
      ...AppealFields
    }
  }
  ${APPEAL_FIELDS}
`;

export const ReEvaluationPickerQuery = gql<
  { reEvaluationJurors: ReEvaluationJuror[]; juries: { id: string; name: string; members: { role: string; juror: { id: string; displayName: string } }[] }[] },
  { appealId: string; certificationId: string }
>`
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
`;

export const OpenReEvaluationMutation = gql<{ openReEvaluation: Appeal }, { appealId: string; expectedVersion: number; juryId: string; scheduledAt: string }>`
  mutation OpenReEvaluation($appealId: ID!, $expectedVersion: Int!, $juryId: ID!, $scheduledAt: DateTime!) {
    openReEvaluation(appealId: $appealId, expectedVersion: $expectedVersion, juryId: $juryId, scheduledAt: $scheduledAt) {
      ...AppealFields
    }
  }
  ${APPEAL_FIELDS}
`;

export const AppealEventsSubscription = gql<{ appealEvents: AppealEvent }, { appealId: string; since?: number | null }>`
  subscription AppealEvents($appealId: ID!, $since: Int) {
    appealEvents(appealId: $appealId, since: $since) {
      seq
      type
      appealId
      state
    }
  }
`;

export const AppealQueueEventsSubscription = gql<{ appealQueueEvents: AppealEvent }, { since?: number | null }>`
  subscription AppealQueueEvents($since: Int) {
    appealQueueEvents(since: $since) {
      seq
      type
      appealId
      state
    }
  }
`;

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
  const response = await fetch(attachment.downloadPath, { headers: authToken.value ? { authorization: `Bearer ${authToken.value}` } : {} });
  if (!response.ok) throw new UploadError(response.statusText);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = attachment.filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
