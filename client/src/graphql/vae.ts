// VAE and acquired blocks (issue 13): the candidate's experience periods and eligibility, the admins' review
// queue of periods, and the evidence upload (POST /uploads/experience-evidence, like project files).
import { authToken } from '../auth/token';
import { currentLocale } from '../i18n';
import { downloadWithCredential } from './download';
import { graphql, type ResultOf } from './tada';

export const MyVaeJourneyQuery = graphql(`
  query MyVaeJourney {
    myAttempts {
      id
      state
      accessRoute
      certification { id code decisionRule vaeOpen }
      vaeEligibility { eligible reason reasonMessage acceptedMonths requiredMonths pendingMonths pendingPeriods acceptedPeriods refusedPeriods }
      experiencePeriods { id employer jobTitle activities startDate endDate months status reviewReason evidenceFilename }
      vaeBlockModalities { blockCode modalities }
      acquiredBlocks { blockCode acquiredAt source viaEquivalence { certificationCode blockCode } }
      result { outcome published blocks { code validated inScope acquiredEarlier } }
    }
  }
`);
export type VaeJourneyAttempt = ResultOf<typeof MyVaeJourneyQuery>['myAttempts'][number];

export const DeclareExperiencePeriodMutation = graphql(`
  mutation DeclareExperiencePeriod($attemptId: ID!, $input: ExperiencePeriodInput!) {
    declareExperiencePeriod(attemptId: $attemptId, input: $input) { id status months }
  }
`);

export const ExperiencePeriodsToReviewQuery = graphql(`
  query ExperiencePeriodsToReview($status: ExperiencePeriodStatus) {
    experiencePeriodsToReview(status: $status) {
      id employer jobTitle activities startDate endDate months status reviewReason declaredAt evidenceFilename evidencePath
      attempt { id candidateName certification { code title } vaeEligibility { eligible acceptedMonths requiredMonths } }
    }
  }
`);
export type PeriodToReview = ResultOf<typeof ExperiencePeriodsToReviewQuery>['experiencePeriodsToReview'][number];

export const ReviewExperiencePeriodMutation = graphql(`
  mutation ReviewExperiencePeriod($periodId: ID!, $accepted: Boolean!, $reason: String) {
    reviewExperiencePeriod(periodId: $periodId, accepted: $accepted, reason: $reason) { id status reviewReason }
  }
`);

export class EvidenceUploadError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

/** Sends one evidence file for a period; resolves once the server recorded it. */
export async function uploadEvidence(periodId: string, file: File, networkMessage: string): Promise<void> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`/uploads/experience-evidence?periodId=${encodeURIComponent(periodId)}`, {
      method: 'POST',
      headers: { 'accept-language': currentLocale(), ...(authToken.value ? { authorization: `Bearer ${authToken.value}` } : {}) },
      body: form,
    });
  } catch {
    throw new EvidenceUploadError(networkMessage, 0);
  }
  if (response.status === 201) return;
  const body = (await response.json().catch(() => ({}))) as { errors?: { message?: string }[] };
  throw new EvidenceUploadError(body.errors?.[0]?.message || networkMessage, response.status);
}

/** Downloads a period's evidence with the bearer token (a plain link would not carry it). */
export function downloadEvidence(path: string, filename: string): Promise<void> {
  return downloadWithCredential(path, filename);
}
