// Shared steps for oral-room tests: find today's demo oral and its grid, score, drive phases.
import { gql } from './graphql.ts';

export const ROOM = `query ($id: ID!) {
  oral(id: $id) {
    id phase version phaseStartedAt phaseEndsAt serverNow lockedAt criteriaCount
    myScores { criterionId value comment }
    jurors { jurorId displayName role scoredCount connected }
    deliberation { aggregationMethod competences { competenceId code aggregate spread flagged agreedValue justification byJuror { jurorId value } } scores { jurorId criterionId value } }
    decision { outcome ruleVersion validatedBlockCodes }
    minutes { contentHash lockedAt signatures { jurorId } }
  }
}`;

export const GRID = `query ($id: ID!) {
  oral(id: $id) { grid { scaleMin scaleMax blocks { code competences { id code minimumScore criteria { id code } } } } }
}`;

export const ORAL_EVENTS = `subscription ($oralId: ID!, $since: Int) {
  oralEvents(oralId: $oralId, since: $since) { seq type jurorId payload }
}`;

export const SCORE = `mutation ($input: ScoreCriterionInput!) { scoreCriterion(input: $input) { criterionId value } }`;
export const CONFIRM_IDENTITY = `mutation ($oralId: ID!, $doc: IdentityDocumentType!, $v: Int!) { confirmCandidateIdentity(oralId: $oralId, documentType: $doc, expectedVersion: $v) { phase version identityDocumentType } }`;
export const MOVE = `mutation ($oralId: ID!, $to: OralPhase!, $v: Int!) { moveOralPhase(oralId: $oralId, to: $to, expectedVersion: $v) { phase version } }`;
export const AGREE = `mutation ($input: AgreedScoreInput!) { setAgreedScore(input: $input) { version } }`;
export const DECIDE = `mutation ($oralId: ID!, $v: Int!) { decideOral(oralId: $oralId, expectedVersion: $v) { phase version decision { outcome ruleVersion } minutes { contentHash } } }`;
export const SIGN = `mutation ($oralId: ID!, $hash: String!) { signMinutes(oralId: $oralId, contentHash: $hash) { phase lockedAt minutes { signatures { jurorId } } } }`;

/** The demo's oral of today (jury: juror1 president, juror2, juror3), still WAITING. */
export async function todaysOral(url: string, presidentToken: string): Promise<{ oralId: string; criteria: { id: string; competenceId: string; code: string }[]; competences: { id: string; code: string; minimumScore: number }[] }> {
  const orals = await gql(url, '{ myOrals { id phase myRole candidateName } }', {}, { token: presidentToken });
  const oral = orals.data!.myOrals.find((o: any) => o.phase === 'WAITING' && o.myRole === 'PRESIDENT' && o.candidateName === 'Nicolas PETIT');
  if (!oral) throw new Error(`no waiting demo oral: ${JSON.stringify(orals)}`);
  const grid = await gql(url, GRID, { id: oral.id }, { token: presidentToken });
  const competences = grid.data!.oral.grid.blocks.flatMap((b: any) => b.competences);
  return {
    oralId: oral.id,
    competences: competences.map((c: any) => ({ id: c.id, code: c.code, minimumScore: c.minimumScore })),
    criteria: competences.flatMap((c: any) => c.criteria.map((k: any) => ({ id: k.id, code: k.code, competenceId: c.id }))),
  };
}

/** Moves the oral to its next phase as the president; IDENTITY_CHECKED confirms a national identity card. */
export async function move(url: string, token: string, oralId: string, to: string, version: number) {
  const result =
    to === 'IDENTITY_CHECKED'
      ? await gql(url, CONFIRM_IDENTITY, { oralId, doc: 'NATIONAL_ID_CARD', v: version }, { token })
      : await gql(url, MOVE, { oralId, to, v: version }, { token });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return (result.data!.confirmCandidateIdentity ?? result.data!.moveOralPhase).version as number;
}
